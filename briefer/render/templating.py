"""Jinja2 for briefs: built-in templates under the user's, a sandbox, strict undefined, and Markdown
auto-escaping (every `{{ value }}` is escaped unless a filter marks it as Markdown), so source text
can never change the brief's structure while templates still write Markdown themselves."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefer.errors import TemplateError
from briefer.model import Event, Fact, Figure, Location, Quote, Source
from briefer.render import sandbox
from briefer.render.citation import full_note, human_date, short_note

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)])(?=\s|$))")  # "-", "---", "- - -": escaped


class Markdown(str):
    """Text that is already Markdown: the auto-escaper leaves it alone."""


def md_escape(text: str) -> str:
    """Escape text so Markdown reads it literally, on one line."""
    text = re.sub(r"\s+", " ", str(text))
    return LINE_START.sub(_escape_marker, MD_SPECIAL.sub(r"\\\1", text))


def _escape_marker(m: re.Match[str]) -> str:
    """A list marker at the start: "- x" -> "\\- x", "1. x" -> "1\\. x" (CommonMark escapes)."""
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def builtin_dir() -> Path:
    """Where the built-in templates are: inside the installed package, or the checkout's templates/."""
    import briefer

    here = Path(briefer.__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "brief.md.j2").is_file():
            return candidate
    raise TemplateError("built-in templates not found (broken installation)")


CUSTOMIZABLE = ("*.j2", "reference.docx")


def _builtin_files() -> list[Path]:
    here = builtin_dir()
    return sorted({p for pattern in CUSTOMIZABLE for p in here.glob(pattern) if p.is_file()})


def template_origins(user_dir: Path | None = None) -> list[tuple[str, str]]:
    """Every template by name with where it is found: the user's folder or built in."""
    from briefer.errors import UsageError

    if user_dir is not None and not user_dir.is_dir():
        raise UsageError(f"{user_dir}: no such templates folder")
    names = {p.name: "built-in" for p in _builtin_files()}
    for path in sorted(user_dir.iterdir()) if user_dir else []:
        if path.is_file() and any(path.match(p) for p in CUSTOMIZABLE):
            names[path.name] = str(path) + (" (replaces the built-in)" if path.name in names else "")
    return sorted(names.items())


def copy_builtins(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates and reference.docx into `folder`; return the files written.
    Files already there are an error unless `force`; a link there is always refused."""
    from briefer.render.folder import copy_builtins as copy

    return copy(folder, _builtin_files(), force=force)


class Notes:
    """Footnotes collected while a brief renders: a source's first note is full, later ones short."""

    def __init__(self, sources: list[Source]):
        self.sources = {s.id: s for s in sources}
        self.seen: set[str] = set()
        self.notes: list[str] = []

    def cite(self, item: Any) -> Markdown:
        """Return a footnote reference for an item (fact, quote, figure, event or location)."""
        ids = list(dict.fromkeys(loc.source for loc in locations(item)))
        if not ids:
            return Markdown("")
        parts = []
        for sid in ids:
            src = self.sources.get(sid)
            if src is None:
                raise TemplateError(f"cite: unknown source {sid!r}")
            parts.append(short_note(src) if sid in self.seen else full_note(src))
            self.seen.add(sid)
        # Chicago: several sources in one note are separated by semicolons.
        joined = "; ".join(p.removesuffix(".") for p in parts[:-1]) + ("; " if len(parts) > 1 else "")
        self.notes.append(_note_md(joined + parts[-1]))
        return Markdown(f"[^{len(self.notes)}]")

    def definitions(self) -> str:
        """The Markdown footnote definitions, in citation order."""
        return "\n".join(f"[^{i}]: {note}" for i, note in enumerate(self.notes, 1))


def _note_md(note: str) -> str:
    """Escape a note for Markdown but keep its <URL> autolinks working."""
    pieces = re.split(r"(<https?://[^>\s]+>)", note)
    return "".join(p if p.startswith("<http") else _keep_edges(p, md_escape(p)) for p in pieces)


def _keep_edges(raw: str, escaped: str) -> str:
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return lead + escaped + trail


def locations(item: Any) -> list[Location]:
    """Where an item comes from, as a list of Locations."""
    if isinstance(item, Location):
        return [item]
    if isinstance(item, Fact | Event):
        return list(item.sources)
    if isinstance(item, Quote | Figure):
        return [Location(item.source, item.start, item.end)]
    if isinstance(item, list):
        return [loc for x in item for loc in locations(x)]
    if hasattr(item, "location"):
        return [item.location]
    raise TemplateError(f"cite: cannot cite a {type(item).__name__}")


def _finalize(value: Any) -> str:
    sandbox.tick()
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return md_escape(str(value))


def make_env(user_dir: Path | None = None) -> Any:
    """A sandboxed Jinja2 environment: user templates first, then the built-ins (also reachable
    as "builtin/NAME" so a user template can extend the one it replaces)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, pass_context

    from briefer.render.folder import loader as folder_loader

    builtin = FileSystemLoader(str(builtin_dir()))
    loaders = [folder_loader(user_dir)] if user_dir else []
    loader = ChoiceLoader([*loaders, builtin, PrefixLoader({"builtin": builtin})])
    env = sandbox.sandbox_class()(loader=loader, undefined=StrictUndefined, autoescape=False,
                           finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True, extensions=[_blocks_are_markdown()])
    env.filters.update(sandbox.bounded_filters())
    env.filters.update(FILTERS)
    env.filters["cite"] = pass_context(lambda ctx, item: ctx["cite"](item))
    env.filters["source_label"] = pass_context(lambda ctx, sid: source_label(ctx["sources_by_id"][sid]))
    return env


def source_label(src: Source) -> str:
    """A source's short name; when that is its opening words, a relative date in them is shown
    with its date ("On Sunday [3 December 2023], over ..."), and the words stop before one that
    no date of the source resolves ("Ethiopia's signing …", not "... on Monday of …")."""
    from briefer import timing

    label, anchor = src.label, src.anchor or src.date
    open_ended = [r for r in timing.relative_dates(label, anchor) if r.iso is None]
    if open_ended and len(label[: open_ended[0].start].split()) >= 2:
        label = label[: open_ended[0].start].rstrip(" ,;:") + " …"
    return timing.shown(label, anchor).text


@lru_cache(maxsize=1)
def _blocks_are_markdown() -> type:
    """An extension: `super()` and `self.NAME()` return a block's output, Markdown the
    templates wrote, so they are read as `(super() | markdown)` and never escaped again."""
    from jinja2.ext import Extension
    from jinja2.lexer import Token

    class BlocksAreMarkdown(Extension):  # type: ignore[misc]
        def filter_stream(self, stream: Any) -> Any:
            toks = list(stream)
            i = 0
            while i < len(toks):
                n = _block_call_length(toks, i)
                if n:
                    line = toks[i].lineno
                    yield Token(line, "lparen", "(")
                    yield from toks[i:i + n]
                    yield from (Token(line, "pipe", "|"), Token(line, "name", "markdown"),
                                Token(line, "rparen", ")"))
                    i += n
                else:
                    yield toks[i]
                    i += 1

    return BlocksAreMarkdown


def _block_call_length(toks: list[Any], i: int) -> int:
    """How many tokens at `i` make `super()` or `self.NAME()` (0: neither)."""
    kinds = [t.type for t in toks[i:i + 5]]
    values = [t.value for t in toks[i:i + 5]]
    if kinds[:3] == ["name", "lparen", "rparen"] and values[0] == "super":
        return 3
    if kinds == ["name", "dot", "name", "lparen", "rparen"] and values[0] == "self":
        return 5
    return 0


def _date(iso: str | None, fmt: str = "long") -> str:
    if not iso:
        return "undated"
    if fmt == "iso":
        return iso
    return human_date(iso) or iso


def _truncate_words(text: str, n: int = 30) -> str:
    words = str(text).split()
    return text if len(words) <= n else " ".join(words[:n]) + " …"


def _figure(fig: Figure) -> str:
    return fig.text


def _autolink(url: str) -> Markdown:
    if re.fullmatch(r"https?://[^\s<>]+", url or ""):
        return Markdown(f"<{url}>")
    return Markdown(md_escape(url))


def _short_date(iso: str | None) -> str:
    """ "9 Dec 2021", "Dec 2021" or "2021": compact, as precise as the date; "undated" if none."""
    from briefer.render.timeline import short_date

    try:
        return short_date(iso) if iso else "undated"
    except (ValueError, IndexError):
        return str(iso)


def _source_entry(src: Source) -> str:
    """A source in the annex: publisher: “title”, author; its file name when none is known. A page
    flagged as machine-written or garbled is named without its headline, which is its words too."""
    from briefer.gate import LOW_QUALITY

    title = f"“{src.title}”" if src.title and src.quality >= LOW_QUALITY else None
    head = ": ".join(x for x in (src.publisher, title) if x)
    author = src.author if src.author and src.author != src.publisher else None
    return ", ".join(x for x in (head, author) if x) or src.path.rsplit("/", 1)[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


FILTERS: dict[str, Callable[..., Any]] = {
    "md": lambda s: Markdown(md_escape(s)),
    "markdown": Markdown,
    "date": _date,
    "short_date": _short_date,
    "source_entry": _source_entry,
    "truncate_words": _truncate_words,
    "figure": _figure,
    "plural": _plural,
    "capfirst": lambda s: str(s)[:1].upper() + str(s)[1:],
    "autolink": _autolink,
}


GRACE_SECONDS = 5.0  # past the sandbox's own deadline, the child process is killed


def render_markdown(env: Any, name: str, context: dict[str, Any], sources: list[Source]) -> str:
    """Render template `name` to Markdown with footnote definitions appended, in a child process
    limited in time and memory (`briefer.isolate`)."""
    from briefer.isolate import Limited, run_limited

    try:
        return run_limited(_render_markdown, env, name, context, sources,
                           seconds=sandbox.RENDER_SECONDS + GRACE_SECONDS, memory=sandbox.RENDER_MEMORY)
    except Limited as exc:
        raise TemplateError(f"{name}: rendering {exc} (limits: {sandbox.RENDER_SECONDS:g} s, "
                            f"{sandbox.RENDER_MEMORY >> 20:,} MiB)") from None


def _render_markdown(env: Any, name: str, context: dict[str, Any], sources: list[Source]) -> str:
    from jinja2 import TemplateError as JinjaError

    notes = Notes(sources)
    try:
        template = env.get_template(name)
        body = sandbox.generate(template, {**context, "cite": notes.cite}, sandbox.RENDER_SECONDS)
    except (TemplateError, MemoryError):  # out of memory: the child's limit, reported as such
        raise
    except JinjaError as exc:
        raise TemplateError(locate(exc, name)) from None
    except Exception as exc:  # a template may raise anything (1/0, bad types); report, never crash
        raise TemplateError(locate(exc, name)) from None
    defs = notes.definitions()
    return body.rstrip() + ("\n\n" + defs + "\n" if defs else "\n")


def locate(exc: BaseException, name: str) -> str:
    """ "template:line: problem" from a Jinja2 (or any) exception raised while rendering."""
    import traceback

    tname, line = getattr(exc, "name", None) or getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2") or frame.filename == "<template>":
                tname, line = Path(frame.filename).name, frame.lineno
                break
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{tname or name}:{line or '?'}: {message}"
