"""Where one build's CPU goes: a cold build of a folder and its rebuild after a theme edit, each in
a fresh process whose main stages are timed (CPU seconds of the process, and wall seconds).

    /tmp/venv/bin/python bench/build_laps.py [DIR]          # default: seeds/

Stages nest: `load_model` includes `import_spacy`, `render` includes `markdown_to_docx`. The
template child process is counted apart ("children"). Use it to find what to cut; the targets
are measured by `bench/speed.py seeds`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = [("briefer.ingest", "load"), ("briefer.nlp", "import_spacy"), ("briefer.nlp", "load_model"),
          ("briefer.nlp", "load_vocab"), ("briefer.nlp", "pipe_texts"), ("briefer.nlp", "doc_from_bytes"),
          ("briefer.core", "analyse_doc"), ("briefer.core", "source_items"), ("briefer.core", "theme_record"),
          ("briefer.core", "combine"),
          ("briefer.assemble", "assemble"), ("briefer.render.timeline", "timeline_png"),
          ("briefer.render.templating", "render_markdown"), ("briefer.render.docx", "markdown_to_docx"),
          ("briefer.render", "render")]
# Runs `briefer ARGS` with each stage wrapped; prints one line per stage that ran.
LAPS = """
import atexit, importlib, resource, sys, time
start = (time.process_time(), time.perf_counter())
import briefer.cli
spent = {}
def wrap(module, name):
    mod = importlib.import_module(module)
    fn = getattr(mod, name, None)
    if fn is None:  # an older briefer without this stage
        return
    def timed(*args, **kwargs):
        t = (time.process_time(), time.perf_counter())
        try:
            out = fn(*args, **kwargs)
            return list(out) if name == "pipe_texts" else out
        finally:
            s = spent.setdefault(name, [0, 0.0, 0.0])
            s[0] += 1; s[1] += time.process_time() - t[0]; s[2] += time.perf_counter() - t[1]
    setattr(mod, name, timed)
for module, name in STAGES:
    wrap(module, name)
def report():
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, wall = time.process_time() - start[0], time.perf_counter() - start[1]
    print(f"  whole process    CPU {cpu:5.2f} s  wall {wall:5.2f} s"
          f"  (children CPU {kids.ru_utime + kids.ru_stime:.2f} s)")
    for name, (n, cpu, wall) in spent.items():
        print(f"  {name:<16} CPU {cpu:5.2f} s  wall {wall:5.2f} s  ({n} call(s))")
atexit.register(report)
sys.argv = ["briefer", *sys.argv[1:]]
briefer.cli.main()
""".replace("STAGES", repr(STAGES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, nargs="?", default=ROOT / "seeds")
    args = parser.parse_args()
    themes = args.dir / "themes.toml"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "BRIEFER_CACHE_DIR": str(tmp / "cache")}
        edited = tmp / "themes.toml"
        text = themes.read_text(encoding="utf-8") if themes.exists() else ""
        edited.write_text(text.replace("terms = [", 'terms = ["edit one", ', 1), encoding="utf-8")
        build = ["build", str(args.dir), "-o", str(tmp / "brief.docx"), "--force", "-q"]
        runs = [("cold build", [])] + ([("after a theme edit", ["--themes", str(edited)])] if text else [])
        for label, extra in runs:
            print(f"{label}:")
            out = subprocess.run([sys.executable, "-c", LAPS, *build, *extra], cwd=ROOT, env=env,
                                 capture_output=True, text=True)
            print(out.stdout.rstrip() or out.stderr.strip())
    one, five, _ = os.getloadavg()
    print(f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
