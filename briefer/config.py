"""Reading the user's TOML files: themes and per-source metadata. Unknown keys are errors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.errors import BrieferError, InputError, UsageError
from briefer.model import Theme
from briefer.pattern_limits import MAX_ALL_PATTERNS, check_patterns

THEME_KEYS = {"title", "description", "terms", "patterns"}
MAX_DEPTH = 32  # tables and arrays in a settings file (a themes pattern needs about 9)
SOURCE_KEYS = {"title", "publisher", "authors", "author", "date", "url", "kind", "medium", "family_name_first"}


@dataclass
class ThemeSet:
    """The themes file: an optional brief title and the themes in file order."""

    title: str | None = None
    themes: list[Theme] = field(default_factory=list)
    path: str | None = None


def read_toml(path: Path, error: type[BrieferError] = UsageError) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a one-line `error` naming the file: read
    like every file briefer is given (regular file, at most MAX_TOML bytes, never blocking)."""
    from briefer.safety import MAX_TOML, read_file

    data = read_file(path, MAX_TOML, error=error)
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib is recursive: `a = [[[[...]]]]` thousands deep
        parsed = None
    if parsed is None or _depth(parsed) > MAX_DEPTH:  # dotted keys nest without recursing
        raise error(f"{path}: arrays or tables nested more than {MAX_DEPTH} deep") from None
    return parsed


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:  # past the limit, the answer is known
            inner = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
            stack.extend((x, depth + 1) for x in inner)
    return deepest


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
    """Load `sources.toml`: one table per file name with what is known about that source.

    It describes the input, so every problem is an InputError (exit 2) naming the file, the
    entry and the field: a wrong type or an impossible date fails here, in one line, never later
    in a template."""
    data = read_toml(path, InputError)
    return {name: _source_entry(f"{path}: [{_quoted(name)}]", body) for name, body in data.items()}


def _source_entry(where: str, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InputError(f"{where} must be a table of fields")
    unknown = set(body) - SOURCE_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {_names(unknown)}; allowed: {_names(SOURCE_KEYS)}")
    meta = dict(body)
    if "author" in meta:
        meta.setdefault("authors", [meta.pop("author")])
    if isinstance(meta.get("authors"), str):
        meta["authors"] = [meta["authors"]]
    for key in ("title", "publisher", "url", "kind", "medium"):
        if key in meta and not isinstance(meta[key], str):
            raise InputError(f"{where}: {key} must be a string, got {_shown(meta[key])}")
    authors = meta.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise InputError(f"{where}: authors must be a name or a list of names, got {_shown(authors)}")
    if "date" in meta:
        meta["date"] = _iso(where, meta["date"])
    if not isinstance(meta.get("family_name_first", False), bool):
        raise InputError(f"{where}: family_name_first must be true or false")
    return meta


def _iso(where: str, value: Any) -> str:
    """A sources.toml date as ISO YYYY, YYYY-MM or YYYY-MM-DD; a date that does not exist
    (2025-02-30, month 13) is refused."""
    import datetime as dt

    from briefer.jsonio import date_problem

    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        raise InputError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {_shown(value)}")
    problem = date_problem(value)
    if problem:
        raise InputError(f"{where}: date {problem}")
    return value


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(value: Any) -> str:
    """A value as the user wrote it, shortened: `123`, `['a', 'b']`."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _names(keys: set[str]) -> str:
    return ", ".join(repr(k) for k in sorted(keys))
