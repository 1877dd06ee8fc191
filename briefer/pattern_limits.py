"""Limits on a themes file's spaCy Matcher patterns, checked when the file is loaded, so that a
pattern cannot make matching explode: `[{OP="*"},{OP="*"},{OP="*"}]` matched every span of a
document (gigabytes in seconds), and a REGEX with nested quantifiers backtracks for minutes.

A pattern must hold at least one token that is required and constrained (an attribute to test,
no `?` or `*`); it may hold at most one unconstrained repeating token (`{OP="*"}`), at most
MAX_REPEATS repeating tokens and MAX_TOKENS tokens; `{n,m}` counts stay under MAX_COUNT. A REGEX
must compile, be at most MAX_REGEX characters long and hold no quantifier inside a quantified
group (`(a+)+`, `(\\w*x?)*`).
"""

from __future__ import annotations

import re
from typing import Any

from briefer.errors import UsageError

MAX_PATTERNS = 100  # per theme
MAX_ALL_PATTERNS = 500  # in the whole file
MAX_TOKENS = 16  # per pattern
MAX_REPEATS = 3  # tokens with *, + or {n,m} per pattern
MAX_COUNT = 10  # the largest n or m of {n}, {n,m}, {n,}, {,m}
MAX_REGEX = 200  # characters
OPS = {"!", "?", "*", "+"}
_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")


def check_patterns(where: str, patterns: list[list[dict[str, Any]]]) -> None:
    """Raise a one-line UsageError, starting with `where`, for a pattern past any limit."""
    if len(patterns) > MAX_PATTERNS:
        raise UsageError(f"{where}: {len(patterns)} patterns; at most {MAX_PATTERNS} per theme")
    for n, pattern in enumerate(patterns, 1):
        _check_pattern(f"{where}: pattern {n}", pattern)


def _check_pattern(where: str, pattern: list[dict[str, Any]]) -> None:
    if len(pattern) > MAX_TOKENS:
        raise UsageError(f"{where}: {len(pattern)} tokens; at most {MAX_TOKENS}")
    kinds = [_kind(where, token) for token in pattern]
    if "required" not in kinds:
        raise UsageError(f"{where}: needs a token that must match an attribute (not only optional, "
                         "repeating or empty tokens), else it matches everywhere")
    if kinds.count("wildcard") > 1:
        raise UsageError(f"{where}: at most one repeating token without an attribute (like {{OP=\"*\"}})")
    if sum(k in {"wildcard", "repeat"} for k in kinds) > MAX_REPEATS:
        raise UsageError(f"{where}: at most {MAX_REPEATS} repeating tokens (OP \"*\", \"+\", {{n,m}})")
    for token in pattern:
        for regex in _regexes(token):
            check_regex(where, regex)


def _kind(where: str, token: dict[str, Any]) -> str:
    """ "required", "optional", "repeat" (constrained) or "wildcard" (repeating, unconstrained)."""
    op = token.get("OP")
    constrained = any(key != "OP" for key in token)
    if op is not None and not isinstance(op, str):
        raise UsageError(f"{where}: OP must be a string")
    repeats = op in {"*", "+"} or _count(where, op) == "range"
    if repeats:
        return "repeat" if constrained else "wildcard"
    if op in {"?"} or op and _count(where, op) == "zero" or not constrained:
        return "optional"
    return "required"


def _count(where: str, op: str | None) -> str | None:
    """For an OP like {2}, {1,3}, {2,}, {,3}: "exact", "range" or "zero" (may match nothing)."""
    if op is None or op in OPS:
        return None
    m = _COUNT.fullmatch(op)
    if not m or not (m[1] or m[3]):
        raise UsageError(f"{where}: unknown OP {op!r}; use !, ?, *, +, {{n}}, {{n,m}}, {{n,}} or {{,m}}")
    low, high = int(m[1] or 0), int(m[3] or 0)
    if max(low, high) > MAX_COUNT:
        raise UsageError(f"{where}: OP {op!r} counts over {MAX_COUNT}")
    if m[2] and low != high:
        return "range" if low else "zero"
    return "exact" if low else "zero"


def _regexes(value: Any) -> list[Any]:
    """Every REGEX value in a token's attributes (also under `_` extension attributes)."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k == "REGEX"]
        return found + [r for k, v in value.items() if k != "REGEX" for r in _regexes(v)]
    return []


def check_regex(where: str, regex: Any) -> None:
    """A REGEX must be a string that compiles, is short, and nests no quantifier in another."""
    if not isinstance(regex, str):
        raise UsageError(f"{where}: REGEX must be a string")
    if len(regex) > MAX_REGEX:
        raise UsageError(f"{where}: REGEX of {len(regex)} characters; at most {MAX_REGEX}")
    try:
        re.compile(regex)
    except re.error as exc:
        raise UsageError(f"{where}: invalid REGEX {regex!r}: {exc}") from None
    if _nested_quantifier(regex):
        raise UsageError(f"{where}: REGEX {regex!r} repeats a group that itself repeats (like (a+)+), "
                         "which can take minutes on one word; rewrite it without the nesting")


def _nested_quantifier(regex: str) -> bool:
    # re._parser is private but stable since 3.11; without it the check is skipped (the REGEX
    # still had to compile and be short)
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        return False
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    atomic = getattr(c, "ATOMIC_GROUP", None)

    def children(op: Any, av: Any) -> list[Any]:
        if op in repeats:
            return [av[2]]
        if op == c.SUBPATTERN:
            return [av[-1]]
        if op == c.BRANCH:
            return list(av[1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return [av[1]]
        return [av] if op == atomic else []

    def walk(items: Any, inside: bool) -> bool:
        for op, av in items:
            many = op in repeats and av[1] > 1
            if many and inside or any(walk(sub, inside or many) for sub in children(op, av)):
                return True
        return False

    return walk(_parser.parse(regex).data, False)
