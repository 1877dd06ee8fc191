"""The Dask engine (`--scheduler`): shards analysed on a Dask cluster, an existing one
(`tcp://HOST:8786`) or one started here for the build (`local:N`, N worker processes).

What goes over the network: per shard, the ingested sources without their text when every
worker reads the files at the same absolute paths (checked at start, and per source by a digest
of the text: a worker that reads something else asks for the text instead), else with it; the
themes and options; and back, the shard's records as JSON. Parsed Docs never leave a worker.

Every task runs `run_shard`, a function of this module, so workers import briefer and keep the
model loaded between shards (`core.analyse` caches it per process); nothing is shipped by value.
Workers must run the same briefer code, model and spaCy as the client: they are checked before
the first shard, and each shard checks again (a worker that joins later), failing the build in
one line. Dask retries a shard whose worker died; if it keeps dying the build fails in one line.
Dask is an optional dependency (`pip install 'briefer[dask]'`): nothing here imports it until
an engine is opened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import pickle
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

from briefer.core import AnalyseOptions, Record, identity
from briefer.engines.dask_worker import check_worker, peak_rss_mib, run_shard, text_digest
from briefer.errors import BrieferError, UsageError
from briefer.model import Source, Theme

LOG = logging.getLogger("briefer.engines.dask")
INSTALL = "pip install 'briefer[dask]'"
LOCAL = re.compile(r"local(?::(\d+))?")
ADDRESS = re.compile(r"[\w.\-]+:\d+|\[[0-9a-fA-F:]+\]:\d+")  # host:port without a protocol
RETRIES = 2  # a shard whose task fails is run again this many times (worker deaths: the scheduler's
# own allowed-failures, 3 by default, after which it gives up on the shard)
CONNECT_S = 30  # how long to wait for a scheduler to answer, and for a first worker to join


def require_dask() -> None:
    """Fail in one line, naming the extra to install, when Dask's distributed scheduler is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler needs Dask, which is not installed: {INSTALL}") from None


def parse_scheduler(value: str) -> tuple[str, int | None]:
    """("local", N) for `local:N` (N defaults to the cores), else (address, None)."""
    from briefer.engines.processes import default_jobs

    text = value.strip()
    local = LOCAL.fullmatch(text.lower())
    if local:
        n = int(local.group(1)) if local.group(1) else default_jobs()
        if n < 1:
            raise UsageError(f"--scheduler {value}: local:N needs at least one worker")
        return "local", n
    if "://" in text or ADDRESS.fullmatch(text):
        return text, None
    raise UsageError(f"--scheduler {value!r}: give a Dask scheduler address (tcp://HOST:8786), "
                     "local:N to start N workers here, or none")


class DaskEngine:
    """Shards as Dask tasks; records back in any order, placed by shard index."""

    def __init__(self, client: Any, cluster: Any = None, folder: str | None = None,
                 encoding: str | None = None, max_bytes: int | None = None):
        self.client, self.cluster, self.folder = client, cluster, folder
        self.reading = (encoding, max_bytes)
        self.slots = max(1, sum(client.nthreads().values()))
        # shards queued on the cluster at once: every worker has its next shard waiting, and the
        # scheduler never holds a whole archive's sources (with their texts when it must)
        self.window = 2 * self.slots + 2
        self.stats: dict[str, Any] = {"shards": 0, "sources": 0, "sent": 0, "received": 0, "resent": 0}

    @classmethod
    def open(cls, scheduler: str, encoding: str | None = None, max_bytes: int | None = None) -> DaskEngine:
        """Connect to the scheduler, or start a local cluster for `local:N`."""
        require_dask()
        address, n = parse_scheduler(scheduler)
        if address == "local":
            return cls._local(n or 1, encoding, max_bytes)
        with _interruptible():
            return cls(_connect(address), encoding=encoding, max_bytes=max_bytes)

    @classmethod
    def _local(cls, n: int, encoding: str | None, max_bytes: int | None) -> DaskEngine:
        """A LocalCluster of `n` single-threaded worker processes, no dashboard, its files in a
        temporary folder removed on close. Ctrl-C while it starts stops the build once it has
        started: interrupted half-way, Dask would leave processes and files behind."""
        from distributed import Client, LocalCluster

        folder = tempfile.mkdtemp(prefix="briefer-dask-")
        start = time.perf_counter()
        cluster = client = None
        with _ctrl_c_deferred() as pressed:
            try:
                cluster = LocalCluster(**{**local_cluster_options(n, folder), "n_workers": 0})
                with _ctrl_c_ignored():  # the worker processes inherit it: see _ctrl_c_ignored
                    cluster.scale(n)
                    _spawned(cluster, n)
                client = Client(cluster)
                client.wait_for_workers(n, timeout=CONNECT_S * 4)
            except BaseException:
                with _ctrl_c_ignored():
                    _close(client, cluster, folder)
                raise
            if pressed:
                with _ctrl_c_ignored():
                    _close(client, cluster, folder)
                raise KeyboardInterrupt
        engine = cls(client, cluster, folder, encoding, max_bytes)
        engine.stats["startup_s"] = round(time.perf_counter() - start, 2)
        return engine

    def map(self, shards: list[list[Source]], themes: list[Theme],
            options: AnalyseOptions) -> Iterator[tuple[int, list[Record]]]:
        from distributed import as_completed

        expect = identity(options.model, themes)
        by_path = self._check_workers(shards, themes, options, expect)
        queue = list(range(len(shards) - 1, -1, -1))  # next shard last
        index: dict[Any, int] = {}
        pending = as_completed()

        def submit(k: int, paths: bool) -> None:
            future = self._submit(shards[k], themes, options, expect, paths)
            index[future] = k
            pending.add(future)

        start = time.perf_counter()
        for _ in range(min(self.window, len(queue))):
            submit(queue.pop(), by_path)
        try:
            for future in pending:
                k = index[future]
                result = self._result(future)
                if "missing" in result:  # this worker cannot read the file: send the text
                    LOG.info("resending shard %d with its text: %s", k, result["missing"])
                    self.stats["resent"] += 1
                    submit(k, False)
                    continue
                if queue:
                    submit(queue.pop(), by_path)
                self.stats["shards"] += 1
                self.stats["sources"] += len(result["records"])
                self.stats["map_s"] = round(time.perf_counter() - start, 2)
                yield k, result["records"]
        finally:
            left = [f for f in index if not f.done()]
            if left:
                self.client.cancel(left, force=True)

    def _submit(self, shard: list[Source], themes: list[Theme], options: AnalyseOptions,
                expect: dict[str, str], by_path: bool) -> Any:
        entries = [_entry(s, by_path) for s in shard]
        payload = pickle.dumps({"shard": entries, "themes": themes, "options": options, "expect": expect,
                                "reading": self.reading}, protocol=pickle.HIGHEST_PROTOCOL)
        self.stats["sent"] += len(payload)
        return self.client.submit(run_shard, payload, retries=RETRIES, pure=False)

    def _result(self, future: Any) -> dict[str, Any]:
        """A shard's result, or the build's one-line error."""
        from distributed.scheduler import KilledWorker

        try:
            data = future.result()
        except KilledWorker:
            raise BrieferError("a Dask worker died each time it ran the same shard (killed, or out of "
                               "memory?); no output written") from None
        except BrieferError:
            raise
        except Exception as exc:  # what a worker raised, after Dask's retries
            raise BrieferError(f"a shard failed on the Dask cluster after {RETRIES} retries: "
                               f"{type(exc).__name__}: {_first_line(exc)}") from None
        self.stats["received"] += len(data)
        result = json.loads(data)
        if "mismatch" in result:
            raise UsageError(_mismatch(result["worker"], result["mismatch"], result["expect"]))
        return result

    def _check_workers(self, shards: list[list[Source]], themes: list[Theme], options: AnalyseOptions,
                       expect: dict[str, str]) -> bool:
        """Refuse workers that would make other records; True when they all read the sources'
        files at the same paths (shards then go without the texts)."""
        probe = next((_entry(s, True) for shard in shards for s in shard if _entry(s, True)[1]), None)
        found = self.client.run(check_worker, options.model, themes, probe, self.reading)
        for worker, (mine, _) in sorted(found.items()):
            if mine != expect:
                raise UsageError(_mismatch(worker, mine, expect))
        return probe is not None and all(readable for _, readable in found.values())

    def close(self) -> None:
        """Report what went over the network (log, INFO), then close the client and any local
        cluster (a second Ctrl-C does not interrupt that)."""
        with _ctrl_c_ignored():
            if LOG.isEnabledFor(logging.INFO) and self.stats["sources"]:
                with contextlib.suppress(Exception):
                    self.stats["peak_rss_mib"] = sorted(self.client.run(peak_rss_mib).values())
                LOG.info("dask: %s", json.dumps(self.stats, sort_keys=True))
            _close(self.client, self.cluster, self.folder)


def _connect(address: str) -> Any:
    """A client of the scheduler at `address`, once at least one worker has joined."""
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_S)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler ({_first_line(exc)}); "
                         "is `dask scheduler` running there?") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_S)
    except (OSError, TimeoutError):
        client.close()
        raise UsageError(f"--scheduler {address}: no Dask worker joined within {CONNECT_S} s; "
                         f"start some with `dask worker {address}`") from None
    return client


def _close(client: Any, cluster: Any, folder: str | None) -> None:
    try:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C while connecting or starting a cluster is a KeyboardInterrupt, whatever Dask's
    blocking calls turn it into on the way out."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []

    def interrupt(signum: int, frame: Any) -> None:
        pressed.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    except BaseException:
        if pressed:
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _ctrl_c_deferred() -> Iterator[list[int]]:
    """Ctrl-C recorded in the list yielded, not raised."""
    import signal

    pressed: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ctrl-C ignored for a moment: while worker processes are started (they inherit it: the
    terminal sends Ctrl-C to the whole process group, and a worker still importing would print a
    traceback; this process stops them), and while the cluster is closed."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _spawned(cluster: Any, n: int) -> None:
    """Wait (up to CONNECT_S) until the cluster's `n` nannies have started their worker processes."""
    end = time.monotonic() + CONNECT_S
    while time.monotonic() < end:
        nannies = list(getattr(cluster, "_created", None) or cluster.workers.values())  # _created: made,
        if len(nannies) >= n and all(_pid(w) for w in nannies):  # not yet started (no public name)
            return
        time.sleep(0.02)


def _pid(nanny: Any) -> int | None:
    with contextlib.suppress(Exception):  # not started yet
        return nanny.pid
    return None


def local_cluster_options(n: int, folder: str) -> dict[str, Any]:
    """A LocalCluster of `n` single-threaded worker processes on 127.0.0.1, no dashboard, its
    files under `folder`, its logs silenced (the build reports its own errors in one line; the
    nannies would log their teardown on Ctrl-C). The scheduler always starts a small HTTP server:
    on a free port, not 8787, where another cluster may be."""
    return {"n_workers": n, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
            "dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"},
            "local_directory": folder, "silence_logs": logging.CRITICAL}


def _entry(src: Source, by_path: bool) -> tuple[Source, str | None, str | None]:
    """What is sent of a source: (source, None, None), or (source without its text, absolute
    path, digest of the text) for a file when the workers read the files themselves."""
    if not by_path or "://" in src.path or not os.path.isfile(src.path):
        return src, None, None
    return dataclasses.replace(src, text=""), os.path.abspath(src.path), text_digest(src.text)


def _mismatch(worker: str, theirs: dict[str, str], ours: dict[str, str]) -> str:
    def said(d: dict[str, str]) -> str:
        return f"briefer {d['briefer']} (code {d['code']}), {d['model']}, themes {d['themes']}"

    return (f"Dask worker {worker} runs {said(theirs)}; this machine runs {said(ours)}: install the same "
            "briefer, spaCy and model on every worker")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
