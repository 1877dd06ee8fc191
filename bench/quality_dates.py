"""Date normalisation and timeline events: TempEval-3 platinum and the seed gold.

Usage:
    python bench/quality_dates.py --te3 PATH --gold PATH [--seeds DIR] [--json] [--errors]

PATH for --te3 is the folder of TempEval-3 platinum ``*.tml`` files (20 news documents, 96 DATE
timexes in their text); each file's DCT is the anchor. Nothing is tuned per document.

TempEval-3 scoring (DATE timexes of the text; DURATION, SET and TIME are not scored):
    gold value  = the TIMEX3 ``value`` as briefer can write it: YYYY, YYYY-MM, YYYY-MM-DD as is;
                  a week (2013-W11) accepts the months it touches; a season or quarter (2012-SU)
                  accepts its year; values briefer leaves out by design (PRESENT_REF, PAST_REF,
                  XXXX-.., centuries, P5Y) accept only "no date" (None).
    normalise   = gold spans given: ``normalise(text, DCT, tense=tense_of(span))`` equals the
                  gold value / DATE timexes.
    value acc.  = end to end: a gold timex is right when a ``date_mentions`` span overlaps it
                  with the gold value, or, for a None gold value, when no mention overlaps it
                  / DATE timexes.
    precision   = mentions overlapping a DATE timex with its gold value / mentions.
    spacy span  = the baseline the brief quotes: spaCy DATE entities against DATE timex spans,
                  F1 of exact and of overlapping spans (no normalisation).

Seed scoring (``seeds-gold.json`` "events"; texts from seeds/, anchors as in BRIEF.md):
    found       = gold events for which ``events()`` gives an event with the gold date from one
                  of the gold sources / gold events.
    004 events  = events from seed 004, whose years were stripped (must be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer import DEFAULT_MODEL  # noqa: E402
from briefer.extract.dates import date_mentions, normalise, tense_of  # noqa: E402
from briefer.extract.events import events  # noqa: E402
from briefer.model import Event, Source  # noqa: E402

# The dates BRIEF.md gives the seeds (000 has no date of its own; its "Nov. 6" is 2025).
ANCHORS = {"000": "2025-11-06", "001": "2025-11-06", "002": "2026-02-05", "003": "2022-08", "004": None}


def load_te3(folder: Path) -> list[dict[str, Any]]:
    """Return each .tml file as {name, dct, text, timexes: [(start, end, text, type, value)]}."""
    docs = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
        body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
        text, timexes = _strip_tags(body)
        docs.append({"name": path.stem, "dct": dct[1] if dct else None, "text": text, "timexes": timexes})
    return docs


def _strip_tags(body: str) -> tuple[str, list[tuple[int, int, str, str, str]]]:
    text, timexes, open_at, attrs = "", [], 0, ""
    for m in re.finditer(r"<(/?)(\w+)([^>]*)>|[^<]+", body):
        if m[2] is None:
            text += html.unescape(m.group(0))
        elif m[2] == "TIMEX3" and not m[1]:
            open_at, attrs = len(text), m[3]
        elif m[2] == "TIMEX3":
            kind = re.search(r"type=\"(\w+)\"", attrs)
            value = re.search(r"value=\"([^\"]*)\"", attrs)
            timexes.append((open_at, len(text), text[open_at:], kind[1] if kind else "",
                            value[1] if value else ""))
    return text, timexes


def accepted(value: str) -> set[str | None]:
    """The values briefer may give for a gold TIMEX3 value (see the module docstring)."""
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return {value}
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        return {f"{d.year:04d}-{d.month:02d}" for d in days}
    part = re.fullmatch(r"(\d{4})-(?:SP|SU|FA|WI|Q[1-4]|H[12])", value)
    if part:
        return {part[1]}
    return {None}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_te3(docs: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    """Normalisation and end-to-end value accuracy on the DATE timexes; see the docstring."""
    n = norm_ok = e2e_ok = mentions = mention_ok = 0
    exact = overlap = n_ents = 0
    errors: list[str] = []
    for d, doc in zip(docs, nlp.pipe([d["text"] for d in docs]), strict=True):
        gold = [t for t in d["timexes"] if t[3] == "DATE"]
        found = list(date_mentions(doc, d["dct"]))
        ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        n_ents += len(ents)
        exact += sum((g[0], g[1]) in ents for g in gold)
        overlap += sum(any(_overlap((g[0], g[1]), e) for e in ents) for g in gold)
        for start, end, text, _, value in gold:
            n += 1
            ok = accepted(value)
            span = doc.char_span(start, end, alignment_mode="expand")
            got = normalise(text, d["dct"], tense=tense_of(span.root) if span is not None else None)
            norm_ok += got in ok
            hits = [m for m in found if _overlap((m[0], m[1]), (start, end))]
            right = any(m[3] in ok for m in hits) if hits else None in ok
            e2e_ok += right
            if not right or got not in ok:
                errors.append(f"{d['name']}: {text!r} gold {value} -> normalise {got}, "
                              f"mentions {[m[3] for m in hits]}")
        for m in found:
            mentions += 1
            mention_ok += any(_overlap((m[0], m[1]), (g[0], g[1])) and m[3] in accepted(g[4]) for g in gold)
    return {
        "gold": n,
        "normalise": round(norm_ok / n, 3),
        "value_accuracy": round(e2e_ok / n, 3),
        "mentions": mentions,
        "precision": round(mention_ok / max(mentions, 1), 3),
        "spacy_span_f1_exact": _f1(exact, n_ents, n),
        "spacy_span_f1_overlap": _f1(overlap, n_ents, n),
        "errors": errors,
    }


def _f1(tp: int, predicted: int, gold: int) -> float:
    p, r = tp / max(predicted, 1), tp / max(gold, 1)
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def seed_events(nlp: Any, seeds: Path) -> dict[str, list[Event]]:
    """Run `events()` over each seed, dated as BRIEF.md dates it; {seed id: events}."""
    out = {}
    for path in sorted(seeds.glob("[0-9][0-9][0-9]_*.txt")):
        sid = path.name[:3]
        text = path.read_text(encoding="utf-8")
        src = Source(id=sid, path=str(path), text=text, date=ANCHORS.get(sid))
        out[sid] = list(events(nlp(text), src))
    return out


def score_seeds(gold: Path, found: dict[str, list[Event]]) -> dict[str, Any]:
    """Gold timeline events found with their dates; see the module docstring."""
    wanted = json.loads(gold.read_text(encoding="utf-8"))["events"]
    hits, errors = 0, []
    for g in wanted:
        ok = any(e.date == g["date"] for sid in g["sources"] for e in found.get(sid, []))
        hits += ok
        if not ok:
            errors.append(f"missing {g['date']} {g['what']}")
    return {
        "gold": len(wanted),
        "found": hits,
        "recall": round(hits / len(wanted), 3),
        "events": sum(len(v) for v in found.values()),
        "events_004": len(found.get("004", [])),
        "errors": errors,
        "timeline": [f"{e.date} {sid} {e.date_text!r}: {e.text[:90]}" for sid, v in found.items() for e in v],
    }


# --- command line ---------------------------------------------------------------------------


def run(te3: Path | None, gold: Path | None, seeds: Path = ROOT / "seeds") -> dict[str, Any]:
    """Score normalisation and events; return {set name: scores}."""
    from briefer.nlp import load_model

    nlp = load_model(DEFAULT_MODEL)  # the pipeline briefer runs (line breaks end sentences)
    out: dict[str, Any] = {}
    if te3 is not None:
        out["te3-platinum"] = score_te3(load_te3(te3), nlp)
    if gold is not None:
        out["seed-events"] = score_seeds(gold, seed_events(nlp, seeds))
    return out


def table(results: dict[str, Any]) -> str:
    """Format results as a plain-text table."""
    lines = []
    if "te3-platinum" in results:
        r = results["te3-platinum"]
        lines.append("TempEval-3 platinum, DATE timexes (anchor: each file's DCT)")
        for key in ("gold", "normalise", "value_accuracy", "mentions", "precision",
                    "spacy_span_f1_exact", "spacy_span_f1_overlap"):
            lines.append(f"  {key:<24}{r[key]:>8}")
    if "seed-events" in results:
        r = results["seed-events"]
        lines.append("Seed timeline events (seeds-gold.json)")
        for key in ("gold", "found", "recall", "events", "events_004"):
            lines.append(f"  {key:<24}{r[key]:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--te3", type=Path, help="folder of TempEval-3 platinum .tml files")
    parser.add_argument("--gold", type=Path, help="seeds-gold.json")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="seed texts folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--errors", action="store_true", help="list errors and the seed timeline")
    args = parser.parse_args(argv)
    if args.te3 is None and args.gold is None:
        parser.error("give --te3, --gold or both")
    results = run(args.te3, args.gold, args.seeds)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(table(results))
    if args.errors:
        for r in results.values():
            print("\n".join(r.get("errors", []) + r.get("timeline", [])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
