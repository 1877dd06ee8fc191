"""The command line: help, version, the three commands, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer import __version__
from briefer.cli import cli
from tests.conftest import ROOT, SEEDS


def test_version_and_help(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "extract", "render", "email"):
        assert command in result.output


@pytest.mark.parametrize("command", ["build", "extract", "render", "email"])
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "briefer " + command in result.output or "Example" in result.output


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from briefer.cli import main; sys.argv=['briefer','--help'];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad=[m for m in ('spacy','docx','jinja2','matplotlib') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_build_with_no_arguments_builds_the_seed_brief(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(SEEDS)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "brief.docx"
    assert out.is_file() and out.read_bytes()[:2] == b"PK"
    assert "Wrote out/brief.docx" in result.stderr


def test_extract_then_render_equals_build(runner, tmp_path):
    extract = tmp_path / "extract.json"
    result = runner.invoke(cli, ["extract", str(SEEDS), "-o", str(extract)])
    assert result.exit_code == 0, result.output
    data = json.loads(extract.read_text())
    assert {"sources", "quotes", "figures", "events", "facts"} <= set(data)
    rendered, built = tmp_path / "r.md", tmp_path / "b.md"
    assert runner.invoke(cli, ["render", str(extract), "-o", str(rendered)]).exit_code == 0
    assert runner.invoke(cli, ["build", str(SEEDS), "-o", str(built)]).exit_code == 0
    assert rendered.read_text() == built.read_text()


def test_output_to_stdout(runner):
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", "-", "--format", "md"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!-- generator: briefer -->\n# US-Cambodia relations")


@pytest.mark.parametrize("args, code, message", [
    (["build", "no/such/folder"], 2, "no/such/folder: no such file or folder"),
    (["build", str(SEEDS), "--themes", "missing.toml"], 1, "missing.toml: no such file"),
    (["render", "missing.json"], 2, "missing.json: no such file"),
    (["build", str(SEEDS), "--length", "huge"], 1, "Invalid value for '--length'"),
])
def test_errors_are_one_line_with_exit_codes(runner, tmp_path, args, code, message):
    result = runner.invoke(cli, args + ["-o", str(tmp_path / "b.docx")] if args[0] != "render" else args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_render_rejects_json_that_is_not_an_extraction(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    result = runner.invoke(cli, ["render", str(bad), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {bad}: not a briefer extraction (needs keys sources, quotes, " \
                                    "figures, events, facts)"


def test_foreign_output_file_needs_force(runner, tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("my own notes, not a brief\n")
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", str(target)])
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert target.read_text() == "my own notes, not a brief\n"
    assert runner.invoke(cli, ["build", str(SEEDS), "-o", str(target)]).exit_code == 2
    assert runner.invoke(cli, ["build", str(SEEDS), "-o", str(target), "--force"]).exit_code == 0
    assert runner.invoke(cli, ["build", str(SEEDS), "-o", str(target)]).exit_code == 0  # ours now


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "briefer", "--version"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0 and __version__ in out.stdout


def test_build_writes_docx_that_reads_back(runner, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    assert runner.invoke(cli, ["build", str(SEEDS), "-o", str(out)]).exit_code == 0
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "Key points" in headings and "Timeline" in headings and "Method" in headings
    assert Path(out).stat().st_size > 10_000


def test_json_outputs_carry_a_digest_so_hand_edits_need_force(runner, tmp_path):
    out = tmp_path / "extract.json"
    assert runner.invoke(cli, ["extract", str(SEEDS), "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text())  # still plain JSON, digest as the last key
    assert list(data)[0] == "generator" and list(data)[-1] == "briefer_digest"
    assert runner.invoke(cli, ["render", str(out), "-o", str(tmp_path / "b.md")]).exit_code == 0
    assert runner.invoke(cli, ["extract", str(SEEDS), "-o", str(out)]).exit_code == 0  # ours: no flag
    out.write_text(out.read_text().replace('"quotes": [', '"quotes": [ ', 1))  # edited by hand
    result = runner.invoke(cli, ["extract", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert runner.invoke(cli, ["extract", str(SEEDS), "-o", str(out), "--force"]).exit_code == 0
