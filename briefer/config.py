"""Reading the user's TOML files: themes and per-source metadata. Unknown keys are errors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.errors import UsageError
from briefer.model import Theme
from briefer.pattern_limits import MAX_ALL_PATTERNS, check_patterns

THEME_KEYS = {"title", "description", "terms", "patterns"}
SOURCE_KEYS = {"title", "publisher", "authors", "author", "date", "url", "kind", "medium", "family_name_first"}


@dataclass
class ThemeSet:
    """The themes file: an optional brief title and the themes in file order."""

    title: str | None = None
    themes: list[Theme] = field(default_factory=list)
    path: str | None = None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a one-line UsageError naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, expected a TOML file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def load_themes(path: Path) -> ThemeSet:
    """Load a themes file: `title` plus `[themes.<id>]` tables with title/description/terms/patterns."""
    data = read_toml(path)
    unknown = set(data) - {"title", "themes"}
    if unknown:
        raise UsageError(f"{path}: unknown key(s) {_names(unknown)}; expected 'title' and [themes.*]")
    tables = data.get("themes", {})
    if not isinstance(tables, dict) or not tables:
        raise UsageError(f"{path}: no [themes.<id>] table; add at least one theme")
    themes = [_theme(path, tid, body) for tid, body in tables.items()]
    if sum(len(t.patterns) for t in themes) > MAX_ALL_PATTERNS:
        raise UsageError(f"{path}: more than {MAX_ALL_PATTERNS} patterns in all")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise UsageError(f"{path}: 'title' must be a string")
    return ThemeSet(title=title, themes=themes, path=str(path))


def _theme(path: Path, tid: str, body: Any) -> Theme:
    where = f"{path}: [themes.{tid}]"
    if not isinstance(body, dict):
        raise UsageError(f"{where} must be a table")
    unknown = set(body) - THEME_KEYS
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {_names(unknown)}; allowed: {_names(THEME_KEYS)}")
    terms = body.get("terms", [])
    patterns = body.get("patterns", [])
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise UsageError(f"{where}: 'terms' must be a list of non-empty strings")
    if not isinstance(patterns, list) or not all(_is_pattern(p) for p in patterns):
        raise UsageError(f"{where}: 'patterns' must be a list of spaCy Matcher patterns (lists of tables)")
    if not terms and not patterns:
        raise UsageError(f"{where}: give 'terms' or 'patterns' so the theme can be recognised")
    check_patterns(where, patterns)
    title = body.get("title", tid.replace("_", " ").capitalize())
    if not isinstance(title, str):
        raise UsageError(f"{where}: 'title' must be a string")
    return Theme(id=tid, title=title, description=str(body.get("description", "")),
                 terms=list(dict.fromkeys(terms)), patterns=patterns)


def _is_pattern(p: Any) -> bool:
    return isinstance(p, list) and bool(p) and all(isinstance(t, dict) for t in p)


def load_source_meta(path: Path) -> dict[str, dict[str, Any]]:
    """Load `sources.toml`: one table per file name with what is known about that source."""
    data = read_toml(path)
    out: dict[str, dict[str, Any]] = {}
    for name, body in data.items():
        if not isinstance(body, dict):
            raise UsageError(f"{path}: [\"{name}\"] must be a table of fields")
        unknown = set(body) - SOURCE_KEYS
        if unknown:
            raise UsageError(f"{path}: [\"{name}\"]: unknown key(s) {_names(unknown)}; "
                             f"allowed: {_names(SOURCE_KEYS)}")
        meta = dict(body)
        if "author" in meta:
            meta.setdefault("authors", [meta.pop("author")])
        if isinstance(meta.get("authors"), str):
            meta["authors"] = [meta["authors"]]
        if "date" in meta:
            meta["date"] = _iso(path, name, meta["date"])
        if not isinstance(meta.get("family_name_first", False), bool):
            raise UsageError(f"{path}: [\"{name}\"]: family_name_first must be true or false")
        out[name] = meta
    return out


def _iso(path: Path, name: str, value: Any) -> str:
    import datetime as dt
    import re

    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    raise UsageError(f"{path}: [\"{name}\"]: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")


def _names(keys: set[str]) -> str:
    return ", ".join(repr(k) for k in sorted(keys))
