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


HOSTILE_TEMPLATES = {
    "nested for over a list": "{% set l = range(100000) | list %}{% for a in l %}{% for b in l %}"
                              "{% endfor %}{% endfor %}",
    "~ doubling": '{% set a = "x" * 1000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}'
                  "{% set e = d ~ d %}{% set f = e ~ e %}{{ f ~ f }}",
    "~ doubling in a namespace": '{% set ns = namespace(s="x" * 1000000) %}{% for i in range(12) %}'
                                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "center": '{{ "x" | center(1000000000) }}',
    "str.ljust": '{{ "x".ljust(1000000000) }}',
    "str.zfill": '{{ "1".zfill(1000000000) }}',
    "join": '{{ (["x" * 1000000] * 1000) | join }}',
    "join separator": '{{ (range(100000) | list) | join("y" * 1000000) }}',
    "str.join": '{{ "".join(["x" * 1000000] * 1000) }}',
    "indent": '{{ ("x\\n" * 500000) | indent(100000) }}',
    "replace": '{{ ("x" * 1000000) | replace("", "y" * 1000) }}',
    "% format width": '{{ "%01000000000d" % 1 }}',
    "% format star width": '{{ "%*d" % (1000000000, 1) }}',
    "format filter": '{{ "%01000000000d" | format(1) }}',
    "str.format width": '{{ "{:01000000000d}".format(1) }}',
}


@pytest.mark.parametrize("source", HOSTILE_TEMPLATES.values(), ids=HOSTILE_TEMPLATES.keys())
def test_hostile_template_fails_in_one_line_within_the_limits(tmp_path: Path, source: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.errors import TemplateError
    from briefer.model import Brief
    from briefer.render import sandbox, templating

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 2.0)
    monkeypatch.setattr(templating, "GRACE_SECONDS", 1.0)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "x.md.j2").write_text("line one\n" + source, encoding="utf-8")

    def attempt() -> str:
        try:
            return "rendered: " + templating.render_markdown(templating.make_env(folder), "x.md.j2",
                                                             {"brief": Brief(title="T")}, [])[:40]
        except TemplateError as exc:
            return str(exc)

    message = finishes_within(15, attempt)
    assert message.startswith("x.md.j2:") and "\n" not in message, message
    assert "limit" in message or "took longer" in message, message


def test_the_child_process_has_real_time_and_memory_limits() -> None:
    import time

    from briefer.isolate import Limited, run_limited

    start = time.monotonic()
    with pytest.raises(Limited, match="took longer than 1 s"):
        run_limited(time.sleep, 30, seconds=1, memory=256 << 20)
    assert time.monotonic() - start < 5
    with pytest.raises(Limited, match="used more than 256 MiB"):
        run_limited(bytearray, 2 << 30, seconds=10, memory=256 << 20)
    assert run_limited(str.upper, "fine", seconds=10, memory=256 << 20) == "FINE"


def _fails_holding_a_deep_object() -> None:
    from briefer.errors import TemplateError

    deep: list[object] = []
    for _ in range(100_000):  # deeper than pickling can recurse
        deep = [deep]
    error = TemplateError("x.md.j2:1: maximum recursion depth exceeded")
    error.context = deep  # type: ignore[attr-defined]  # what a failing render may leave attached
    raise error


def _unpicklable_result() -> object:
    return lambda: None


def test_the_childs_error_and_result_come_back_whatever_they_hold() -> None:
    from briefer.errors import TemplateError
    from briefer.isolate import Limited, run_limited

    with pytest.raises(TemplateError, match=r"^x\.md\.j2:1: maximum recursion depth exceeded$"):
        run_limited(_fails_holding_a_deep_object, seconds=10, memory=256 << 20)
    with pytest.raises(Limited, match="could not be sent back"):
        run_limited(_unpicklable_result, seconds=10, memory=256 << 20)


@pytest.mark.parametrize(("text", "html", "message"), [
    ("{{ 1 / 0 }}", "<p>{{ title }}</p>", r"^email\.txt\.j2:1: division by zero$"),
    ("ok\n{{ title.nope() }}", "<p>{{ title }}</p>", r"^email\.txt\.j2:2: .*nope"),
    ("{{ title }}", '<p>{{ "%01000000000d" % 1 }}</p>', r"^email\.html\.j2:1: format .* over the .* limit$"),
    ("{{ title }}", '{% set a = "x" * 1000000 %}{% set b = a ~ a ~ a ~ a %}{{ b ~ b ~ b ~ b ~ b }}',
     r"^email\.html\.j2:1: ~ would build"),
])
def test_email_templates_have_the_same_limits_and_exit_4(tmp_path: Path, text: str, html: str,
                                                         message: str) -> None:
    from briefer.errors import TemplateError
    from briefer.mail import EmailSettings, build_message
    from briefer.render.docx import markdown_to_docx
    from briefer.render.templating import make_env

    docx = tmp_path / "brief.docx"
    docx.write_bytes(markdown_to_docx("Body."))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "email.txt.j2").write_text(text, encoding="utf-8")
    (folder / "email.html.j2").write_text(html, encoding="utf-8")
    with pytest.raises(TemplateError, match=message) as info:
        build_message(docx, {"title": "T"}, EmailSettings(to=["a@example.org"]), env=make_env(folder))
    assert info.value.exit_code == 4 and "\n" not in str(info.value)
