"""The JSON contract of `briefer extract` / `briefer render`: write it, read it back, check it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefer import __version__
from briefer.errors import InputError
from briefer.model import SCHEMA, Extraction, from_dict, to_dict
from briefer.safety import MAX_JSON, read_file

REQUIRED = ("sources", "quotes", "figures", "events", "facts")
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def dump_extraction(ex: Extraction) -> bytes:
    """The extraction as JSON bytes (UTF-8, stable key order, generator first)."""
    data = {"generator": f"briefer {__version__}", **to_dict(ex)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_extraction(path: Path) -> Extraction:
    """Read an extraction JSON file, with one-line errors naming the file and the problem."""
    raw = read_file(path, MAX_JSON)
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: not valid JSON (lists or objects nested too deeply)") from None
    if not isinstance(data, dict) or any(k not in data for k in REQUIRED):
        raise InputError(f"{path}: not a briefer extraction (needs keys {', '.join(REQUIRED)})")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise InputError(f"{path}: schema {data.get('schema')!r} is not {SCHEMA!r}")
    try:
        ex = from_dict(Extraction, data)
    except ValueError as exc:  # ShapeError: a wrong type, a missing field, a wrong nesting
        raise InputError(f"{path}: malformed extraction: {exc}") from None
    problem = _dangling(ex)
    if problem:
        raise InputError(f"{path}: malformed extraction: {problem}")
    if not ex.themes:
        from briefer.pipeline import DEFAULT_THEME

        ex.themes = [DEFAULT_THEME]
    return ex


def date_problem(value: str) -> str | None:
    """Why `value` is not an ISO date of the form YYYY, YYYY-MM or YYYY-MM-DD that exists
    (2025-02-30 and month 13 do not), or None."""
    import datetime as dt

    shape = ISO_DATE.fullmatch(value)
    if shape is None:
        return f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(part or 1) for part in shape.groups())
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        return f"{value!r} does not exist ({exc})"
    return None


def _dangling(ex: Extraction) -> str | None:
    """What the types cannot say: each item's source is one of the extraction's, each date is
    a date. (A hand-edited file failing here fails in one line, not deep inside assembly.)"""
    ids = {src.id for src in ex.sources}
    cited = [(f"quotes[{i}]", q.source) for i, q in enumerate(ex.quotes)]
    cited += [(f"figures[{i}]", f.source) for i, f in enumerate(ex.figures)]
    for name, items in (("events", ex.events), ("facts", ex.facts)):
        cited += [(f"{name}[{i}].sources", loc.source) for i, item in enumerate(items) for loc in item.sources]
    cited += [(f"conflicts[{i}].claims", c.location.source) for i, k in enumerate(ex.conflicts) for c in k.claims]
    unknown = next(((where, sid) for where, sid in cited if sid not in ids), None)
    if unknown:
        return f"{unknown[0]}: source {unknown[1]!r} is not among the sources"
    dates = [(f"events[{i}].date", e.date) for i, e in enumerate(ex.events)]
    for i, src in enumerate(ex.sources):
        dates += [(f"sources[{i}].{key}", getattr(src, key)) for key in ("date", "anchor") if getattr(src, key)]
    return next((f"{where}: {problem}" for where, value in dates if (problem := date_problem(value))), None)
