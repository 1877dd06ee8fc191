"""Extraction as a map over sources: the same Extraction with one process or several, the right
number of processes, a quiet progress bar, and a --help that imports nothing heavy."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.config import load_themes
from briefer.model import to_dict
from briefer.parallel import PARALLEL_FROM, StderrProgress, default_jobs, jobs_for
from briefer.pipeline import ExtractOptions, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def many_sources(tmp_path_factory) -> Path:
    """60 small sources cut from the seeds: two paragraphs each, in varying pairs."""
    paras = []
    for path in sorted(SEEDS.glob("*.txt")):
        paras += [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
                  if len(p.split()) > 12]
    folder = tmp_path_factory.mktemp("many")
    for i in range(60):
        a, b = paras[i % len(paras)], paras[(i * 7 + 3) % len(paras)]
        (folder / f"s{i:03d}.txt").write_text(f"{a}\n\n{b}\n", encoding="utf-8")
    return folder


def dump(extraction) -> str:
    return json.dumps(to_dict(extraction, with_text=True), sort_keys=True)


def test_one_or_two_processes_give_the_same_extraction(many_sources, monkeypatch):
    from briefer.engines import processes

    pools: list[int] = []
    pooled = processes._pooled

    def spy(shards, jobs, setup):
        pools.append(jobs)
        return pooled(shards, jobs, setup)

    monkeypatch.setattr(processes, "_pooled", spy)
    themes = load_themes(SEEDS / "themes.toml")
    one = extract([many_sources], themes, ExtractOptions(jobs=1, batch_size=8))
    assert pools == []
    two = extract([many_sources], themes, ExtractOptions(jobs=2, batch_size=8))
    assert pools == [2], "the second run used two worker processes"
    assert len(one.sources) == 60 and one.facts and one.quotes
    assert dump(two) == dump(one)


def test_jobs_for():
    assert jobs_for(None, PARALLEL_FROM - 1) == 1
    assert jobs_for(None, PARALLEL_FROM) == default_jobs()
    assert jobs_for(3, 2) == 3
    assert jobs_for(0, 500) == 1
    assert default_jobs() >= 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_when_quiet():
    piped, tty, quiet = io.StringIO(), Terminal(), Terminal()
    for stream, enabled in ((piped, True), (tty, True), (quiet, False)):
        bar = StderrProgress(enabled=enabled, after=0.0, stream=stream)
        bar("analysing sources", 3, 10)
        bar.close()
    assert piped.getvalue() == "" and quiet.getvalue() == ""
    assert "analysing sources [#########" in tty.getvalue() and "3/10" in tty.getvalue()


def test_progress_bar_waits_before_showing():
    tty = Terminal()
    bar = StderrProgress(after=60.0, stream=tty)
    bar("analysing sources", 1, 2)
    bar.close()
    assert tty.getvalue() == ""


def test_cli_has_the_speed_options(runner):
    from briefer.cli import cli

    result = runner.invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--jobs", "--no-cache", "--quiet"):
        assert option in result.output
    assert runner.invoke(cli, ["extract", str(SEEDS), "--jobs", "0"]).exit_code == 1  # a usage error


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(flag):
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "briefer", flag], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert not imported & {"spacy", "docx", "jinja2", "matplotlib", "thinc", "numpy", "markdown_it"}


def test_text_docs_are_the_same_parses(nlp):
    from briefer import ingest
    from briefer.nlp import analysis_text, doc_from_bytes, doc_to_bytes, text_docs
    from briefer.pipeline import analyse_doc, theme_matcher

    sources, _ = ingest.load([SEEDS])
    matcher = theme_matcher(nlp, load_themes(SEEDS / "themes.toml").themes)
    docs = list(nlp.pipe(analysis_text(s) for s in sources))
    fast = list(text_docs(docs))
    assert [d.text for d in fast] == [d.text for d in docs]
    assert [d.to_json() for d in fast] == [d.to_json() for d in docs]
    plain = [analyse_doc(d, s, matcher) for d, s in zip(docs, sources, strict=True)]
    assert [analyse_doc(d, s, matcher) for d, s in zip(fast, sources, strict=True)] == plain
    stored = text_docs(doc_from_bytes(doc_to_bytes(d), nlp) for d in docs)
    assert [analyse_doc(d, s, matcher) for d, s in zip(stored, sources, strict=True)] == plain
