"""The one data model that passes between briefer's stages.

ingest -> Source; extract -> Extraction (sources + items); assemble -> Brief; render -> bytes.
Every type here is a plain dataclass that round-trips through JSON (`to_dict` / `from_dict`),
so each stage can be run, inspected and tested on its own.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

SCHEMA = "briefer.extraction/1"

T = TypeVar("T")


@dataclass
class Location:
    """Where a statement sits: a source id and character offsets into its decoded text."""

    source: str
    start: int
    end: int


@dataclass
class Mention:
    """A span of source text (offsets only; the source is the item's own)."""

    start: int
    end: int


@dataclass
class Source:
    """One input document after ingest: its text and what is known about it."""

    id: str
    path: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    kind: str | None = None  # wire, official, news site, scraped page, document
    medium: str | None = None  # "fact sheet", "press release": named in official citations
    family_name_first: bool = False  # authors' names start with the family name (Khmer, Chinese, ...)
    date_basis: str | None = None  # how the date was found ("sources.toml", "dateline", ...)
    anchor: str | None = None  # date that relative dates resolve against (own date, or a twin's)
    day: str | None = None  # "MM-DD": a dateline's day without its year (not in JSON)
    words: int = 0
    quality: float = 1.0  # 0..1; below 0.5 the source is not used for facts
    notes: list[str] = field(default_factory=list)  # quality notes shown in the brief
    warnings: list[str] = field(default_factory=list)  # reading problems the CLI reports on stderr
    furniture: list[Mention] = field(default_factory=list)  # page furniture spans, never content
    garbled: list[Mention] = field(default_factory=list)  # sentences that lost their numbers
    text: str = field(default="", repr=False)  # decoded text; offsets point into it

    @property
    def author(self) -> str | None:
        """Authors joined as a byline ("A, B and C"), or None."""
        return join_names(self.authors) or None

    @property
    def label(self) -> str:
        """A short human name: publisher, else author, else the title's first words, else the
        opening words of its text; never the file name."""
        if self.publisher or self.author:
            return str(self.publisher or self.author)
        from briefer.ingest.metadata import leading_dateline  # the story's words, not "NEW DELHI:"

        return _first_words(self.title or self.opening(skip=leading_dateline) or "Untitled source", 5)

    def opening(self, words: int = 8, skip: typing.Callable[[str], int] | None = None) -> str | None:
        """The opening words of the first line of content (not furniture), or None; `skip` gives
        the length of a lead to leave out (a dateline)."""
        chars = list(self.text[:4000])
        for m in self.furniture:
            chars[m.start:m.end] = "\n" * max(0, min(m.end, len(chars)) - m.start)
        for line in "".join(chars).split("\n"):
            line = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", line).strip()
            line = line[skip(line):].strip() if skip else line
            if len(line.split()) >= 3:
                return _first_words(line, words)
        return None


def _first_words(text: str, n: int) -> str:
    split = text.split()
    return " ".join(split[:n]) + (" …" if len(split) > n else "")


@dataclass
class Quote:
    """A direct quote (or, with kind="paraphrase", reported speech) and who said it."""

    id: str
    source: str
    text: str  # exactly source.text[start:end], without the quote marks
    start: int
    end: int
    speaker: str | None = None  # resolved name ("Gregory Poling")
    role: str | None = None  # the role the text gives ("a Southeast Asia expert at CSIS")
    speaker_mention: Mention | None = None  # the words the attribution uses ("he")
    cue: str | None = None  # the verb or phrase ("said", "according to")
    kind: str = "direct"  # direct | paraphrase
    themes: list[str] = field(default_factory=list)
    display: str = ""  # the text as the brief shows it (relative dates resolved); set by assemble
    dated: str = ""  # "August 2022" when the quote is old for the brief; set by assemble


@dataclass
class Figure:
    """A number that matters (money, percent, count, quantity) and what it measures."""

    id: str
    source: str
    text: str  # the figure as written ("more than $377 million")
    start: int
    end: int
    value: float | None = None
    unit: str | None = None  # USD, percent, people, ...
    qualifier: str | None = None  # more than, over, around, up to ...
    about: str = ""  # what it measures
    as_of: str | None = None  # ISO date the figure refers to, when the text gives one
    themes: list[str] = field(default_factory=list)


@dataclass
class Event:
    """Something dated that happened, possibly reported by several sources."""

    id: str
    date: str  # ISO YYYY, YYYY-MM or YYYY-MM-DD
    text: str  # the sentence that reports it
    sources: list[Location] = field(default_factory=list)
    date_text: str = ""  # the date as written ("Dec 2021", "on Thursday")
    themes: list[str] = field(default_factory=list)
    scheduled: bool = False  # a plan with a date ("will hold talks on 3 March"), not yet happened


@dataclass
class Fact:
    """A sentence stating something about a theme; merged duplicates cite every source."""

    id: str
    text: str
    sources: list[Location] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    score: float = 0.0
    display: str = ""  # the text as the brief shows it (relative dates resolved); set by assemble
    dated: str = ""  # "August 2022" when the statement is old for the brief; set by assemble


@dataclass
class Claim:
    """One side of a conflict: what one source says."""

    text: str  # the value as written ("Nov. 6", "$3 billion")
    location: Location
    value: str = ""  # normalised value (ISO date, number)


@dataclass
class Conflict:
    """Sources that disagree about the same thing; the brief shows every side."""

    about: str
    claims: list[Claim] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)


@dataclass
class Theme:
    """A user-configured topic: how it is titled, described and recognised."""

    id: str
    title: str
    description: str = ""
    terms: list[str] = field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)


@dataclass
class Skipped:
    """An input that was not used, and why."""

    path: str
    reason: str


@dataclass
class Extraction:
    """Everything extracted from a set of sources: the contract of `briefer extract`."""

    sources: list[Source] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    title: str | None = None
    model: str | None = None
    version: str | None = None
    schema: str = SCHEMA

    def source(self, source_id: str) -> Source:
        """Return the source with this id."""
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)


@dataclass
class KeyPoint:
    """One key-point bullet: the best-supported fact of a theme."""

    theme: str
    fact: Fact


@dataclass
class Count:
    """How many items of one kind were found and how many the brief shows."""

    kind: str
    found: int
    shown: int


@dataclass
class Section:
    """One theme's part of the brief."""

    theme: Theme
    description: str = ""  # the theme's description, unless it only restates the heading
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    paraphrases: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    # figure id -> every source location that gives the same value (the figure's own first):
    # the same figure from two sources is one row citing both
    figure_sources: dict[str, list[Location]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when no source in the set addresses this theme."""
        return not (self.facts or self.quotes or self.figures or self.paraphrases)


@dataclass
class Brief:
    """The assembled brief: what the templates render."""

    title: str
    as_of: str | None = None
    handling: str | None = None
    prepared_by: str | None = None
    length: str = "standard"
    bottom_line: list[Fact] = field(default_factory=list)  # 3-5 sentences: what changed, what it means
    key_points: list[KeyPoint] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)  # theme -> source -> n
    counts: list[Count] = field(default_factory=list)
    appendix: Extraction | None = None  # every extracted item, with --length full
    model: str | None = None
    version: str | None = None

    def source(self, source_id: str) -> Source:
        """Return the source with this id."""
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)


def join_names(names: list[str], *, serial: bool = False) -> str:
    """Join names as English prose: "A", "A and B", "A, B and C" ("A, B, and C" with the serial
    comma, as Chicago notes write it)."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ("," if serial else "") + " and " + names[-1]


# --- JSON round trip ---------------------------------------------------------------------------

_PRIVATE = {("Source", "text"), ("Source", "day")}  # kept in memory, left out of JSON unless asked for


def to_dict(obj: Any, *, with_text: bool = False) -> Any:
    """Return a JSON-ready structure for a model object (dataclass, list, dict or scalar)."""
    if isinstance(obj, str | int | float | bool) or obj is None:
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        name = type(obj).__name__
        for field_name in _field_names(type(obj)):
            if (name, field_name) in _PRIVATE and not with_text:
                continue
            out[field_name] = to_dict(getattr(obj, field_name), with_text=with_text)
        if isinstance(obj, Source):
            out["author"] = obj.author
        return out
    if isinstance(obj, list | tuple):
        return [to_dict(x, with_text=with_text) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v, with_text=with_text) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: Any) -> T:
    """Build a model object of type `cls` from `to_dict` output; unknown keys are ignored.

    Raises ShapeError (a ValueError) naming where the data does not have the model's shape: a
    wrong type, a missing required field, a list where an object belongs."""
    return _build(cls, data)  # type: ignore[no-any-return]


class ShapeError(ValueError):
    """Data that does not fit the model: the problem and the path to it ("quotes[3].start")."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str] = []

    def __str__(self) -> str:
        where = "".join(reversed(self.path)).lstrip(".")
        return f"{where}: {self.problem}" if where else self.problem


_SCALARS = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _build(tp: Any, data: Any) -> Any:
    kind, inner = _shape(tp)
    if kind == "optional":
        if data is None:
            return None
        tp, (kind, inner) = inner, _shape(inner)
    if kind == "list":
        out = []
        for i, item in enumerate(_expect(data, list, "a list")):
            try:
                out.append(_build(inner, item))
            except ShapeError as exc:
                exc.path.append(f"[{i}]")
                raise
        return out
    if kind == "dict":
        return {k: _build(inner, v) for k, v in _expect(data, dict, "an object").items()}
    if kind == "dataclass":
        return _build_dataclass(tp, _expect(data, dict, "an object"))
    if kind == "scalar":
        return _scalar(tp, data)
    return data


@functools.cache
def _shape(tp: Any) -> tuple[str, Any]:
    """How to build a value of type `tp`: (kind, the inner type), worked out once per type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return ("optional", args[0]) if len(args) == 1 else ("any", None)
    if origin is list:
        return "list", typing.get_args(tp)[0]
    if origin is dict:
        return "dict", typing.get_args(tp)[1]
    if dataclasses.is_dataclass(tp):
        return "dataclass", None
    return ("scalar", None) if tp in _SCALARS else ("any", None)


def _build_dataclass(tp: Any, data: dict[str, Any]) -> Any:
    kwargs = {}
    for name, hint in _typed_fields(tp):
        if name in data:
            try:
                kwargs[name] = _build(hint, data[name])
            except ShapeError as exc:
                exc.path.append(f".{name}")
                raise
    if tp is Source and "authors" not in data and data.get("author"):
        kwargs["authors"] = [_scalar(str, data["author"])]
    missing = [name for name in _required(tp) if name not in kwargs]
    if missing:
        raise ShapeError(f"missing {', '.join(map(repr, missing))} ({tp.__name__})")
    return tp(**kwargs)


def _expect(data: Any, kind: type, name: str) -> Any:
    if not isinstance(data, kind):
        raise ShapeError(f"expected {name}, got {_json_kind(data)}")
    return data


def _scalar(tp: type, data: Any) -> Any:
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
        raise ShapeError(f"expected {_SCALARS[tp]}, got {_json_kind(data)}")
    return data


def _json_kind(data: Any) -> str:
    kinds = [(bool, "true/false"), (int, "an integer"), (float, "a number"), (str, "a string"),
             (list, "a list"), (dict, "an object")]
    return "null" if data is None else next((n for t, n in kinds if isinstance(data, t)), type(data).__name__)


@functools.cache
def _required(tp: type) -> tuple[str, ...]:
    """A dataclass's fields without a default."""
    return tuple(f.name for f in dataclasses.fields(tp)
                 if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


@functools.cache
def _typed_fields(tp: type) -> tuple[tuple[str, Any], ...]:
    """A dataclass's fields with their resolved types (resolving them once per class: the
    annotations are strings, and evaluating them per object made reading records slow)."""
    hints = typing.get_type_hints(tp)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(tp))


@functools.cache
def _field_names(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))
