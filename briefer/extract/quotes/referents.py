"""Who a pronoun or a short name stands for, among the people one document names.

`Referents(doc, persons, inside, things)` holds the named people of a parsed document (in
text order) and answers: the full name a short mention stands for ("Peou" -> "Yang Peou"),
the role the text gives a name, the person a "he"/"she" most likely means (agreeing in gender,
`briefer.extract.quotes.gender`), and the group or thing an "it"/"they" means. Lookups go through
per-surname lists, bisects on start offsets and memos, so a source naming thousands of people
costs what the same words cost as short items (`bench/speed.py crowd`, `long`).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from briefer.extract.quotes import gender
from briefer.extract.quotes.cues import is_cue
from briefer.extract.quotes.lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    PERSON_NOUNS,
    PERSONAL,
    SUBJECTS,
)
from briefer.extract.quotes.names import Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REFERENT_CHARS = 600  # how far back an "it" or a "they" looks for what it stands for
PERSON_CHARS = 3000  # how far back a "he" or a "she" looks for a name


class Referents:
    """The people one document names, and what its pronouns and short names stand for."""

    def __init__(self, doc: Doc, persons: list[Person], inside: list[bool],
                 things: Callable[[], list[Person]]) -> None:
        self.doc = doc
        self.persons = persons  # in text order
        self.inside = inside
        self._things = things  # built on first use: most texts never ask
        self._fuller: dict[str, tuple[list[int], list[str]]] = {}  # short name -> longer names
        self._roles: dict[str, str | None] = {}  # full name -> the first role the text gives

    @cached_property
    def things(self) -> list[Person]:
        """What an "it" or a "they" can stand for besides the named: subjects that are no
        single person."""
        return self._things()

    def antecedent(self, pronoun: Token) -> Person | None:
        """The person a "he"/"she" (or the group an "it"/"they") most likely stands for."""
        kind = PERSONAL[pronoun.lower_]
        if kind != "person":
            return self.referent(pronoun, kind == "group")
        lo = bisect.bisect_right(self._person_starts, pronoun.idx - PERSON_CHARS)
        hi = bisect.bisect_left(self._person_starts, pronoun.idx)
        own = _own_subject(pronoun)
        before = [p for p in self.persons[lo:hi] if p.human and not own[0] <= p.start < own[1]]
        want = gender.of_pronoun(pronoun.lower_)
        for group in ([p for p in before if p.subject], before):
            for p in reversed(group):  # the last one the pronoun can stand for
                if self.fitting(p, want):
                    return self._main_first(p, group, lambda q: bool(self.fitting(q, want)))
        return self._unnamed(pronoun, want)

    def _unnamed(self, pronoun: Token, want: str | None) -> Person | None:
        """With no named person it can stand for, a he/she stands for the last subject a few
        sentences back that is a person the text does not name ("One resident reached by phone
        confirmed the clashes. ... He said ..."), of no other gender."""
        starts, things = self._things_by_start
        lo = bisect.bisect_right(starts, pronoun.idx - REFERENT_CHARS)
        hi = bisect.bisect_left(starts, pronoun.idx)
        for p in reversed(things[lo:hi]):
            noun = p.name.split()[-1].lower()
            if p.plural or noun not in PERSON_NOUNS:
                continue
            said = "m" if noun in MALE_WORDS else "f" if noun in FEMALE_WORDS else None
            return p if want is None or said in (None, want) else None
        return None

    def fitting(self, p: Person, want: str | None) -> list[str]:
        """The full names a mention may stand for that a he (`want` "m") or a she ("f") can
        refer to: one name, or for a bare surname two people share, those of the family
        the text does not show to be of the other gender."""
        family = self._shared(p)
        names = sorted(family) if family else [self.full(p.name, p.start)]
        return [n for n in names if want is None or self.genders.get(n, want) == want]

    @cached_property
    def genders(self) -> dict[str, str]:
        """Full name -> "m"/"f" where the text shows it (see `briefer.extract.quotes.gender`)."""
        return gender.genders(self.doc, self.persons, self.one_name, self.inside)

    @cached_property
    def _person_starts(self) -> list[int]:
        return [p.start for p in self.persons]

    @cached_property
    def _named_by_last(self) -> dict[str, list[Person]]:
        """Last word -> the people named with two words or more that end with it, in order."""
        found: dict[str, list[Person]] = {}
        for p in self.persons:
            if p.human and " " in p.name:
                found.setdefault(plain(p.name.split()[-1]), []).append(p)
        return found

    @cached_property
    def _families(self) -> dict[str, set[str]]:
        """Surname -> the full names (two words or more) that end with it."""
        return {last: {p.name for p in people} for last, people in self._named_by_last.items()}

    def one_name(self, p: Person, want: str | None = None) -> str | None:
        """The full name a mention stands for (of gender `want` where that is known), or None
        for a bare surname that two named people share ("Clinton" where Bill and Hillary
        Clinton are both named)."""
        return None if self._shared(p) else self.full(p.name, p.start, want)

    def _shared(self, p: Person) -> set[str]:
        """For a bare surname two or more named people share, their full names; else empty."""
        family = self._families.get(plain(p.name), set()) if " " not in p.name else set()
        return family if len(family) > 1 else set()

    @cached_property
    def _stated(self) -> dict[str, str]:
        """Full names (two words or more) -> the gender their own mentions state (an
        honorific, a gendered role), where the statements agree."""
        found: dict[str, set[str]] = {}
        for p, g in gender.stated(self.doc, self.persons):
            if " " in p.name:
                found.setdefault(p.name, set()).add(g)
        return {n: next(iter(gs)) for n, gs in found.items() if len(gs) == 1}

    def referent(self, pronoun: Token, group: bool) -> Person | None:
        """What an "it" (one thing) or a "they" (a group) stands for: the last subject
        before it, within a few sentences, that agrees in number; for a "they" with none,
        the last organisation named as a subject ("The council met. ... they said")."""
        starts, things = self._things_by_start
        lo = bisect.bisect_right(starts, pronoun.idx - REFERENT_CHARS)
        hi = bisect.bisect_left(starts, pronoun.idx)
        near = [p for p in things[lo:hi] if p.plural == group] or (
            [p for p in things[lo:hi] if p.body] if group else [])
        last = max(near, key=lambda p: p.start, default=None)
        return None if last is None else self._main_first(last, near, lambda q: True)

    def _main_first(self, found: Person, group: list[Person], fits: Callable[[Person], bool]
                    ) -> Person:
        """The subject of the main clause of `found`'s sentence, where `found` is the subject
        of a clause that main clause reports and the main one fits too: after "Orlov said the
        plan of Hale would fail." a "he" is Orlov; after "The board said the fee plan hurts its
        members." an "it" is the board (not after "Moor left as Orlov spoke.": that clause
        only tells when)."""
        if not self._reported(found.start):
            return found
        sent = self._sentence(found.start)
        for q in group:
            if q.start < found.start and self._main(q.start) and fits(q) and (
                    self._sentence(q.start) == sent):
                return q
        return found

    def _token(self, start: int) -> Token | None:
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _sentence(self, start: int) -> int:
        tok = self._token(start)
        return -1 if tok is None else tok.sent.start

    def _reported(self, start: int) -> bool:
        """True for a word at `start` inside a clause the main verb of its sentence reports
        ("Orlov said [the plan of Hale would fail]")."""
        tok = self._token(start)
        if tok is None or tok.sent.root.i == tok.i or not is_cue(tok.sent.root):
            return False
        return any(a.dep_ == "ccomp" and a.head.i == tok.sent.root.i for a in tok.ancestors)

    def _main(self, start: int) -> bool:
        """True for a name or noun at `start` that is the subject of its sentence's main verb."""
        tok = self._token(start)
        while tok is not None and tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        return tok is not None and tok.dep_ in SUBJECTS and tok.head.dep_ == "ROOT"

    @cached_property
    def _things_by_start(self) -> tuple[list[int], list[Person]]:
        """The non-human subjects and names, in text order, with their start offsets."""
        things = sorted((p for p in [*self.persons, *self.things] if not p.human),
                        key=lambda p: p.start)
        return [p.start for p in things], things

    def full(self, name: str, at: int, want: str | None = None) -> str:
        """Expand a short name ("Peou", "Burman") to the fullest earlier name ending with it;
        with `want` ("m"/"f", from "Mr."/"Ms." before the short name) never to a name whose own
        mentions say the other gender: "Mr. Obama" is not "Michelle Obama" (it stays "Obama")."""
        found = self._fuller.get(name)
        if found is None:
            parts = name.split()
            matches = [p for p in self._named_by_last.get(plain(parts[-1]), ()) if len(
                p.name.split()) > len(parts) and [plain(w) for w in p.name.split()[-len(parts):]] ==
                [plain(w) for w in parts]] if parts else []
            found = self._fuller[name] = ([p.start for p in matches], [p.name for p in matches])
        starts, names_ = found
        if want is not None and any(self._stated.get(n, want) != want for n in names_):
            fits = [(a, n) for a, n in zip(starts, names_, strict=True)
                    if self._stated.get(n, want) == want]
            starts, names_ = [a for a, _ in fits], [n for _, n in fits]
        if not names_:
            return name
        k = bisect.bisect_left(starts, at)
        return names_[k - 1] if k > 0 else names_[-1]

    def known(self, name: str, at: int) -> bool:
        """True when the text names a person `name`, or a longer name ending with it, other
        than at `at`."""
        return any(p.human and p.start != at and (p.name == name or p.name.endswith(" " + name))
                   for p in self.persons)

    def role_of(self, person: Person) -> str | None:
        """The role given to a person here or at any mention of the same name."""
        return person.role or self.role_named(self.full(person.name, person.start))

    def role_named(self, full: str) -> str | None:
        """The first role the text gives a name (or a name with the same surname)."""
        if full not in self._roles:
            last = full.split()[-1:]
            self._roles[full] = next((known.role for known in self.persons if known.role and (
                known.name == full or known.name.split()[-1:] == last)), None)
        return self._roles[full]


def _own_subject(pronoun: Token) -> tuple[int, int]:
    """Where the subject of the verb a pronoun is the object of stands, which the pronoun
    cannot stand for ("The Herald quoted her": not the Herald); (0, 0) for no such subject."""
    if pronoun.dep_ not in ("dobj", "iobj", "dative"):
        return 0, 0
    for child in pronoun.head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i:
            last = child.right_edge
            return child.left_edge.idx, last.idx + len(last.text)
    return 0, 0


def plain(word: str) -> str:
    """A name's word without its accents ("Gómez" -> "Gomez"): pages write one name both ways."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
