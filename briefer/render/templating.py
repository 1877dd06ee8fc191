"""Jinja2 for briefs: built-in templates under the user's, a sandbox, strict undefined, and Markdown
auto-escaping (every `{{ value }}` is escaped unless a filter marks it as Markdown), so source text
can never change the brief's structure while templates still write Markdown themselves."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefer.errors import TemplateError
from briefer.model import Event, Fact, Figure, Location, Quote, Source
from briefer.render.citation import full_note, human_date, short_note

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


class Markdown(str):
    """Text that is already Markdown: the auto-escaper leaves it alone."""


def md_escape(text: str) -> str:
    """Escape text so Markdown reads it literally, on one line."""
    text = re.sub(r"\s+", " ", str(text))
    return LINE_START.sub(r"\1\\\2", MD_SPECIAL.sub(r"\\\1", text))


def builtin_dir() -> Path:
    """Where the built-in templates are: inside the installed package, or the checkout's templates/."""
    import briefer

    here = Path(briefer.__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "brief.md.j2").is_file():
            return candidate
    raise TemplateError("built-in templates not found (broken installation)")


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
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return md_escape(str(value))


def make_env(user_dir: Path | None = None) -> Any:
    """A sandboxed Jinja2 environment: user templates first, then the built-ins (also reachable
    as "builtin/NAME" so a user template can extend the one it replaces)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, pass_context
    from jinja2.sandbox import SandboxedEnvironment

    builtin = FileSystemLoader(str(builtin_dir()))
    loaders = [FileSystemLoader(str(user_dir))] if user_dir else []
    loader = ChoiceLoader([*loaders, builtin, PrefixLoader({"builtin": builtin})])
    env = SandboxedEnvironment(loader=loader, undefined=StrictUndefined, autoescape=False,
                               finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.filters["cite"] = pass_context(lambda ctx, item: ctx["cite"](item))
    env.filters["source_label"] = pass_context(lambda ctx, sid: ctx["sources_by_id"][sid].label)
    return env


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


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


FILTERS: dict[str, Callable[..., Any]] = {
    "md": lambda s: Markdown(md_escape(s)),
    "markdown": Markdown,
    "date": _date,
    "truncate_words": _truncate_words,
    "figure": _figure,
    "plural": _plural,
    "autolink": _autolink,
}


def render_markdown(env: Any, name: str, context: dict[str, Any], sources: list[Source]) -> str:
    """Render template `name` to Markdown with footnote definitions appended."""
    from jinja2 import TemplateError as JinjaError

    notes = Notes(sources)
    try:
        template = env.get_template(name)
        body = template.render(**context, cite=notes.cite)
    except TemplateError:
        raise
    except JinjaError as exc:
        raise TemplateError(_where(exc, name)) from None
    except Exception as exc:  # a template may raise anything (1/0, bad types); report, never crash
        raise TemplateError(_where(exc, name)) from None
    defs = notes.definitions()
    return body.rstrip() + ("\n\n" + defs + "\n" if defs else "\n")


def _where(exc: BaseException, name: str) -> str:
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
