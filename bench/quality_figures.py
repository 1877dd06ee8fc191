"""Figure extractor quality on NewsQuant and on the hand-made seed gold.

Usage:
    python bench/quality_figures.py --newsquant PATH --gold PATH [--half odd|even|all] [--json]

NewsQuant (CQE, EMNLP 2023: 590 news sentences, 904 gold quantities) has no dev/test split:
the extractor was tuned on the even-indexed sentences (0, 2, 4, ...) and is reported on the odd
ones (``--half odd``, the default). Each sentence is parsed alone with the source undated.

NewsQuant scoring, CQE's value rule (``evaluate_models.py``):
    a gold value "a-b" is a range (a, b); a prediction is a range (value, high) when it has a
    high end, else a number; a range matches a range and a number a number, each end by
    ``isclose(gold, pred, rtol=1e-5, atol=1e-8)``.
    matching is one to one (a prediction matches at most one gold quantity, in text order);
    CQE's own counting loop gives the same figures here (checked: ``cqe_loop`` row).
    precision = matched predictions / predictions; recall = matched gold / gold quantities.
    about overlap = matched predictions whose ``about`` shares a word with the gold
    ``referred_concepts`` / matched predictions whose gold has concepts (informative only).

Seed scoring (``seeds-gold.json`` "figures"; texts from seeds/, dated as in BRIEF.md):
    a gold figure is FOUND when a figure's text contains its value as written ("three million"
    in "over three million"), and its about is SENSIBLE when about shares a content word with
    the gold description. forbidden = figures that are a year, a date, a day number, an age
    not labelled as one (unit "years of age", which the brief's figures table drops), or a
    section, rule or country-group number (must be 0 in every seed).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer import DEFAULT_MODEL  # noqa: E402
from briefer.extract.dates import date_mentions  # noqa: E402
from briefer.extract.figures import AGE_UNITS, Quantity, figures, quantities  # noqa: E402
from briefer.model import Figure, Source  # noqa: E402

ANCHORS = {"000": "2025-11-06", "001": "2025-11-06", "002": "2026-02-05", "003": "2022-08", "004": None}
Value = float | tuple[float, float]
_STOP = {"the", "a", "an", "of", "in", "to", "for", "and", "on", "by", "with", "from", "us", "u.s."}


def load_newsquant(path: Path, half: str) -> list[tuple[int, dict[str, Any]]]:
    """Return (index, sentence) pairs of one half of NewsQuant: "odd", "even" or "all"."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    keep = {"odd": lambda i: i % 2 == 1, "even": lambda i: i % 2 == 0, "all": lambda i: True}[half]
    return [(i, r) for i, r in enumerate(rows) if keep(i)]


def gold_value(q: dict[str, Any]) -> Value:
    """A NewsQuant value: "3.5" -> 3.5, "1.0-1.5" -> (1.0, 1.5), as CQE decodes it."""
    v = q["value"]
    if "E" not in v and not v.startswith("-") and "-" in v:
        low, high = v.split("-", 1)
        return float(low), float(high)
    return float(v)


def pred_value(q: Quantity) -> Value | None:
    if q.figure.value is None:
        return None
    return (q.figure.value, q.high) if q.high is not None else q.figure.value


def values_match(gold: Value, pred: Value | None) -> bool:
    """CQE's rule: ranges against ranges, numbers against numbers, each by isclose."""
    if pred is None or isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    pairs = zip(gold, pred, strict=True) if isinstance(gold, tuple) else [(gold, pred)]
    return all(math.isclose(p, g, rel_tol=0, abs_tol=1e-8 + 1e-5 * abs(g)) for g, p in pairs)  # type: ignore[arg-type]


def score_newsquant(rows: list[tuple[int, dict[str, Any]]], nlp: Any) -> dict[str, Any]:
    """Value precision, recall and F1; see the module docstring."""
    tp = n_gold = n_pred = loop_tp = about_ok = about_n = 0
    errors: list[str] = []
    docs = nlp.pipe([r["text"] for _, r in rows], batch_size=64)
    for (i, row), doc in zip(rows, docs, strict=True):
        preds = list(quantities(doc, Source(id=str(i), path=str(i), text=doc.text)))
        gold = row["quantities"]
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for g in gold:
            j = next((j for j, p in enumerate(preds)
                      if j not in used and values_match(gold_value(g), pred_value(p))), None)
            if j is None:
                errors.append(f"{i}: missed {g['value']} {g['unit']!r}: {row['text'][:100]}")
                continue
            used.add(j)
            tp += 1
            concepts = _words(g.get("referred_concepts", "").replace("-", " "))
            if concepts:
                about_n += 1
                about_ok += bool(concepts & _words(preds[j].figure.about))
        errors += [f"{i}: extra {p.figure.text!r}: {row['text'][:100]}"
                   for j, p in enumerate(preds) if j not in used]
        loop_tp += _cqe_loop([gold_value(g) for g in gold], [pred_value(p) for p in preds])
    return {**_prf(tp, n_pred, n_gold), "cqe_loop_f1": _prf(loop_tp, n_pred, n_gold)["f1"],
            "about_overlap": round(about_ok / max(about_n, 1), 3), "errors": errors}


def _cqe_loop(gold: list[Value], preds: list[Value | None]) -> int:
    """CQE's counting: each gold value counts a match with any prediction, capped per sentence."""
    left, hits = len(gold), 0
    for g in gold:
        for p in preds:
            if values_match(g, p) and left > 0:
                hits, left = hits + 1, left - 1
    return hits


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "predicted": n_pred, "correct": tp, "gold": n_gold}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")) if w not in _STOP}


def seed_figures(nlp: Any, seeds: Path) -> dict[str, tuple[Source, list[Figure]]]:
    """Run `figures()` over each seed, dated as BRIEF.md dates it; {seed id: (source, figures)}."""
    out = {}
    for path in sorted(seeds.glob("[0-9][0-9][0-9]_*.txt")):
        sid = path.name[:3]
        text = path.read_text(encoding="utf-8")
        src = Source(id=sid, path=str(path), text=text, date=ANCHORS.get(sid))
        out[sid] = (src, list(figures(nlp(text), src)))
    return out


def forbidden(fig: Figure, text: str, dates: list[tuple[int, int]]) -> bool:
    """A year, date, day number, unlabelled age, or section/rule/country-group number as a figure."""
    before = text[max(0, fig.start - 25) : fig.start]
    age = fig.unit in AGE_UNITS
    if re.fullmatch(r"(?:19|20)\d\d", fig.text) or any(s < fig.end and fig.start < e for s, e in dates):
        return True
    label = r"\b(?:section|sections|part|rule|no\.|group [a-z]:?)" if age else \
        r"\b(?:age[ds]?|aged|section|sections|part|rule|no\.|group [a-z]:?)"
    if re.search(label + r"\s*(?:[\d.]+\s*(?:and|,)\s*)?$", before, re.I):
        return True
    return bool(re.match(r"\d+(?:\.\d+)?(?:st|nd|rd|th)\b|[A-Z]:\d", text[fig.start : fig.end + 3]))


def score_seeds(gold: Path, found: dict[str, tuple[Source, list[Figure]]], nlp: Any) -> dict[str, Any]:
    """Seed figures found, with a sensible about, and nothing forbidden; see the docstring."""
    docs = json.loads(gold.read_text(encoding="utf-8"))["documents"]
    n = hits = sensible = bad = 0
    errors: list[str] = []
    for name, entry in sorted(docs.items()):
        src, figs = found[name[:3]]
        for g in entry.get("figures", []):
            n += 1
            match = next((f for f in figs if g["value"].lower() in f.text.lower()), None)
            if match is None:
                errors.append(f"{name[:3]}: missing {g['value']!r} ({g['about']})")
                continue
            hits += 1
            ok = bool(_words(match.about) & _words(g["about"]))
            sensible += ok
            if not ok:
                errors.append(f"{name[:3]}: {g['value']!r} about {match.about!r} vs gold {g['about']!r}")
    for sid, (src, figs) in found.items():
        dates = [(s, e) for s, e, _, _ in date_mentions(nlp(src.text), src.date)]
        for f in figs:
            if forbidden(f, src.text, dates):
                bad += 1
                errors.append(f"{sid}: forbidden figure {f.text!r}")
    return {"gold": n, "found": hits, "sensible_about": sensible, "forbidden": bad,
            "figures": sum(len(f) for _, f in found.values()), "errors": errors,
            "rows": [f"{sid} {f.text!r} = {f.value} {f.unit or ''} | {f.about} | {f.as_of or ''}"
                     for sid, (_, figs) in found.items() for f in figs]}


# --- command line ---------------------------------------------------------------------------


def run(newsquant: Path | None, gold: Path | None, half: str = "odd",
        seeds: Path = ROOT / "seeds") -> dict[str, Any]:
    """Score the extractor; return {set name: scores}."""
    from briefer.nlp import load_model

    nlp = load_model(DEFAULT_MODEL)  # the pipeline briefer runs (line breaks end sentences)
    out: dict[str, Any] = {}
    if newsquant is not None:
        out[f"newsquant-{half}"] = score_newsquant(load_newsquant(newsquant, half), nlp)
    if gold is not None:
        out["seeds"] = score_seeds(gold, seed_figures(nlp, seeds), nlp)
    return out


def table(results: dict[str, Any]) -> str:
    """Format results as a plain-text table."""
    lines = []
    for name, r in results.items():
        keys = [k for k, v in r.items() if not isinstance(v, list)]
        lines.append(name)
        lines += [f"  {k:<16}{r[k]:>8}" for k in keys]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newsquant", type=Path, help="NewsQuant.json")
    parser.add_argument("--gold", type=Path, help="seeds-gold.json")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="seed texts folder")
    parser.add_argument("--half", choices=("odd", "even", "all"), default="odd",
                        help="NewsQuant half: tuned on even, reported on odd")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--errors", action="store_true", help="list errors and the seed figures")
    args = parser.parse_args(argv)
    if args.newsquant is None and args.gold is None:
        parser.error("give --newsquant, --gold or both")
    results = run(args.newsquant, args.gold, args.half, args.seeds)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(table(results))
    if args.errors:
        for r in results.values():
            print("\n".join(r.get("errors", []) + r.get("rows", [])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
