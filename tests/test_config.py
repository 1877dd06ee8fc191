"""The config file: briefer.toml in the current folder, [tool.briefer] in pyproject.toml, or
--config FILE; command-line options override it; unknown keys are errors naming the file."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli import cli
from briefer.errors import UsageError
from briefer.settings import Settings, load_settings
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def extraction_json(seed_extraction: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefer.jsonio import dump_extraction

    path = tmp_path_factory.mktemp("cfg") / "extract.json"
    path.write_bytes(dump_extraction(seed_extraction))  # type: ignore[arg-type]
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


CONFIG = """
title = "Config title"
handling = "CONFIG HANDLING"
prepared-by = "Policy Unit"
length = "short"
output = "from-config.md"
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_briefer_toml_sets_defaults(here: Path, extraction_json: Path) -> None:
    (here / "briefer.toml").write_text(CONFIG, encoding="utf-8")
    code, out = run("render", str(extraction_json))
    assert code == 0, out
    md = (here / "from-config.md").read_text(encoding="utf-8")
    assert "# Config title" in md and "**CONFIG HANDLING**" in md and "Policy Unit" in md
    assert "(short length)" in md


def test_command_line_overrides_config(here: Path, extraction_json: Path) -> None:
    (here / "briefer.toml").write_text(CONFIG, encoding="utf-8")
    code, out = run("render", str(extraction_json), "--title", "Line title", "-o", "cli.md",
                    "--length", "full")
    assert code == 0, out
    md = (here / "cli.md").read_text(encoding="utf-8")
    assert "# Line title" in md and "Config title" not in md and "**CONFIG HANDLING**" in md
    assert "(full length)" in md
    assert not (here / "from-config.md").exists()


def test_pyproject_tool_table(here: Path, extraction_json: Path) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.briefer]\n'
                                         'title = "From pyproject"\noutput = "p.html"\n', encoding="utf-8")
    code, out = run("render", str(extraction_json))
    assert code == 0, out
    assert "From pyproject" in (here / "p.html").read_text(encoding="utf-8")


def test_pyproject_without_table_is_no_config(here: Path) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings() == Settings()


def test_config_option_paths_relative_to_the_file(here: Path, extraction_json: Path) -> None:
    folder = here / "house"
    (folder / "tpl").mkdir(parents=True)
    (folder / "tpl" / "header.md.j2").write_text("# HOUSE {{ brief.title }}\n\n", encoding="utf-8")
    (folder / "settings.toml").write_text('templates = "tpl"\noutput = "out/brief.md"\n', encoding="utf-8")
    (here / "briefer.toml").write_text('title = "ignored: --config wins"\n', encoding="utf-8")
    code, out = run("--config", str(folder / "settings.toml"), "render", str(extraction_json))
    assert code == 0, out
    md = (folder / "out" / "brief.md").read_text(encoding="utf-8")
    assert "# HOUSE US-Cambodia relations" in md and "ignored" not in md


def test_themes_from_config(here: Path) -> None:
    (here / "themes.toml").write_text('title = "One theme"\n[themes.ream]\nterms = ["Ream"]\n'
                                      'patterns = [[{LOWER = "naval"}, {LOWER = "base"}]]\n',
                                      encoding="utf-8")
    (here / "briefer.toml").write_text('themes = "themes.toml"\n', encoding="utf-8")
    code, out = run("build", str(SEEDS / "003_2c9e87dd40b9aab5.txt"), "-o", "b.md")
    assert code == 0, out
    md = (here / "b.md").read_text(encoding="utf-8")
    assert "# One theme" in md and "## Ream" in md and "Arms embargo" not in md


@pytest.mark.parametrize("text, problem", [
    ('title = "x"\ncolour = "red"\n', "unknown key(s) 'colour'"),
    ('length = "huge"\n', "'length' must be one of short, standard, full"),
    ("title = 3\n", "'title' must be a non-empty string"),
    ('email = "a@b.org"\n', "'email' must be a table"),
    ("[email]\nto = ['a@b.org']\npassword = 'x'\n", "no passwords in config"),
    ("[email]\nrecipient = 'a@b.org'\n", "unknown key(s): recipient"),
    ("title = \n", "not valid TOML"),
])
def test_bad_config_is_a_one_line_error_naming_the_file(here: Path, text: str, problem: str) -> None:
    (here / "briefer.toml").write_text(text, encoding="utf-8")
    code, out = run("render", "whatever.json")
    assert code == 1
    (line,) = out.strip().splitlines()
    assert line.startswith(f"Error: {here / 'briefer.toml'}") and problem in line, line


def test_unknown_key_in_pyproject_names_the_table(here: Path) -> None:
    (here / "pyproject.toml").write_text('[tool.briefer]\nthemse = "t.toml"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"pyproject.toml \[tool.briefer\]: unknown key\(s\) 'themse'"):
        load_settings()


def test_missing_config_file(here: Path) -> None:
    code, out = run("--config", "nope.toml", "render", "x.json")
    assert code == 1 and "nope.toml: no such file" in out


def test_email_table_reaches_the_email_command(here: Path, extraction_json: Path) -> None:
    (here / "briefer.toml").write_text('[email]\nto = ["desk@example.org"]\nfrom = "unit@example.org"\n'
                                       'subject = "Weekly brief"\n', encoding="utf-8")
    code, out = run("render", str(extraction_json), "-o", "b.docx")
    assert code == 0, out
    code, out = run("email", "b.docx", "--eml", "b.eml")
    assert code == 0, out
    msg = email.message_from_bytes((here / "b.eml").read_bytes(), policy=email.policy.default)
    assert (msg["To"], msg["From"], msg["Subject"]) == ("desk@example.org", "unit@example.org",
                                                        "Weekly brief")
    code, out = run("email", "b.docx", "--eml", "c.eml", "--to", "other@example.org")
    assert code == 0, out
    msg = email.message_from_bytes((here / "c.eml").read_bytes(), policy=email.policy.default)
    assert msg["To"] == "other@example.org"


def test_default_map_shape() -> None:
    settings = Settings(values={"templates": "t", "model": "m", "title": "T"})
    assert settings.default_map() == {
        "build": {"templates": "t", "model": "m", "title": "T"},
        "render": {"templates": "t", "title": "T"},
        "extract": {"model": "m"},
        "templates": {"list": {"templates": "t"}},
    }
