"""Quote extractor quality on PolNeAR and on the hand-made seed gold.

Usage:
    python bench/quality_quotes.py --polnear PATH --gold PATH [--split test|dev] [--json]
                                   [--dump FILE] [--by-rule] [--ablate]

--by-rule breaks the PolNeAR errors down by the rules that decided each prediction (the rule
that framed the quote, the one that found the speaker's words, the one that named them; see
`briefer/extract/quotes/rules.py`). --ablate parses once, then scores the split again with each
rule left out in turn: what each rule adds.

PATH for --polnear is the PolNeAR folder (holding ``polnear_dev_test.jsonl``) or that file.
Only kind="direct" quotes are scored against quote gold; paraphrases get their own rows.

PolNeAR scoring (per split; one annotator per document, as converted):
    gold units   = attributions whose content has quotation marks (``content_has_quote_marks``).
    a predicted direct quote MATCHES a gold unit when its [start, end) overlaps, by one
                   character or more, one of the unit's content spans.
    precision    = predicted direct quotes that match some gold unit / predicted direct quotes
                   (a quote overlapping only unquoted or no gold content counts as wrong).
    recall       = gold units matched by some prediction / gold units.
    speaker      = matched predictions whose ``speaker_mention`` overlaps a Source span of a
                   gold unit they match / matched predictions whose gold units have a Source.
    names        = the name a reader sees, wherever the gold Source is more than a pronoun or
                   a relative ("he", "who"): matched predictions whose ``speaker`` ends with a
                   word of that Source's text (case-folded: "P.-O. Gourinchas" for "IMF chief
                   economist P.-O. Gourinchas"; "IMF" passes too, so the row is lenient about
                   which of the Source's names is given) / such matched predictions. A pronoun source says
                   nothing of the name, so those quotes are left out of this row, as are
                   Sources that are only the cue ("said": Source and Cue swapped in the gold).
    paraphrase rows: predicted paraphrases against attributions WITHOUT quote marks, the same
                   overlap rule (a paraphrase overlapping any gold content counts as correct).

Seed scoring (``seeds-gold.json``; texts from the repository's seeds/ folder):
    texts are compared after case folding, straight apostrophes and quotes, and trimming of
    spaces and . , ; : at the ends; a prediction MATCHES a gold quote when one text contains
    the other and the shorter is at least half as long.
    precision = predictions matching any gold quote (required or not) / predictions.
    recall    = required gold quotes matched / required gold quotes.
    speaker   = matched predictions whose speaker contains one of the gold names
                (case-insensitive) / matched predictions.
    offsets   = predictions with ``source.text[start:end] == text`` / predictions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer import DEFAULT_MODEL  # noqa: E402
from briefer.extract.quotes import attributed, quotes  # noqa: E402
from briefer.model import Quote, Source  # noqa: E402

Spans = list[tuple[int, int]]


def load_polnear(path: Path, split: str) -> list[dict[str, Any]]:
    """Return the converted PolNeAR documents of one split."""
    file = path / "polnear_dev_test.jsonl" if path.is_dir() else path
    with file.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["split"] == split]


def polnear_source(row: dict[str, Any]) -> Source:
    """A `Source` for one PolNeAR document; its title is known, as ingest would know it."""
    return Source(id=row["id"], path=row["id"], title=row.get("title"), text=row["text"])


def load_seeds(gold: Path, seeds: Path) -> list[tuple[Source, dict[str, Any]]]:
    """Return (source, gold entry) for every seed document the gold file describes."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    out = []
    for name, entry in sorted(data["documents"].items()):
        text = (seeds / name).read_text(encoding="utf-8")
        out.append((Source(id=name[:3], path=f"seeds/{name}", text=text), entry))
    return out


def extract(nlp: Any, sources: list[Source]) -> list[list[Quote]]:
    """Run the quote extractor over sources, parsing them in one batch."""
    docs = nlp.pipe([s.text for s in sources], batch_size=32)
    return [list(quotes(doc, src)) for doc, src in zip(docs, sources, strict=True)]


# --- PolNeAR --------------------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: Spans) -> bool:
    return any(start < b and a < end for a, b in spans)


def _spans(items: Iterable[dict[str, Any]]) -> Spans:
    return [(s["start"], s["end"]) for s in items]


def judge(row: dict[str, Any], q: Quote) -> tuple[bool, bool | None, bool | None]:
    """(matched, speaker right, name right) for one prediction against one document's gold;
    None where the row does not score it (see the module doc)."""
    quoted = q.kind == "direct"
    allowed = [a for a in row["quotes"] if a["content_has_quote_marks"]] if quoted else row["quotes"]
    match = [a for a in allowed if _overlaps(q.start, q.end, _spans(a["contents"]))]
    sourced = [a for a in match if a["sources"]]
    if not sourced:
        return bool(match), None, None
    m = q.speaker_mention
    speaker = bool(m and any(_overlaps(m.start, m.end, _spans(a["sources"])) for a in sourced))
    named = [row["text"][s["start"]:s["end"]] for a in sourced for s in a["sources"]]
    named = [n for n in named if _words(n) and not set(_words(n)) <= NOT_NAMES]
    if not named:
        return True, speaker, None
    last = _words(q.speaker or "")[-1:]
    return True, speaker, bool(last) and any(last[0] in _words(n) for n in named)


def score_polnear(rows: list[dict[str, Any]], preds: list[list[Quote]],
                  kind: str = "direct") -> dict[str, float]:
    """Score predictions of one kind against PolNeAR attributions (see the module doc)."""
    quoted = kind == "direct"
    tp = n_pred = found = n_gold = spk_ok = spk_n = name_ok = name_n = 0
    for row, items in zip(rows, preds, strict=True):
        units = [a for a in row["quotes"] if a["content_has_quote_marks"] == quoted]
        n_gold += len(units)
        hit: set[int] = set()
        for q in (q for q in items if q.kind == kind):
            n_pred += 1
            hit.update(id(a) for a in units if _overlaps(q.start, q.end, _spans(a["contents"])))
            matched, speaker, named = judge(row, q)
            tp += matched
            spk_n += speaker is not None
            spk_ok += bool(speaker)
            name_n += named is not None
            name_ok += bool(named)
        found += sum(id(a) in hit for a in units)
    out = _table(tp, n_pred, found, n_gold, spk_ok, spk_n)
    out["names"] = round(name_ok / name_n, 4) if name_n else 0.0
    return out


NOT_NAMES = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her",
             "their", "its", "him", "them", "me", "us", "my", "our",
             "said", "says"}  # a Source span that is the cue: swapped spans in the annotation


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.replace("’s", "").replace("'s", "").casefold())


def _table(tp: int, n_pred: int, found: int, n_gold: int, spk_ok: int, spk_n: int
           ) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    s = spk_ok / spk_n if spk_n else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "speaker": round(s, 4), "predicted": n_pred, "correct": tp, "gold": n_gold,
            "found": found}


# --- by rule -------------------------------------------------------------------------------

STAGES = ("framed by", "speaker words by", "named by")


def by_rule(rows: list[dict[str, Any]], found: list[list[tuple[Quote, tuple[str, ...]]]]
            ) -> dict[str, dict[str, dict[str, int]]]:
    """{stage: {rule: counts}} over the direct predictions: how many each rule decided, how
    many matched no gold quote, how many had the wrong speaker mention or the wrong name."""
    out: dict[str, dict[str, dict[str, int]]] = {stage: {} for stage in STAGES}
    for row, items in zip(rows, found, strict=True):
        for q, names in items:
            if q.kind != "direct":
                continue
            matched, speaker, named = judge(row, q)
            for stage, rule in zip(STAGES, names, strict=True):
                c = out[stage].setdefault(rule, dict.fromkeys(
                    ("predicted", "unmatched", "speaker wrong", "name wrong"), 0))
                c["predicted"] += 1
                c["unmatched"] += not matched
                c["speaker wrong"] += speaker is False
                c["name wrong"] += named is False
    return out


def by_rule_table(counts: dict[str, dict[str, dict[str, int]]]) -> str:
    """Format `by_rule` as plain-text tables, one per stage, busiest rule first."""
    lines = []
    for stage, rules in counts.items():
        cols = ("predicted", "unmatched", "speaker wrong", "name wrong")
        lines.append(f"\n{stage:<28}" + "".join(f"{c:>15}" for c in cols))
        for rule, c in sorted(rules.items(), key=lambda kv: -kv[1]["predicted"]):
            lines.append(f"  {rule:<26}" + "".join(f"{c[k]:>15}" for k in cols))
    return "\n".join(lines)


def ablate(rows: list[dict[str, Any]], docs: list[Any], sources: list[Source]
           ) -> dict[str, dict[str, float]]:
    """{rule: scores} with each rule of `briefer.extract.quotes.rules` left out in turn (the
    parse is done once); "(all rules)" first."""
    from briefer.extract.quotes import rules
    from briefer.extract.quotes.base import disabled

    def score(names: set[str]) -> dict[str, float]:
        with disabled(names):
            preds = [list(quotes(d, s)) for d, s in zip(docs, sources, strict=True)]
        return score_polnear(rows, preds)
    out = {"(all rules)": score(set())}
    for rule in rules.all_rules():
        out[rule.name] = score({rule.name})
    return out


def ablate_table(results: dict[str, dict[str, float]]) -> str:
    """Format `ablate`: each rule's scores, and what leaving it out costs."""
    base = results["(all rules)"]
    cols = ("precision", "recall", "speaker", "names", "predicted")
    lines = [f"{'left out':<28}" + "".join(f"{c:>11}" for c in cols) + "   change"]
    for name, row in results.items():
        delta = ", ".join(f"{c} {row[c] - base[c]:+.4f}" for c in cols[:4] if row[c] != base[c])
        lines.append(f"{name:<28}" + "".join(f"{row[c]:>11}" for c in cols) + f"   {delta}")
    return "\n".join(lines)


# --- seeds ----------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Fold a quote text for comparison: case, apostrophes, quotes, spaces, end punctuation."""
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(a, b)
    return " ".join(text.casefold().split()).strip(" .,;:\"'")


def same(pred: str, gold: str) -> bool:
    """True when one folded text contains the other and the shorter is half the longer."""
    a, b = sorted((norm(pred), norm(gold)), key=len)
    return bool(a) and a in b and len(a) * 2 >= len(b)


def score_seeds(pairs: list[tuple[Source, dict[str, Any]]], preds: list[list[Quote]]
                ) -> dict[str, Any]:
    """Score direct quotes against the seed gold (see the module doc)."""
    tp = n_pred = found = n_req = spk_ok = offsets = 0
    wrong: list[str] = []
    for (src, entry), items in zip(pairs, preds, strict=True):
        gold = entry.get("quotes", [])
        n_req += sum(g["required"] for g in gold)
        hit: set[int] = set()
        for q in (q for q in items if q.kind == "direct"):
            n_pred += 1
            offsets += src.text[q.start:q.end] == q.text
            match = [i for i, g in enumerate(gold) if same(q.text, g["text"])]
            if not match:
                wrong.append(f"{src.id}: {q.text[:60]!r}")
                continue
            tp += 1
            hit.update(match)
            names = {n.casefold() for i in match for n in gold[i]["speaker"]}
            ok = bool(q.speaker) and any(n in (q.speaker or "").casefold() for n in names)
            spk_ok += ok
            if not ok:
                wrong.append(f"{src.id}: speaker {q.speaker!r} for {q.text[:40]!r}")
        found += sum(1 for i in hit if gold[i]["required"])
    out: dict[str, Any] = _table(tp, n_pred, found, n_req, spk_ok, tp)
    out["offsets"] = round(offsets / n_pred, 4) if n_pred else 1.0
    out["errors"] = wrong
    return out


# --- command line ---------------------------------------------------------------------------


def dump_rows(sources: list[Source], preds: list[list[Quote]]) -> list[str]:
    """Every prediction as one sorted JSON line (document, span, kind, speaker, role, mention,
    cue): two runs compared with `diff` show exactly which attributions changed."""
    lines = []
    for src, items in zip(sources, preds, strict=True):
        for q in items:
            m = q.speaker_mention
            lines.append(json.dumps({
                "doc": src.id, "start": q.start, "end": q.end, "kind": q.kind,
                "speaker": q.speaker, "role": q.role, "mention": [m.start, m.end] if m else None,
                "cue": q.cue}, ensure_ascii=False, sort_keys=True))
    return sorted(lines)


def run(polnear: Path | None, gold: Path | None, split: str = "test",
        seeds: Path = ROOT / "seeds", dump: Path | None = None, rules: bool = False,
        ablation: bool = False) -> dict[str, Any]:
    """Score the extractor; return {set name: scores}; with `dump`, write every PolNeAR
    prediction there (`dump_rows`); with `rules`, add the errors by rule ("by-rule"); with
    `ablation`, the scores with each rule left out ("ablate")."""
    from briefer.nlp import load_model

    nlp = load_model(DEFAULT_MODEL)  # the pipeline briefer runs (line breaks end sentences)
    out: dict[str, Any] = {}
    if polnear is not None:
        t0 = time.perf_counter()
        rows = load_polnear(polnear, split)
        sources = [polnear_source(r) for r in rows]
        docs = list(nlp.pipe([s.text for s in sources], batch_size=32))
        found = [list(attributed(d, s)) for d, s in zip(docs, sources, strict=True)]
        preds = [[q for q, _ in items] for items in found]
        if dump is not None:
            dump.write_text("".join(f"{line}\n" for line in dump_rows(sources, preds)),
                            encoding="utf-8")
        out[f"polnear-{split}"] = score_polnear(rows, preds)
        out[f"polnear-{split}-paraphrase"] = score_polnear(rows, preds, "paraphrase")
        out[f"polnear-{split}"]["seconds"] = round(time.perf_counter() - t0, 1)
        if rules:
            out["by-rule"] = by_rule(rows, found)
        if ablation:
            out["ablate"] = ablate(rows, docs, sources)
    if gold is not None:
        pairs = load_seeds(gold, seeds)
        out["seeds"] = score_seeds(pairs, extract(nlp, [s for s, _ in pairs]))
        out["seeds"]["names"] = out["seeds"]["speaker"]  # the seed gold names the speaker
    return out


def table(results: dict[str, Any]) -> str:
    """Format results as a plain-text table."""
    cols = ("precision", "recall", "f1", "speaker", "names", "predicted", "correct", "gold",
            "found")
    lines = [f"{'set':<26}" + "".join(f"{c:>10}" for c in cols)]
    for name, row in results.items():
        lines.append(f"{name:<26}" + "".join(f"{row[c]:>10}" for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="PolNeAR folder or polnear_dev_test.jsonl")
    parser.add_argument("--gold", type=Path, help="seeds-gold.json")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="seed texts folder")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--errors", action="store_true", help="list seed errors too")
    parser.add_argument("--dump", type=Path, help="write every PolNeAR prediction to this file")
    parser.add_argument("--by-rule", action="store_true",
                        help="break the PolNeAR errors down by the rules that decided them")
    parser.add_argument("--ablate", action="store_true",
                        help="score PolNeAR again with each attribution rule left out")
    args = parser.parse_args(argv)
    if args.polnear is None and args.gold is None:
        parser.error("give --polnear, --gold or both")
    results = run(args.polnear, args.gold, args.split, args.seeds, args.dump, args.by_rule,
                  args.ablate)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rules, ablation = results.pop("by-rule", None), results.pop("ablate", None)
    print(table(results))
    if rules is not None:
        print(by_rule_table(rules))
    if ablation is not None:
        print("\n" + ablate_table(ablation))
    if args.errors and "seeds" in results:
        print("\n".join(results["seeds"]["errors"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
