"""The config file: defaults for the command line, from `briefer.toml` in the current folder,
`[tool.briefer]` in ./pyproject.toml, or a file named with `--config`.

Command-line options override it (click's `default_map`). Unknown keys are errors naming the
file; relative paths are read relative to the file's folder.

    title = "Cambodia weekly"
    handling = "OFFICIAL"
    length = "short"
    themes = "themes.toml"
    templates = "house-templates"
    reference_docx = "house.docx"
    scheduler = "tcp://scheduler.example.org:8786"

    [email]
    to = ["desk@example.org"]
    smtp = "mail.example.org:587"
    starttls = true
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.config import read_toml
from briefer.errors import UsageError

CONFIG_FILE = "briefer.toml"
STRINGS = ("title", "handling", "prepared_by", "model", "format", "scheduler")
PATHS = ("themes", "templates", "reference_docx", "output")
LENGTHS = ("short", "standard", "full")
FORMATS = ("docx", "md", "html", "json")
KEYS = {*STRINGS, *PATHS, "length", "email"}
# config key -> (commands it is a default for, the command's parameter name)
OPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (("build", "render"), "title"),
    "handling": (("build", "render"), "handling"),
    "prepared_by": (("build", "render"), "prepared_by"),
    "length": (("build", "render"), "length"),
    "format": (("build", "render"), "fmt"),
    "output": (("build", "render"), "output"),
    "templates": (("build", "render", "templates list"), "templates"),
    "reference_docx": (("build", "render"), "reference"),
    "themes": (("build", "extract"), "themes"),
    "model": (("build", "extract"), "model"),
    "scheduler": (("build", "extract"), "scheduler"),
}


@dataclass
class Settings:
    """What a config file sets: option defaults by key, and the `[email]` table."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    email: dict[str, Any] = field(default_factory=dict)

    def default_map(self) -> dict[str, dict[str, Any]]:
        """click's `default_map`: per command, the parameter defaults this file sets."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            commands, param = OPTIONS[key]
            for command in commands:
                level = out
                for name in command.split():  # "templates list": a subcommand of a group
                    level = level.setdefault(name, {})
                level[param] = value
        return out


def find_config(folder: Path) -> tuple[Path, bool] | None:
    """The config in `folder`: (briefer.toml, False), else (pyproject.toml, True) when it has a
    `[tool.briefer]` table, else None."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return own, False
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and "briefer" in read_toml(pyproject).get("tool", {}):
        return pyproject, True
    return None


def load_settings(path: Path | None = None, *, folder: Path | None = None) -> Settings:
    """Read `path` (a briefer.toml, or a pyproject.toml with `[tool.briefer]`), or the config
    found in `folder` (default: the current folder); no config file gives empty Settings."""
    if path is not None:
        in_pyproject = path.name == "pyproject.toml"
    else:
        found = find_config(folder or Path.cwd())
        if found is None:
            return Settings()
        path, in_pyproject = found
    data = read_toml(path)
    where = str(path)
    if in_pyproject:
        data = data.get("tool", {}).get("briefer")
        where = f"{path} [tool.briefer]"
        if not isinstance(data, dict):
            raise UsageError(f"{where}: missing; add a [tool.briefer] table")
    return _validate(data, where, path)


def _validate(data: dict[str, Any], where: str, path: Path) -> Settings:
    data = {str(k).replace("-", "_"): v for k, v in data.items()}
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(sorted(KEYS))}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "email":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: 'email' must be a table ([email])")
            continue
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{where}: '{key}' must be a non-empty string")
        values[key] = _path(path.parent, value) if key in PATHS else value
    _choice(where, values, "length", LENGTHS)
    _choice(where, values, "format", FORMATS)
    return Settings(path=path, values=values, email=dict(data.get("email", {})))


def _path(base: Path, value: str) -> str:
    if value == "-" or Path(value).is_absolute() or base.resolve() == Path.cwd().resolve():
        return value
    return str(base / value)


def _choice(where: str, values: dict[str, Any], key: str, choices: tuple[str, ...]) -> None:
    if key in values and values[key] not in choices:
        raise UsageError(f"{where}: '{key}' must be one of {', '.join(choices)}, got {values[key]!r}")
