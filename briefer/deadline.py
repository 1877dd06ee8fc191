"""A total time limit for one network exchange (an HTTP fetch with its redirects, an SMTP
session), on top of the per-read socket timeout.

A socket timeout bounds each read, so a server that trickles one byte every few seconds never
trips it. `Deadline` starts a timer; when it fires it shuts down every socket it watches, which
makes a blocked read or write return at once, and `expired` says why the exchange ended.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable
from types import TracebackType


class Deadline:
    """Use as a context manager around the exchange; `watch` each connection's socket."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._watched: list[Callable[[], socket.socket | None]] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._timer.cancel()

    def watch(self, current: Callable[[], socket.socket | None]) -> None:
        """Watch the socket that `current()` returns when the deadline passes (a callable, since
        TLS replaces a connection's socket object)."""
        with self._lock:
            self._watched.append(current)
            if self.expired:
                _shut(current())

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for current in self._watched:
                _shut(current())


def _shut(sock: socket.socket | None) -> None:
    """Shut the connection down under any TLS layer, through a duplicate of its descriptor, so
    the thread blocked on it sees the end of the stream and nothing else touches its objects."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = sock.fileno() if sock is not None else -1
        if fd < 0:
            return
        dup = socket.socket(fileno=os.dup(fd))
        try:
            dup.shutdown(socket.SHUT_RDWR)
        finally:
            dup.close()
