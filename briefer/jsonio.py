"""The JSON contract of `briefer extract` / `briefer render`: write it, read it back, check it."""

from __future__ import annotations

import json
from pathlib import Path

from briefer import __version__
from briefer.errors import InputError
from briefer.model import SCHEMA, Extraction, from_dict, to_dict

REQUIRED = ("sources", "quotes", "figures", "events", "facts")


def dump_extraction(ex: Extraction) -> bytes:
    """The extraction as JSON bytes (UTF-8, stable key order, generator first)."""
    data = {"generator": f"briefer {__version__}", **to_dict(ex)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_extraction(path: Path) -> Extraction:
    """Read an extraction JSON file, with one-line errors naming the file and the problem."""
    try:
        data = json.loads(Path(path).read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected an extraction JSON file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if not isinstance(data, dict) or any(k not in data for k in REQUIRED):
        raise InputError(f"{path}: not a briefer extraction (needs keys {', '.join(REQUIRED)})")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise InputError(f"{path}: schema {data.get('schema')!r} is not {SCHEMA!r}")
    try:
        ex = from_dict(Extraction, data)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise InputError(f"{path}: malformed extraction: {exc}") from None
    if not ex.themes:
        from briefer.pipeline import DEFAULT_THEME

        ex.themes = [DEFAULT_THEME]
    return ex
