"""The rebuild cache: small per-source extraction records and spaCy parses, keyed by content.

Two kinds of entry live under one folder (the platform's user cache folder, or BRIEFER_CACHE_DIR):

- ``records``: what extraction found in one source (JSON), keyed by the source as ingested, the
  themes, the model, briefer's version and a hash of the extraction code, so that editing a
  template rebuilds without spaCy and editing an extractor invalidates every record;
- ``parses``: one source's parsed Doc (a spaCy DocBin), keyed by the analysis text, the model and
  the spaCy version, so that editing the themes re-runs the matchers but not the parser.

The cache is an optimisation only: it is safe to delete, every write is atomic, and an entry that
cannot be read back (truncated, corrupt, from another version) counts as a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import briefer

ENV = "BRIEFER_CACHE_DIR"
MAGIC = b"BRF1"
DIGEST = 32  # sha256 of the payload, checked on every read
CODE_FILES = ("nlp.py", "pipeline.py", "model.py", "cache.py", "extract/*.py")


def cache_dir() -> Path:
    """The cache folder: $BRIEFER_CACHE_DIR, else the platform's user cache folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefer", appauthor=False))


class Cache:
    """A folder of checksummed, atomically written entries; reads never raise."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else cache_dir()

    def path(self, kind: str, key: str) -> Path:
        """Where the entry `key` of `kind` lives (two-level fan-out keeps folders small)."""
        return self.root / kind / key[:2] / key[2:]

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under `key`, or None when missing or damaged."""
        try:
            blob = self.path(kind, key).read_bytes()
        except OSError:
            return None
        payload = blob[len(MAGIC) + DIGEST:]
        if blob[:len(MAGIC)] != MAGIC or hashlib.sha256(payload).digest() != blob[len(MAGIC):][:DIGEST]:
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store `payload` atomically; a cache that cannot be written is silently skipped."""
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def get_json(self, kind: str, key: str) -> Any:
        """A JSON entry, or None when missing or damaged."""
        payload = self.get(kind, key)
        if payload is None:
            return None
        try:
            return json.loads(payload)
        except ValueError:
            return None

    def put_json(self, kind: str, key: str, value: Any) -> None:
        """Store a JSON-ready value."""
        self.put(kind, key, json.dumps(value, separators=(",", ":")).encode("utf-8"))


def digest(*parts: Any) -> str:
    """A stable hex key for JSON-ready parts."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def code_hash(root: Path | None = None) -> str:
    """A hash of the code that turns a source into a record (under `root`, default: briefer's
    package folder): any edit to an extractor invalidates every record and parse."""
    root = root or Path(briefer.__file__).parent
    h = hashlib.sha256(briefer.__version__.encode())
    for pattern in CODE_FILES:
        for path in sorted(root.glob(pattern)):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """The installed version of a model package and of spaCy, read without importing spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in (model, "spacy"):
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}==?")
    return " ".join(found)
