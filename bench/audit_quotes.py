"""Quote attribution on real pages, against speakers judged by hand.

Usage:
    python bench/audit_quotes.py FOLDER... --write FILE      # every quoted span, to judge
    python bench/audit_quotes.py FOLDER... --judged FILE     # score against the judgements

A FOLDER is a folder of sources, or a brief set holding them in ``articles/``. Every span
between quote marks is listed (`briefer.extract.quotes.quoted_spans`), with the speaker the
extractor gives it (none where the extractor leaves it out), not just the quotes kept per theme.

``--write`` writes one JSON object a line: ``set``, ``source``, ``at`` (the opening mark's
offset), ``quote`` (its first 60 characters), ``speaker`` (what the extractor gives, or null)
and ``context`` (the text around it). A judgement file is the same lines with ``speaker`` set
to the right answer: a name, several names a reader would accept separated by ``|``, or null
where no speaker should be given (a scare quote, a title, a quote with no speaker in the
text); an optional ``class`` names the kind of error the extractor once made there. Judgement
files hold the pages' words: keep them out of the repository.

``--judged`` scores the extractor now: a span is right when the speaker given is one of the
judged names (case-folded) or both are null; the wrong ones are counted by ``class`` (or
"other") as wrong (another speaker), missed (no speaker where one is judged) or spurious (a
speaker where none is judged).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefer import ingest  # noqa: E402
from briefer.extract.quotes import attributed, quoted_spans  # noqa: E402
from briefer.nlp import parse  # noqa: E402

CONTEXT_CHARS = 200


def spans(folder: Path) -> Iterator[dict[str, Any]]:
    """Every quoted span of every source under `folder`, with the speaker given to it."""
    where = folder / "articles" if (folder / "articles").is_dir() else folder
    sources, _ = ingest.load([where])
    for src, doc in parse(sources):
        given = [(q.start, q.end, q.speaker) for q, _ in attributed(doc, src) if q.kind == "direct"]
        for span in quoted_spans(doc.text):
            speaker = next((s for a, b, s in given if a < span.end and span.start < b), None)
            yield {"set": folder.name, "source": src.id, "at": span.open,
                   "quote": src.text[span.start:span.end][:60], "speaker": speaker,
                   "context": src.text[max(0, span.open - CONTEXT_CHARS):span.close + 80]}


def right(given: str | None, judged: str | None) -> bool:
    """True when the speaker given is one of the judged names, or neither names anyone."""
    if given is None or judged is None:
        return given is None and judged is None
    return given.casefold() in {n.strip().casefold() for n in judged.split("|")}


def score(found: list[dict[str, Any]], judged: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of right and wrong spans against the judgements, and the wrong ones by class."""
    now = {(f["set"], f["source"], f["at"]): f for f in found}
    out: Counter[str] = Counter()
    by_class: Counter[tuple[str, str]] = Counter()
    for j in judged:
        f = now.get((j["set"], j["source"], j["at"]))
        if f is None or f["quote"][:20] != j["quote"][:20]:
            out["unmatched"] += 1  # the page changed, or the judgement is of another text
            continue
        out["judged"] += 1
        if right(f["speaker"], j["speaker"]):
            out["right"] += 1
            continue
        kind = "missed" if f["speaker"] is None else "spurious" if j["speaker"] is None else "wrong"
        out[kind] += 1
        by_class[(j.get("class") or "other", kind)] += 1
    return {"totals": dict(out), "errors": {f"{c} ({k})": n for (c, k), n in sorted(by_class.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--write", type=Path, help="write every span, to judge")
    parser.add_argument("--judged", type=Path, help="score against this judgement file")
    args = parser.parse_args(argv)
    found = [s for folder in args.folders for s in spans(folder)]
    if args.write:
        args.write.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in found),
                              encoding="utf-8")
    if args.judged:
        with args.judged.open(encoding="utf-8") as fh:
            judged = [json.loads(line) for line in fh if line.strip()]
        result = score(found, judged)
        for key, value in result["totals"].items():
            print(f"{key:<12}{value:>6}")
        for key, value in result["errors"].items():
            print(f"  {key:<44}{value:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
