"""The rebuild cache: small per-source extraction records and spaCy parses, keyed by content.

Three kinds of entry live under one folder (the platform's user cache folder, or BRIEFER_CACHE_DIR):

- ``records``: what extraction found in one source (JSON), keyed by the source as ingested, the
  themes, the model, briefer's version and a hash of the extraction code, so that editing a
  template rebuilds without spaCy and editing an extractor invalidates every record;
- ``parses``: one source's parsed Doc (a spaCy DocBin), keyed by the analysis text, the model and
  the spaCy version, so that editing the themes re-runs the matchers but not the parser;
- ``items``: what a source says whatever the themes (its judgement, quotes, figures and events,
  JSON), keyed like a record less the themes, so that editing the themes re-runs only the theme
  matchers and the facts, not the extractors.

The cache is an optimisation only: it is safe to delete, every write is atomic, and an entry that
cannot be read back (truncated, corrupt, from another version) counts as a miss, never an error.

Entries are authenticated, not only checksummed: each carries an HMAC-SHA256 over its kind, key
and payload under a per-user secret key kept outside the cache folder (`cache.key`, mode 0600, in
the user's config folder or $BRIEFER_CACHE_KEY_FILE, made on first use). Anyone who can write to
a shared cache folder can delete or damage entries, which costs a rebuild, but cannot plant a
record or parse that this user's briefer will accept, nor move a genuine entry under another key.
A key file that is not a regular file of this user's, readable by no one else, turns the cache
off (every read a miss, nothing written) rather than trusting it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import briefer

ENV = "BRIEFER_CACHE_DIR"
KEY_ENV = "BRIEFER_CACHE_KEY_FILE"
MAGIC = b"BRF2"
DIGEST = 32  # HMAC-SHA256 of kind, key and payload, checked on every read
KEY_BYTES = 32
MAX_ENTRY = 256 * 1024 * 1024  # a parse of a 20 MiB source stays far below this
CODE_FILES = ("nlp.py", "core.py", "pipeline.py", "model.py", "cache.py", "extract/*.py", "extract/*/*.py")


def cache_dir() -> Path:
    """The cache folder: $BRIEFER_CACHE_DIR, else the platform's user cache folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefer", appauthor=False))


def key_file() -> Path:
    """Where the secret key lives: $BRIEFER_CACHE_KEY_FILE, else the user's config folder."""
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefer", appauthor=False)) / "cache.key"


def secret_key(path: Path | None = None) -> bytes | None:
    """The per-user key (made on first use), or None when it cannot be trusted or made."""
    path = path or key_file()
    key = _read_key(path)
    if key is None and not os.path.lexists(path):
        _make_key(path)
        key = _read_key(path)
    return key


def _read_key(path: Path) -> bytes | None:
    """The key if `path` is a regular file of this user's (not a link), of mode 0600 or stricter."""
    from briefer.safety import NotReadable, open_regular

    try:
        with open_regular(path, follow=False) as (fh, info):
            if info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            key = fh.read(KEY_BYTES + 1)
    except (NotReadable, OSError):
        return None
    return key if len(key) == KEY_BYTES else None


def _make_key(path: Path) -> None:
    """Write a new random key: to a private temporary first, then linked under its name, so a
    concurrent first use sees a complete key or makes its own attempt fail (link never replaces)."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache.key.")
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # mkstemp makes it 0600 already; said here for clarity
            os.write(fd, secrets.token_bytes(KEY_BYTES))
            os.fsync(fd)
            os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)


class Cache:
    """A folder of authenticated, atomically written entries; reads never raise."""

    def __init__(self, root: Path | None = None, key: bytes | None = None):
        self.root = Path(root) if root is not None else cache_dir()
        self.key = key if key is not None else secret_key()

    def _mac(self, kind: str, key: str, payload: bytes) -> bytes:
        assert self.key is not None
        return hmac.new(self.key, f"{kind}\0{key}\0".encode() + payload, hashlib.sha256).digest()

    def path(self, kind: str, key: str) -> Path:
        """Where the entry `key` of `kind` lives (two-level fan-out keeps folders small)."""
        return self.root / kind / key[:2] / key[2:]

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under `key`, or None when missing, damaged or not authentic."""
        if self.key is None:
            return None
        blob = _read_entry(self.path(kind, key))
        if blob is None:
            return None
        payload = blob[len(MAGIC) + DIGEST:]
        mac = blob[len(MAGIC):][:DIGEST]
        if blob[:len(MAGIC)] != MAGIC or not hmac.compare_digest(mac, self._mac(kind, key, payload)):
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store `payload` atomically; a cache that cannot be written is silently skipped."""
        if self.key is None:
            return
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + self._mac(kind, key, payload) + payload)
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


def _read_entry(path: Path) -> bytes | None:
    """A regular file's bytes, at most MAX_ENTRY, never blocking on a FIFO planted in the cache."""
    from briefer.safety import read_head

    return read_head(path, MAX_ENTRY, whole=True)


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
