"""Which texts the quality gate judges spun or machine-made, with the signs it read: run it on pages
known to be clean (no text should be judged junk) and on spun ones. Folders are read for *.txt and
*.tml files (TimeML tags are stripped); each is read as `briefer` reads it (page furniture
blanked). Prints one line per text that shows a sign, then a count.

    python bench/spun_signs.py FOLDER_OR_FILE ... [--all]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

TAG = re.compile(r"<[^>]+>")


def texts(paths: list[Path]) -> list[tuple[Path, str, str]]:
    """(path, text as parsed, text as read) of each file given or found in a folder given."""
    files: list[Path] = []
    for p in paths:
        files += sorted(q for q in p.rglob("*") if q.suffix in {".txt", ".tml"}) if p.is_dir() else [p]
    from briefer.ingest import read_source
    from briefer.nlp import analysis_text

    out = []
    for f in files:
        if f.suffix == ".tml":
            text = TAG.sub("", f.read_text(encoding="utf-8", errors="replace"))
            out.append((f, text, text))
        else:
            src = read_source(f)
            out.append((f, analysis_text(src), src.text))
    return out


def main() -> None:
    import spacy

    from briefer import DEFAULT_MODEL
    from briefer.extract import quality

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true", help="a line for every text, signs or not")
    args = parser.parse_args()
    nlp = spacy.load(DEFAULT_MODEL)
    found = texts(args.paths)
    junk = 0
    for (path, _, text), doc in zip(found, nlp.pipe([t for _, t, _ in found], batch_size=16), strict=True):
        verdict = quality.verdict(doc, quality.content_sentences(doc), text)
        junk += verdict.junk
        if verdict.count or args.all:
            signs = "; ".join(verdict.signs) if verdict.junk else f"{verdict.count} sign(s)"
            print(f"{'JUNK' if verdict.junk else 'ok  '} {path}: {signs}")
    print(f"{junk} of {len(found)} texts judged junk")


if __name__ == "__main__":
    main()
