"""The whole brief on real pages (issue 12): build the standard brief of each brief set and score it.

A brief set is a folder of pages as a user saves them (`articles/`), a `themes.toml` and a
`gold.json` (format: GOLD.md beside the scorer). No `sources.toml` is written for the pages: what the
brief says of its sources comes from the sources. The scorer and its floors are not part of briefer;
they live beside the sets and are given by path:

    python bench/quality_briefs.py ../shared/eval/briefs/cambodia-dev ../shared/eval/briefs/scs-dev \
        ../shared/eval/briefs/seeds [--scorer ../shared/eval/briefs] [--pages] [--verbose] [--out DIR]

Prints one score line per set (the scorer's `name=value` figures) and the figures short of the floors
(`floors.py` beside the scorer). `--pages` adds LibreOffice's page count (slow); `--verbose` prints
every miss first. The extraction JSON and the brief of each set are kept under --out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_set(folder: Path, out: Path) -> tuple[Path, Path]:
    """Extract and build the standard brief of one set as `briefer extract` / `build` would."""
    from briefer.assemble import BriefOptions, assemble
    from briefer.config import load_themes
    from briefer.jsonio import dump_extraction
    from briefer.pipeline import ExtractOptions, extract
    from briefer.render import RenderOptions, render

    themes = load_themes(folder / "themes.toml")
    extraction = extract([folder / "articles"], themes, ExtractOptions(jobs=1))
    out.mkdir(parents=True, exist_ok=True)
    ext_path, docx_path = out / f"{folder.name}.json", out / f"{folder.name}.docx"
    ext_path.write_bytes(dump_extraction(extraction))
    docx_path.write_bytes(render(assemble(extraction, BriefOptions()), "docx", RenderOptions()))
    return ext_path, docx_path


def score_set(scorer: Path, folder: Path, ext_path: Path, docx_path: Path, *, pages: bool,
              verbose: bool) -> tuple[str, str]:
    """The scorer's output (misses, then the score line) for one set."""
    args = [sys.executable, str(scorer / "score_brief.py"), str(folder / "gold.json"), str(ext_path),
            str(docx_path)] + (["--pages"] if pages else []) + (["--verbose"] if verbose else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    return "\n".join(lines[:-1]), lines[-1]


def shortfalls(scorer: Path, line: str) -> list[str]:
    """What `floors.py` beside the scorer says the line falls short of."""
    spec = importlib.util.spec_from_file_location("brief_floors", scorer / "floors.py")
    assert spec and spec.loader
    floors: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floors)
    return list(floors.short(line))


def figures(line: str) -> dict[str, str]:
    """A score line as a dict of its `name=value` figures."""
    return dict(part.split("=", 1) for part in line.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path, help="brief set folders (articles/, themes.toml, gold.json)")
    parser.add_argument("--scorer", type=Path, default=None,
                        help="folder of score_brief.py and floors.py (default: the first set's parent)")
    parser.add_argument("--pages", action="store_true", help="count pages with LibreOffice (slow)")
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--out", type=Path, default=None, help="keep the extractions and briefs here")
    args = parser.parse_args(argv)
    scorer = args.scorer or args.sets[0].resolve().parent
    out = args.out or Path(tempfile.mkdtemp(prefix="briefer-sets-"))
    report = {}
    for folder in args.sets:
        ext_path, docx_path = build_set(folder, out)
        misses, line = score_set(scorer, folder, ext_path, docx_path, pages=args.pages, verbose=args.verbose)
        if misses:
            print(misses)
        short = shortfalls(scorer, line)
        print(f"{folder.name}: {line}")
        print(f"  short of the floors: {', '.join(short) if short else 'none'}")
        report[folder.name] = {"line": line, "short": short}
    (out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
