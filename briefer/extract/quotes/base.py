"""What the attribution rules are made of: a rule, what one finds, and how a table is run.

A rule is a name, a function and a made-up example. A table of rules is tried in order: the
first rule whose function returns something decides. A function returns None when it does
not apply (the next rule is tried), `NOBODY` when it applies and finds that no one speaks (the
table stops with no speaker), or what it found. The tables themselves, and so the order of
every rule, are in `briefer.extract.quotes.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, NamedTuple


class _Nobody:
    """The answer of a rule that applies and finds no speaker."""

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY: Final = _Nobody()
NONE: Final = "-"  # in `Attribution.rules`: no rule of that stage was needed


@dataclass(frozen=True)
class Rule:
    """One attribution rule: its name (a test id), its function and a made-up example."""

    name: str
    find: Callable[..., Any]
    example: str


class Found(NamedTuple):
    """What a table found (None: it decided that no one speaks) and the rule that decided."""

    value: Any
    rule: str


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, in which words, with which cue, and the rules that decided it: the
    rule that framed the quote (`rules.QUOTE`, `rules.LONE`), the one that found the speaker's
    words (`rules.CUE_SPEAKER`, `SUBJECT`, `CLIMB`) and the one that named them
    (`rules.RESOLVE`); `NONE` for a stage that was not needed."""

    speaker: str | None
    role: str | None
    mention: tuple[int, int] | None  # character offsets of the words naming the speaker
    cue: str
    governs: bool = True  # the cue governs the quote in the parse (not just nearby)
    rules: tuple[str, ...] = (NONE, NONE, NONE)


_disabled: set[str] = set()


@contextmanager
def disabled(names: set[str]) -> Iterator[None]:
    """Run with the named rules left out (`bench/quality_quotes.py --ablate` measures what
    each rule adds this way)."""
    before = set(_disabled)
    _disabled.update(names)
    try:
        yield
    finally:
        _disabled.clear()
        _disabled.update(before)


def first(table: tuple[Rule, ...], *args: Any) -> Found | None:
    """The finding of the first rule of `table` that applies to `args`, or None."""
    for rule in table:
        if rule.name in _disabled:
            continue
        got = rule.find(*args)
        if got is None:
            continue
        if isinstance(got, Found):  # a rule that runs another table: the inner rule decided
            return got
        return Found(None if got is NOBODY else got, rule.name)
    return None


def repaired(table: tuple[Rule, ...], value: Any, *args: Any) -> Any:
    """`value` passed through every repair of `table` in order: a repair returns a new value,
    None to leave it, or `NOBODY` (then the result is None)."""
    for rule in table:
        if rule.name in _disabled:
            continue
        got = rule.find(value, *args)
        if got is NOBODY:
            return None
        if got is not None:
            value = got
    return value
