"""What Dask workers run for the Dask engine (`dask_cluster`): tasks name these functions, so a
worker imports briefer once and keeps the model loaded between shards (`core.analyse` caches it
per process); nothing is shipped by value. Imports nothing from Dask but `get_worker`."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import threading
from pathlib import Path
from typing import Any

from briefer.core import analyse, identity
from briefer.model import Source, Theme

_LOCK = threading.Lock()  # one shard at a time per process: the model is shared and the parser is
# CPU-bound; run workers with --nthreads 1 and several processes


def check_worker(model: str, themes: list[Theme], probe: tuple[Source, str | None, str | None] | None,
                 reading: tuple[str | None, int | None]) -> tuple[dict[str, str], bool]:
    """This worker's identity, and whether it reads the probe's file as the client did."""
    readable = probe is not None and _text(probe[1], probe[2], reading) is not None
    return identity(model, themes), readable


def run_shard(payload: bytes) -> bytes:
    """One shard on a worker: {"records": [...]} as JSON, or why it cannot run here."""
    job = pickle.loads(payload)
    themes, options = job["themes"], job["options"]
    mine = identity(options.model, themes)
    if mine != job["expect"]:
        return _json({"mismatch": mine, "expect": job["expect"], "worker": _worker()})
    sources = []
    for src, path, sha in job["shard"]:
        if path is not None:
            text = _text(path, sha, job["reading"])
            if text is None:
                return _json({"missing": f"{path} on {_worker()}"})
            src = dataclasses.replace(src, text=text)
        sources.append(src)
    with _LOCK:
        return _json({"records": analyse(sources, themes, options)})


def _text(path: str | None, sha: str | None, reading: tuple[str | None, int | None]) -> str | None:
    """The source's text read from `path` as ingest read it, or None when it is not the same text."""
    from briefer import ingest

    if path is None:
        return None
    encoding, max_bytes = reading
    try:
        text = ingest.read_source(Path(path), encoding=encoding,
                                  max_bytes=max_bytes or ingest.MAX_INPUT).text
    except Exception:  # noqa: BLE001 - unreadable here, for whatever reason: the client sends the text
        return None
    return text if text_digest(text) == sha else None


def _worker() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "?"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def peak_rss_mib() -> int:
    """This process's peak resident memory, MiB."""
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def text_digest(text: str) -> str:
    """The digest by which a worker checks it read the text the client read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
