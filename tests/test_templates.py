"""Template lookup and overrides: a user folder replaces one block and keeps the rest; broken
templates (five kinds) are one-line errors "template:line: problem" with exit code 4 and no
output file; `briefer templates list` and `briefer templates init`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli import cli
from briefer.errors import OutputError, TemplateError
from briefer.render import RenderOptions, render
from briefer.render.templating import builtin_dir, copy_builtins, template_origins


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def md(brief: object, templates: Path | None = None) -> str:
    return render(brief, "md", RenderOptions(templates=templates)).decode("utf-8")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def default_md(seed_brief: object) -> str:
    return md(seed_brief)


@pytest.fixture(scope="module")
def extraction_json(seed_extraction: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefer.jsonio import dump_extraction

    path = tmp_path_factory.mktemp("tpl") / "extract.json"
    path.write_bytes(dump_extraction(seed_extraction))  # type: ignore[arg-type]
    return path


def test_override_one_block_keeps_the_rest(seed_brief: object, default_md: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "house", {"brief.md.j2": (
        '{% extends "builtin/brief.md.j2" %}\n'
        "{% block key_points %}## In short\n\n"
        "{% for kp in brief.key_points %}- {{ kp.fact.text | truncate_words(8) }}{{ kp.fact | cite }}\n"
        "{% endfor %}"
        "{% endblock %}\n")})
    custom = md(seed_brief, folder)
    assert "## In short" in custom and "## Key points" not in custom
    head, _, rest = default_md.partition("## Key points")
    assert custom.startswith(head + "## In short")
    # everything after the key points block (sections, timeline, sources, method, notes) is as built in
    after = rest[rest.index("\n## ", 1):]
    assert custom.endswith(after)
    assert after.count("[^") > 10


def test_super_keeps_the_builtin_block(seed_brief: object, default_md: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "house", {"brief.md.j2": (
        '{% extends "builtin/brief.md.j2" %}\n'
        "{% block method %}{{ super() }}\n*Prepared by the Policy Unit.*\n{% endblock %}\n")})
    custom = md(seed_brief, folder)
    assert "*Prepared by the Policy Unit.*" in custom
    (method,) = [line for line in default_md.splitlines() if line.startswith("This brief is extractive")]
    assert "\n## Method\n\n" + method + "\n" in custom  # the built-in block's Markdown, not escaped


def test_user_partial_replaces_the_builtin_one(seed_brief: object, tmp_path: Path) -> None:
    folder = write(tmp_path / "house", {"header.md.j2": "# {{ brief.title | upper }}\n\n"})
    custom = md(seed_brief, folder)
    assert custom.splitlines()[1].startswith("# US-CAMBODIA RELATIONS")  # line 0: generator comment


# name -> (files, template named in the error, line, words of the problem)
BROKEN = {
    "undefined name": ({"brief.md.j2": '{% extends "builtin/brief.md.j2" %}\n{% block key_points %}\n'
                                       "## Points\n{{ no_such_name }}\n{% endblock %}\n"},
                       "brief.md.j2", 4, "'no_such_name' is undefined"),
    "syntax error": ({"header.md.j2": "# {{ brief.title }}\n\n{% if brief.title %}\nno endif\n"},
                     "header.md.j2", 4, "Unexpected end of template"),
    "missing include": ({"section.md.j2": "## {{ section.theme.title }}\n\n"
                                          '{% include "no-such-part.md.j2" %}\n'},
                        "section.md.j2", 3, "no-such-part.md.j2"),
    "filter error": ({"key_points.md.j2": "## Key points\n\n{{ brief.title | no_such_filter }}\n"},
                     "key_points.md.j2", 3, "No filter named 'no_such_filter'"),
    "exception": ({"method.md.j2": "## Method\n\n{% set n = 0 %}\n{{ brief.sources | length / n }}\n"},
                  "method.md.j2", 4, "division by zero"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_template_is_one_line_exit_4_no_file(kind: str, extraction_json: Path,
                                                    tmp_path: Path) -> None:
    files, name, line, problem = BROKEN[kind]
    folder = write(tmp_path / "house", files)
    out = tmp_path / "brief.docx"
    result = CliRunner().invoke(cli, ["render", str(extraction_json), "-o", str(out),
                                      "--templates", str(folder)])
    assert result.exit_code == 4, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {name}:{line}: "), lines[0]
    assert problem in lines[0]
    assert not out.exists()


def test_broken_template_error_from_the_library(seed_brief: object, tmp_path: Path) -> None:
    files, name, line, problem = BROKEN["exception"]
    with pytest.raises(TemplateError, match=rf"^{name}:{line}: .*{problem}"):
        md(seed_brief, write(tmp_path / "house", files))


def test_templates_list_shows_origin(tmp_path: Path) -> None:
    folder = write(tmp_path / "house", {"section.md.j2": "x", "extra.md.j2": "y", "notes.txt": "z"})
    origins = dict(template_origins(folder))
    assert origins["brief.md.j2"] == "built-in"
    assert origins["section.md.j2"] == f"{folder / 'section.md.j2'} (replaces the built-in)"
    assert origins["extra.md.j2"] == str(folder / "extra.md.j2")
    assert origins["reference.docx"] == "built-in"
    assert "notes.txt" not in origins
    result = CliRunner().invoke(cli, ["templates", "list", "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    assert {line.split()[0] for line in result.output.splitlines()} == set(origins)


def test_templates_init_copies_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "house"
    result = runner.invoke(cli, ["templates", "init", str(folder)])
    assert result.exit_code == 0, result.output
    builtins = sorted(p.name for p in builtin_dir().iterdir() if p.suffix in (".j2", ".docx"))
    assert sorted(p.name for p in folder.iterdir()) == builtins
    assert (folder / "brief.md.j2").read_bytes() == (builtin_dir() / "brief.md.j2").read_bytes()
    (folder / "brief.md.j2").write_text("mine", encoding="utf-8")
    again = runner.invoke(cli, ["templates", "init", str(folder)])
    assert again.exit_code == 2 and "already exists; use --force" in again.output
    assert (folder / "brief.md.j2").read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(cli, ["templates", "init", str(folder), "--force"])
    assert forced.exit_code == 0
    assert (folder / "brief.md.j2").read_text(encoding="utf-8") != "mine"


def test_copied_templates_render_like_the_builtins(seed_brief: object, default_md: str,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "house"
    copy_builtins(folder)
    assert md(seed_brief, folder) == default_md
    with pytest.raises(OutputError):
        copy_builtins(folder)
