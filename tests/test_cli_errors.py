"""What the command line says when it is given something wrong: one line, the README's exit code
(1 usage, 2 input), never "internal error"; file names that cannot forge or hide a line; and
`--config` after the command. Run as the real CLI in a subprocess where the process matters
(exit codes, standard output closed, full or gone)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAID = "The minister said on Thursday that the new bridge would cost 3 million dollars.\n"


def briefer(*args: str, cwd: Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "briefer", *args], stderr=subprocess.PIPE, text=True,
                          cwd=cwd, env=env, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)


def one_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return lines[0]


@pytest.fixture
def news(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(SAID)
    return tmp_path / "news"


# --- usage errors: exit 1, one line -------------------------------------------------------------


@pytest.mark.parametrize(("args", "line"), [
    (["build", "--foo"], "Error: No such option '--foo'. (Did you mean one of: '--force', '--format'?) "
                         "(see briefer build --help)"),
    (["--foo", "build"], "Error: No such option '--foo'. (see briefer --help)"),
    (["buidl"], "Error: No such command 'buidl'. Did you mean 'build'? (see briefer --help)"),
    (["build", "--length", "huge"], "Error: Invalid value for '--length': 'huge' is not one of 'short', "
                                    "'standard', 'full'. (see briefer build --help)"),
    (["build", "--max-input", "-5"], "Error: Invalid value for '--max-input': -5 is not in the range "
                                     "1<=x<=2147483647. (see briefer build --help)"),
    (["extract", "--max-input", "99999999999999999999999"], "Error: Invalid value for '--max-input': "
     "99999999999999999999999 is not in the range 1<=x<=2147483647. (see briefer extract --help)"),
    (["templates", "list", "--x"], "Error: No such option '--x'. (see briefer templates list --help)"),
])
def test_usage_errors_exit_1_in_one_line(tmp_path: Path, args: list[str], line: str) -> None:
    proc = briefer(*args, cwd=tmp_path)
    assert proc.returncode == 1 and one_error(proc.stderr) == line


def test_bare_briefer_shows_the_help_and_exits_1(tmp_path: Path) -> None:
    proc = briefer(cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.startswith("Usage: briefer [OPTIONS] COMMAND")


# --- input errors: exit 2 (1 for a themes or config file), one line ------------------------------


@pytest.mark.parametrize(("toml", "problem"), [
    ('["a.txt"]\npublisher = 123\n', 'news/sources.toml: ["a.txt"]: publisher must be a string, got 123'),
    ('["a.txt"]\ntitle = ["A", "B"]\n', "title must be a string, got ['A', 'B']"),
    ('["a.txt"]\nauthors = [1, 2]\n', "authors must be a name or a list of names, got [1, 2]"),
    ('["a.txt"]\ndate = "2025-02-30"\n', "date '2025-02-30' does not exist (day is out of range for month)"),
    ('["a.txt"]\ndate = "2025-13"\n', "date '2025-13' does not exist (month must be in 1..12)"),
    ('["a.txt"]\ndate = 2025-02-30\n', "news/sources.toml: not valid TOML"),
    ('x = ' + "[" * 3000 + "]" * 3000 + "\n", "news/sources.toml: arrays or tables nested more than 32 deep"),
])
def test_a_bad_sources_toml_is_one_input_error(news: Path, toml: str, problem: str) -> None:
    (news / "sources.toml").write_text(toml)
    proc = briefer("build", "news", "-o", "out.md", "-q", cwd=news.parent)
    assert proc.returncode == 2 and problem in one_error(proc.stderr)
    assert "template" not in proc.stderr


@pytest.mark.parametrize(("toml", "problem"), [
    ('[themes.roads]\npatterns = [[{TEXT = {REGEX = "(unclosed"}}]]\n',
     "themes.toml: [themes.roads]: pattern 1: invalid REGEX '(unclosed': missing ), unterminated subpattern"),
    ("[themes.roads]\nterms = " + "[" * 3000 + "]" * 3000 + "\n", "themes.toml: arrays or tables nested more than"),
    ("[themes.roads]\nterms = [\"road\"]\npatterns = [[{" + "a." * 3000 + "b = 1}]]\n",
     "themes.toml: arrays or tables nested more than 32 deep"),
])
def test_a_bad_themes_file_is_one_usage_error(news: Path, toml: str, problem: str) -> None:
    (news.parent / "themes.toml").write_text(toml)
    proc = briefer("build", "news", "--themes", "themes.toml", "-o", "out.md", "-q", cwd=news.parent)
    assert proc.returncode == 1 and problem in one_error(proc.stderr)


def test_a_config_nesting_bomb_is_one_usage_error(news: Path) -> None:
    (news.parent / "briefer.toml").write_text("title = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n")
    proc = briefer("build", "news", "-o", "out.md", "-q", cwd=news.parent)
    assert proc.returncode == 1
    assert one_error(proc.stderr).endswith("/briefer.toml: arrays or tables nested more than 32 deep")


@pytest.fixture(scope="module")
def extraction(tmp_path_factory) -> dict:  # type: ignore[type-arg]
    import json

    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("ex")
    said = '"We will open it in May," the minister said.\n'
    (folder / "a.txt").write_text("PHNOM PENH, Nov. 6, 2025 -- " + SAID + said)
    out = folder / "x.json"
    assert CliRunner().invoke(cli, ["extract", str(folder / "a.txt"), "-o", str(out), "-q"]).exit_code == 0
    data = json.loads(out.read_text())
    data.pop("briefer_digest")
    assert data["quotes"] and data["events"], data  # the cases below edit them
    return data


def _edited(data: dict, path: list, value: object) -> dict:  # type: ignore[type-arg]
    import copy

    data = copy.deepcopy(data)
    where = data
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "problem"), [
    (["quotes", 0, "start"], "ten", "quotes[0].start: expected an integer, got a string"),
    (["quotes", 0, "themes"], "roads", "quotes[0].themes: expected a list, got a string"),
    (["quotes", 0], [1, 2], "quotes[0]: expected an object, got a list"),
    (["sources", 0, "authors"], [{"name": "A"}], "sources[0].authors[0]: expected a string, got an object"),
    (["events", 0, "sources"], {"source": "a"}, "events[0].sources: expected a list, got an object"),
    (["figures"], {"0": {}}, "figures: expected a list, got an object"),
    (["quotes", 0, "source"], "nowhere", "quotes[0]: source 'nowhere' is not among the sources"),
    (["events", 0, "date"], "2025-02-30",
     "events[0].date: '2025-02-30' does not exist (day is out of range for month)"),
    (["sources", 0, "date"], "soon", "sources[0].date: 'soon' is not YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_malformed_extraction_json_is_one_input_error(tmp_path: Path, extraction: dict, path: list,  # type: ignore[type-arg]
                                                      value: object, problem: str) -> None:
    import json

    (tmp_path / "x.json").write_text(json.dumps(_edited(extraction, path, value)))
    proc = briefer("render", "x.json", "-o", "out.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error(proc.stderr) == f"Error: x.json: malformed extraction: {problem}"


def test_missing_fields_and_nesting_bombs_in_extraction_json(tmp_path: Path, extraction: dict) -> None:  # type: ignore[type-arg]
    import json

    quote = {k: v for k, v in extraction["quotes"][0].items() if k != "start"}
    (tmp_path / "x.json").write_text(json.dumps({**extraction, "quotes": [quote]}))
    proc = briefer("render", "x.json", "-o", "out.md", cwd=tmp_path)
    assert proc.returncode == 2 and one_error(proc.stderr) == "Error: x.json: malformed extraction: quotes[0]: " \
                                                                "missing 'start' (Quote)"
    (tmp_path / "x.json").write_text("[" * 100_000 + "]" * 100_000)
    proc = briefer("render", "x.json", "-o", "out.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error(proc.stderr) == "Error: x.json: not valid JSON (lists or objects nested too deeply)"


# --- standard output closed, full or gone ---------------------------------------------------------


def test_stdout_closed_or_full_is_one_line(news: Path) -> None:
    args = ["build", "news", "-o", "-", "--format", "md", "-q"]
    closed = subprocess.run(["bash", "-c", f'"$0" -m briefer {" ".join(args)} >&-', sys.executable],
                            capture_output=True, text=True, cwd=news.parent, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert closed.returncode == 2
    assert one_error(closed.stderr) == "Error: -: standard output is closed; give -o FILE"
    with open("/dev/full", "w") as full:
        proc = briefer(*args, cwd=news.parent, stdout=full)
    assert proc.returncode == 2
    assert one_error(proc.stderr) == "Error: -: cannot write to standard output (No space left on device)"


def test_a_reader_that_leaves_ends_the_command_quietly(news: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-m", "briefer", "extract", "news", "-q"], cwd=news.parent, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # `| head -c0`: gone before the first byte
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 141 and err == b""  # as a tool that SIGPIPE ends


# --- email subject ----------------------------------------------------------------------------------


@pytest.mark.parametrize("subject", ["Roads\u2028Bcc: x@example.org", "Roads\u2029more", "Roads\rmore",
                                     "Roads\x85more"])
def test_a_subject_of_more_than_one_line_is_refused(tmp_path: Path, subject: str) -> None:
    from briefer.render.docx import markdown_to_docx

    (tmp_path / "brief.docx").write_bytes(markdown_to_docx("# A brief\n\nOne line.\n"))
    proc = briefer("email", "brief.docx", "--to", "a@example.org", "--from", "b@example.org", "--subject", subject,
                   "--eml", "out.eml", cwd=tmp_path)
    assert proc.returncode == 1 and "the subject must be one line" in one_error(proc.stderr)
    assert not (tmp_path / "out.eml").exists()


def test_a_title_of_several_lines_becomes_a_one_line_subject(tmp_path: Path) -> None:
    from briefer.mail import EmailSettings, build_message
    from briefer.render.docx import markdown_to_docx

    (tmp_path / "brief.docx").write_bytes(markdown_to_docx("# A brief\n\nOne line.\n"))
    msg = build_message(tmp_path / "brief.docx", {"title": "Roads\u2028and\nbridges\x1b[2J"},
                        EmailSettings(to=["a@example.org"]))
    assert msg["Subject"] == "Roads and bridges [2J"


# --- file names that would forge or hide a line ---------------------------------------------------------


def test_file_names_cannot_forge_or_hide_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAID)
    (folder / "x\nWarning: all sources verified.txt").write_bytes(b"")
    (folder / "y\x1b[2K\rhidden.txt").write_bytes(b"")
    proc = briefer("build", "in", "-o", "out.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert "Warning: in/x\\nWarning: all sources verified.txt: skipped: empty file" in lines
    assert "Warning: in/y\\x1b[2K\\rhidden.txt: skipped: empty file" in lines
    assert not any(line.startswith("Warning: all sources") for line in lines) and "\x1b" not in proc.stderr
    proc = briefer("build", "in/z\x1b]0;owned\x07.txt", "-o", "out.md", cwd=tmp_path)
    assert one_error(proc.stderr) == "Error: in/z\\x1b]0;owned\\x07.txt: no such file or folder"


def test_pdf_reader_messages_carry_the_warning_prefix(tmp_path: Path) -> None:
    from tests.test_hostile_files import GOOD_PDF

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(GOOD_PDF.replace(b"startxref\n", b"startxref\n1"))  # a bad pointer
    proc = briefer("build", "in", "-o", "out.md", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[:-1] == ["Warning: in/report.pdf: damaged PDF, read anyway (PDF reader: incorrect "
                                        "startxref pointer(2); parsing for Object Streams)"]


# --- --config after the command, sources.toml naming a missing file, a misnamed themes file --------------


def test_config_after_the_command_works_like_before_it(news: Path, runner) -> None:  # type: ignore[no-untyped-def]
    config = news.parent / "house.toml"
    config.write_text('title = "Harbour weekly"\nhandling = "OFFICIAL"\n')
    for args in (["--config", str(config), "build"], ["build", "--config", str(config)]):
        out = news.parent / "out.md"
        result = runner.invoke(cli, [*args, str(news), "-o", str(out), "-q", "--force"])
        assert result.exit_code == 0, result.output
        assert "# Harbour weekly" in out.read_text() and "OFFICIAL" in out.read_text()
    result = runner.invoke(cli, ["build", str(news), "--config", str(news / "nope.toml"), "-o", "x.md"])
    assert result.exit_code == 1 and "nope.toml: no such file" in result.stderr


def test_sources_toml_naming_a_missing_file_and_a_misnamed_themes_file_are_reported(news: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (news / "sources.toml").write_text('["a.txt"]\npublisher = "Harbour Daily"\n["b.txt"]\npublisher = "Other"\n')
    (news / "theme.toml").write_text('[themes.roads]\nterms = ["bridge"]\n')
    out = news.parent / "out.md"
    result = runner.invoke(cli, ["build", str(news), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: {news / 'theme.toml'}: skipped: no reader for '.toml' files; did you mean "
                        "themes.toml? (read only under that exact name)",
                        f"Warning: {news / 'b.txt'}: skipped: named in sources.toml, but there is no such file"]
    strict = runner.invoke(cli, ["build", str(news), "-o", str(out), "-q", "--strict"])
    assert strict.exit_code == 2 and "--strict" in strict.stderr


@pytest.mark.parametrize("name", ["Themes.toml", "themes.yaml", "source.toml"])
def test_misnamed_settings_files_get_a_hint(tmp_path: Path, name: str) -> None:
    from briefer import ingest

    (tmp_path / name).write_text("x = 1\n")
    _, [skipped] = ingest.collect([tmp_path])
    meant = "sources" if name.startswith("source") else "themes"
    assert skipped.reason.endswith(f"did you mean {meant}.toml? (read only under that exact name)")
