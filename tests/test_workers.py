"""Worker processes of a --jobs build: one killed fails the build in one line instead of hanging
it, and Ctrl-C stops the build with exit 130 and no traceback from any process."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAID = 'The minister of roads said on {day} that bridge {n} would cost {n} million dollars.\n' * 40


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(60):  # more than one shard of 16 sources per worker
        (folder / f"s{n:02}.txt").write_text(SAID.format(day="Monday", n=n + 1))
    return folder


def start(many: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "briefer", "build", str(many), "-o", str(out), "--jobs", "2",
                             "--no-cache", "-q"], stderr=subprocess.PIPE, env=env, cwd=ROOT,
                            start_new_session=True)


def children(pid: int, wait: float = 120) -> list[int]:
    """The child processes of `pid` once there are two (the workers), from /proc."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        found: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            with open(task / "children") as fh:
                found += [int(x) for x in fh.read().split()]
        if len(found) >= 2:
            return found
        time.sleep(0.1)
    raise AssertionError("no workers started")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_killed_worker_fails_the_build_in_one_line(many: Path, tmp_path: Path) -> None:
    proc = start(many, tmp_path / "b.md")
    try:
        workers = children(proc.pid)
        time.sleep(1)
        os.kill(workers[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):  # anything left in its group, workers included
            os.killpg(proc.pid, signal.SIGKILL)
    text = err.decode()
    assert proc.returncode == 1 and text.count("\n") == 1, text
    assert text.startswith("Error: a worker process ended unexpectedly") and not (tmp_path / "b.md").exists()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize(("sig", "code", "said"), [(signal.SIGINT, 130, "Interrupted"),
                                                   (signal.SIGTERM, 143, "Terminated")])
def test_ctrl_c_and_sigterm_stop_the_build_quietly(many: Path, tmp_path: Path, sig: int, code: int,
                                                  said: str) -> None:
    proc = start(many, tmp_path / "b.md")
    try:
        children(proc.pid)
        time.sleep(1)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # as a terminal does: the whole process group
        else:
            os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):  # anything left in its group, workers included
            os.killpg(proc.pid, signal.SIGKILL)
    text = err.decode()
    assert proc.returncode == code and text.strip() == said, text
