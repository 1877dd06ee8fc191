"""Run one function in a forked child process with real limits: address space (RLIMIT_AS), CPU
time (RLIMIT_CPU) and a wall-clock deadline at which the parent kills it. Templates render this
way: a sandbox checks what a template does step by step, but cannot stop one C operation (a
`%` format of a billion digits, a doubling string) that runs for minutes or takes gigabytes.

The result comes back pickled through a pipe; a BrieferError raised in the child is raised again
in the parent. Where there is no fork (Windows), the function runs in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from briefer.errors import BrieferError

T = TypeVar("T")


class Limited(Exception):
    """The child ran past its time or memory limit, or died: the message says which."""


def run_limited(fn: Callable[..., T], *args: Any, seconds: float, memory: int) -> T:
    """fn(*args) in a child process that may run `seconds` (wall clock) and allocate `memory`
    bytes beyond what this process holds; raise Limited when it cannot finish within them."""
    if not hasattr(os, "fork"):
        return fn(*args)
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns about fork with threads; the child runs no thread
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage cannot see it
        os.close(read_fd)
        _child(write_fd, fn, args, seconds, memory)
    os.close(write_fd)
    reaped = False
    try:
        data = _collect(read_fd, time.monotonic() + seconds)
        status = os.waitpid(pid, 0)[1]
        reaped = True
    except TimeoutError:
        raise Limited(f"took longer than {seconds:g} s") from None
    finally:
        os.close(read_fd)
        if not reaped:
            _kill(pid)
    return _outcome(data, status, seconds, memory)


def _child(fd: int, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float, memory: int) -> None:
    """Set the limits, run, write (kind, value) to the pipe and exit without running any cleanup
    of the parent's (atexit, pytest's finalizers)."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _set_limits(seconds, memory)
        try:
            payload: tuple[str, Any] = ("ok", fn(*args))
        except BrieferError as exc:
            # the class (pickled by name) and its message only: the exception object may hold
            # what the template touched (a context deep enough to exhaust pickling's recursion)
            payload = ("error", (type(exc), tuple(str(a) for a in exc.args)))
        except MemoryError:
            payload = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported in the parent, one line
            payload = ("crash", f"{type(exc).__name__}: {exc}")
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - a result that cannot travel is reported, not lost
            data = pickle.dumps(("crash", f"its result could not be sent back ({type(exc).__name__})"))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:  # noqa: BLE001 - out of memory while pickling, a closed pipe
        status = 1
    finally:
        os._exit(status)


def _set_limits(seconds: float, memory: int) -> None:
    import resource

    mapped = _address_space()
    if mapped:  # unknown (no /proc): no address-space limit rather than one below what is mapped
        with contextlib.suppress(ValueError, OSError):  # a lower hard limit already bounds us
            resource.setrlimit(resource.RLIMIT_AS, (mapped + memory, resource.getrlimit(resource.RLIMIT_AS)[1]))
    cpu = int(seconds) + 2
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, resource.getrlimit(resource.RLIMIT_CPU)[1]))


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux: /proc/self/statm), 0 if unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _collect(fd: int, deadline: float) -> bytes:
    """Everything the child writes, read as it comes (a large result would fill the pipe)."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _outcome(data: bytes, status: int, seconds: float, memory: int) -> Any:
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise Limited(f"took more than {int(seconds) + 2} s of CPU time")
        raise Limited(f"stopped ({_how(status)}); out of memory over {memory >> 20:,} MiB?")
    kind, value = pickle.loads(data)  # noqa: S301 - our own child's bytes, through our own pipe
    if kind == "ok":
        return value
    if kind == "error":
        cls, args = value
        raise cls(*args)
    if kind == "memory":
        raise Limited(f"used more than {memory >> 20:,} MiB of memory")
    raise Limited(value)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"

