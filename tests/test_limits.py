"""Inputs built to exhaust the machine: a text of blank lines or of long runs of spaces (regular
expressions that went quadratic), hostile templates (time and memory, in a child process with
real limits) and hostile themes files (Matcher patterns and REGEX that explode)."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefer import ingest
from briefer.model import Source


def finishes_within(seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) run in a forked child; fail the test if it has not returned after `seconds`
    (the old code ran for minutes: the test fails instead of hanging)."""
    ctx = multiprocessing.get_context("fork")
    out: Any = ctx.Queue()
    child = ctx.Process(target=lambda: out.put(fn(*args)), daemon=True)
    child.start()
    try:
        result = out.get(timeout=seconds)
    except queue.Empty:
        child.kill()
        child.join()
        pytest.fail(f"{getattr(fn, '__name__', fn)} did not finish within {seconds:g} s")
    child.join()
    return result


# --- regular expressions over blank lines and long runs of spaces ---------------------------------


def test_forty_thousand_blank_lines_are_read_in_linear_time(tmp_path: Path) -> None:
    # `^\s*By ...` with re.M was tried from every blank line over the whole run: 40k lines took 33 s
    path = tmp_path / "blank.txt"
    path.write_text("Harbour talks resume\n" + "\n" * 40_000 + "By Jane Doe\n" + "\n" * 40_000
                    + "The minister said the new quay would open in May.\n© 2024 Harbour Weekly\n")
    [src], skipped = finishes_within(10, ingest.load, [path])
    assert not skipped
    assert src.authors == ["Jane Doe"]
    assert src.text.count("\n") >= 80_000 and "new quay" in src.text


def test_a_long_run_of_spaces_is_cut_into_event_units_in_linear_time(nlp: Any) -> None:
    from briefer.extract.events import events

    text = "The port reopened on 5 May 2024." + " " * 40_000 + "Talks resumed.\n  \nMay 2024: A ship docked.\n"
    doc = nlp(text)
    src = Source(id="a", path="a.txt", text=text, date="2024-06-01")
    found = finishes_within(10, lambda: [e.date for e in events(doc, src)])
    assert "2024-05-05" in found


def test_a_long_run_of_spaces_in_a_timeline_label_is_linear() -> None:
    from briefer.model import Event
    from briefer.render.timeline import short_label

    event = Event(id="e", date="2024-05-05", text="The port (a quay)" + " " * 40_000 + ", reopened.",
                  date_text="")
    assert finishes_within(10, short_label, event) == "The port, reopened."


# --- templates ------------------------------------------------------------------------------------


def test_a_template_that_is_a_fifo_is_refused_never_waited_on(tmp_path: Path) -> None:
    import os

    from briefer.errors import TemplateError
    from briefer.model import Brief
    from briefer.render.templating import make_env, render_markdown

    folder = tmp_path / "templates"
    folder.mkdir()
    os.mkfifo(folder / "x.md.j2")

    def attempt() -> str:
        try:
            return render_markdown(make_env(folder), "x.md.j2", {"brief": Brief(title="T")}, [])
        except TemplateError as exc:
            return str(exc)

    message = finishes_within(10, attempt)
    assert message.startswith("x.md.j2: ") and "is not a regular file (a FIFO); refused" in message
