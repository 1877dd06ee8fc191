"""Limits on hostile templates, inside the Jinja2 sandbox: a deadline checked at every call,
attribute, item, operator and output chunk, and cheap size checks before any operation that can
build a huge string in one step (`*`, `**`, `%`, `~`, the width of `center`, `ljust`, `indent`,
`format`, `join`, `replace`). What one C operation still does past these checks is bounded by
the child process the brief renders in (`briefer.isolate`)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sized
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

RENDER_SECONDS = 20.0  # a brief renders in well under a second; a runaway loop is stopped
RENDER_MEMORY = 1 << 30  # bytes a render may allocate beyond what the process already holds
MAX_OUTPUT = 64 * 1024 * 1024  # characters of Markdown a template may produce
MAX_SEQUENCE = 1_000_000  # longest string or list a template's `*` may build
MAX_STRING = 16 * 1024 * 1024  # longest string one `~`, `%`, width, join or replace may build
MAX_POWER_BITS = 4096  # largest result of a template's `**`
_DEADLINE: ContextVar[float | None] = ContextVar("briefer_template_deadline", default=None)
_FORMAT_WIDTHS = re.compile(r"\{[^{}:]*:[^{}\d]*(\d+)")  # "{:0999999d}": the width
_WIDTHS = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateLimit(Exception):
    """A template ran past a limit (time, output size, a huge string or number)."""


def tick() -> None:
    """Stop a template that has run past its deadline (called from the sandbox's hooks)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TemplateLimit(f"rendering took longer than {RENDER_SECONDS:g} s (a runaway loop?)")


def generate(template: Any, context: dict[str, Any], seconds: float) -> str:
    """Render chunk by chunk, checking the deadline and the output size at every chunk."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    gen = template.generate(**context)
    parts: list[str] = []
    size = 0
    try:
        for chunk in gen:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"output over {MAX_OUTPUT:,} characters")
            tick()
            parts.append(chunk)
    except TemplateLimit as exc:
        frame = gen.gi_frame
        line = template.get_corresponding_lineno(frame.f_lineno) if frame is not None else None
        exc.lineno = line  # type: ignore[attr-defined]
        exc.filename = template.name  # type: ignore[attr-defined]
        gen.close()
        raise
    finally:
        _DEADLINE.reset(token)
    return "".join(parts)


def check_size(n: int, what: str) -> None:
    """Refuse an operation that would build a string of `n` characters."""
    if n > MAX_STRING:
        raise TemplateLimit(f"{what} would build {n:,} characters, over the {MAX_STRING:,} limit")


def check_format(fmt: Any, args: Any) -> None:
    """`fmt % args` and the `format` filter: no field width or precision over MAX_STRING."""
    if not isinstance(fmt, str):
        return
    values = iter(args if isinstance(args, tuple) else (args,))
    for m in _WIDTHS.finditer(fmt):
        for spec in m.groups():
            n = next(values, 0) if spec == "*" else int(spec) if spec else 0
            if isinstance(n, int):
                check_size(abs(n), f"format {m.group(0)[:20]!r}")


def _check_repeat(seq: Any, n: Any) -> None:
    if isinstance(seq, str | bytes | list | tuple) and isinstance(n, int) and n * len(seq) > MAX_SEQUENCE:
        raise TemplateLimit(f"a repetition of {n * len(seq):,} items is over the {MAX_SEQUENCE:,} limit")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1 \
            and exponent * abs(base).bit_length() > MAX_POWER_BITS:
        raise TemplateLimit(f"{base} ** {exponent} is too large")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else 0


def _joined(items: Any, separator: int) -> int:
    """Length of `separator`-joined `items` (strings counted; other items as their str())."""
    if not isinstance(items, list | tuple):
        return separator * _length(items)
    return sum(len(x) if isinstance(x, str) else len(str(x)) for x in items) + separator * len(items)


def _check_method(obj: Any, args: tuple[Any, ...]) -> None:
    """str methods that take a width or multiply a string: center, ljust, zfill, join, replace..."""
    obj = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format and str.format_map
    name = getattr(obj, "__name__", "")
    if not isinstance(getattr(obj, "__self__", None), str):
        return
    text: str = obj.__self__
    if name in {"center", "ljust", "rjust", "zfill"} and args and isinstance(args[0], int):
        check_size(args[0], f"str.{name}")
    elif name == "expandtabs":
        width = args[0] if args and isinstance(args[0], int) else 8
        check_size(text.count("\t") * width + len(text), "str.expandtabs")
    elif name == "join" and args:
        check_size(_joined(args[0], len(text)), "str.join")
    elif name in {"format", "format_map"}:
        for spec in _FORMAT_WIDTHS.findall(text):
            check_size(int(spec), f"str.{name}")
    elif name == "replace" and len(args) >= 2:
        check_size(len(text) + (len(text) + 1) * _length(args[1]), "str.replace")


def bounded_concat(join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
    """`a ~ b`: the pieces' lengths checked before they are joined."""
    tick()
    strings = tuple(p if isinstance(p, str) else str(p) for p in parts)
    check_size(sum(map(len, strings)), "~")
    return join(strings)


def _filter_center(value: Any, width: int = 80) -> str:
    check_size(width if isinstance(width, int) else 0, "center")
    return str(value).center(width)


def _filter_indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    from jinja2.filters import do_indent

    pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    check_size(len(str(s)) + (str(s).count("\n") + 1) * pad, "indent")
    return do_indent(s, width, first, blank)  # type: ignore[no-any-return]


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> str:
    from jinja2.filters import do_format

    check_format(str(value), kwargs or args)
    return do_format(value, *args, **kwargs)


def _filter_join(ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    from jinja2.filters import sync_do_join

    items = list(value)
    check_size(_joined(items if attribute is None else [], 0) + len(str(d)) * len(items), "join")
    return sync_do_join(ctx, items, d, attribute)  # type: ignore[no-any-return]


def _filter_replace(ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    from jinja2.filters import do_replace

    text = str(s)
    check_size(len(text) + (len(text) + 1) * len(str(new)), "replace")
    return do_replace(ctx, s, old, new, count)  # type: ignore[no-any-return]


def bounded_filters() -> dict[str, Callable[..., Any]]:
    """Jinja2's built-in filters that take a width or a separator, with their sizes checked."""
    from jinja2 import pass_eval_context

    return {"center": _filter_center, "indent": _filter_indent, "format": _filter_format,
            "join": pass_eval_context(_filter_join), "replace": pass_eval_context(_filter_replace)}


@lru_cache(maxsize=1)
def sandbox_class() -> type:
    """SandboxedEnvironment with a deadline at every call and attribute, bounded `*`, `**`, `%`
    and `~`, and str methods' widths checked."""
    from jinja2.compiler import CodeGenerator, optimizeconst
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedCodeGenerator(CodeGenerator):  # type: ignore[misc]
        @optimizeconst  # type: ignore[misc]
        def visit_Concat(self, node: Any, frame: Any) -> None:
            if frame.eval_ctx.volatile:
                join = "(markup_join if context.eval_ctx.volatile else str_join)"
            else:
                join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
            self.write(f"environment.bounded_concat({join}, (")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class BriefSandbox(SandboxedEnvironment):  # type: ignore[misc]
        code_generator_class = BoundedCodeGenerator
        intercepted_binops = frozenset({"*", "**", "%"})
        bounded_concat = staticmethod(bounded_concat)

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            tick()
            _check_method(obj, args)
            return super().call(context, obj, *args, **kwargs)

        def getattr(self, obj: Any, attribute: str) -> Any:
            tick()
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            tick()
            return super().getitem(obj, argument)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            tick()
            if operator == "*":
                _check_repeat(left, right)
                _check_repeat(right, left)
            elif operator == "**":
                _check_power(left, right)
            elif operator == "%":
                check_format(left, right)
            return super().call_binop(context, operator, left, right)

    return BriefSandbox
