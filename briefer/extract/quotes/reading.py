"""One parsed document as quote attribution reads it, and the entry points that run the rules.

`Reading(doc, quoted, paragraphs, written)` reads a Doc once (`written`: the source's text
with the page furniture the Doc has blanked): per token its offset, whether it lies
between quote marks and its paragraph; the people it names (with the role the text gives
them) and the subjects of its speech verbs; what its pronouns and short names stand for
(`referents`). Its methods run the tables of `briefer.extract.quotes.rules`: `attribute` (a
quoted span), `lone` (a span alone in its sentences), `attribution` (any cue: reported speech
too), `subject_of` (the words a cue names), `resolve` (the name those words stand for).
"""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import TYPE_CHECKING

from briefer.extract.quotes import rules
from briefer.extract.quotes.base import NONE, Attribution, Found, first, repaired
from briefer.extract.quotes.cues import (
    according,
    according_object,
    candidates,
    claim,
    cue_text_of,
    has_mark,
    is_cue,
)
from briefer.extract.quotes.lexicon import FIRST_PERSON, PERSONAL, RELATIVE, TITLES
from briefer.extract.quotes.names import Person, mention, name, person, phrase, plural, role
from briefer.extract.quotes.referents import Referents
from briefer.extract.spans import doc_ents
from briefer.model import join_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefer.extract.quotes.marks import Quoted


class Reading:
    """The people, quotes and cues of one parsed document."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]],
                 paragraphs: list[tuple[int, int]], written: str | None = None) -> None:
        self.doc = doc
        self.written = doc.text if written is None else written  # with page furniture
        self.quoted = sorted(quoted)
        self._idx, self.inside, self.para = _positions(doc, self.quoted, paragraphs)
        found = [person(e, self.inside) for e in doc_ents(doc)]
        surnames = {p.name.split()[-1] for p in found if p is not None}
        self.cue_words, self._subjects = candidates(doc)  # may-be cues; subjects; in order
        found += [self._cue_subject(t, surnames) for t in self.cue_words
                  if is_cue(t) and not self.inside[t.i]]
        self.persons = sorted((p for p in found if p is not None), key=lambda p: p.start)
        self.names = Referents(doc, self.persons, self.inside, lambda: self.things)

    # --- the rules --------------------------------------------------------------------------

    def attribute(self, open_: int, close: int) -> Attribution | None:
        """The attribution of the quote marked at [open_, close) (`rules.QUOTE`), or None."""
        toks = self.tokens(open_, close)
        if not toks:
            return None
        found = first(rules.QUOTE, self, open_, close, toks)
        return None if found is None else _named(found.value, found.rule)

    def lone(self, span: Quoted, last: tuple[Attribution, Quoted] | None) -> Attribution | None:
        """The attribution of a quote alone in its sentences (`rules.LONE`), or None."""
        found = first(rules.LONE, self, span, last)
        return None if found is None else _named(found.value, found.rule)

    def attribution(self, cue: Token, governs: bool = True) -> Attribution:
        """The attribution a cue token makes: its speaker, role and mention."""
        cue_text = "according to" if according(cue) else cue.text if claim(cue) else cue_text_of(cue)
        found = first(rules.CUE_SPEAKER, self, cue)
        if found is None or found.value is None:
            rule = NONE if found is None else found.rule
            return Attribution(None, None, None, cue_text, governs, (rule, NONE))
        attr = self.from_subject(found.value, cue_text)
        return Attribution(attr.speaker, attr.role, attr.mention, cue_text, governs,
                           (found.rule, attr.rules[-1]))

    def subject_of(self, cue: Token) -> Found | None:
        """The words a speech verb names as its speaker (`rules.SUBJECT`)."""
        return first(rules.SUBJECT, self, cue)

    def climb(self, verb: Token, cue: Token) -> Found | None:
        """The speaker one step of the climb from a cue finds at `verb` (`rules.CLIMB`)."""
        return first(rules.CLIMB, self, verb, cue)

    def repair(self, subject: Token, cue: Token, verb: Token) -> Token | None:
        """A parsed subject with the parse's known mistakes repaired (`rules.REPAIRS`)."""
        return repaired(rules.REPAIRS, subject, self, cue, verb)  # type: ignore[no-any-return]

    def resolve(self, head: Token) -> Found:
        """(speaker name, role) for the words `head` heads (`rules.RESOLVE`), and the rule."""
        found = first(rules.RESOLVE, self, head)
        if found is None:  # the last rule always applies, unless it is left out
            return Found((None, None), NONE)
        return found if found.value is not None else Found((None, None), found.rule)

    def from_subject(self, head: Token, cue_text: str) -> Attribution:
        """The attribution naming `head` as the speaker: the mention's words (the name in
        apposition to a noun that names nobody: "In a short note, an aide to the mayor, Pavel
        Orlov, ..."), a pronoun bound to the subject it stands for, and the name. Its rules are
        (`NONE`, the rule that named it): the caller knows how `head` was found."""
        from briefer.extract.quotes.resolve import apposed_name

        appos = apposed_name(head)
        bound = repaired(rules.BINDING, head, self)
        words_ = mention(appos if appos is not None else bound)
        (speaker, role_), rule = self.resolve(bound)
        return Attribution(speaker, role_, (words_.start_char, words_.end_char), cue_text,
                           rules=(NONE, rule))

    # --- where things are -------------------------------------------------------------------

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that start inside the character range [start, end)."""
        return list(self.doc[bisect.bisect_left(self._idx, start):bisect.bisect_left(self._idx, end)])

    def last_before(self, char: int) -> Token | None:
        """The last token before character offset `char` that is not white space."""
        i = bisect.bisect_left(self._idx, char) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return self.doc[i] if i >= 0 else None

    def closes(self, tok: Token) -> bool:
        """True for the token of a closing quote mark."""
        return tok.is_punct and self.inside[tok.i] and has_mark(tok.text) and (
            tok.i + 1 >= len(tok.doc) or not self.inside[tok.i + 1])

    def sentences(self, toks: list[Token]) -> list[Token]:
        """The tokens of the sentences around `toks`, within their paragraph."""
        first_, last = toks[0].sent, toks[-1].sent
        para = self.para[toks[0].i]
        return [t for t in self.doc[first_.start:last.end] if self.para[t.i] == para]

    def sentence_before(self, open_: int) -> Span | None:
        """The sentence that ends just before a quote mark (outside quotes, at most a blank line
        between them), or None."""
        last = self.last_before(open_)
        if last is None or self.inside[last.i]:
            return None
        if self.doc.text[last.idx:open_].count("\n") > 2:
            return None
        return last.sent

    def bare(self, open_: int, close: int) -> bool:
        """True when the sentences around [open_, close) hold nothing but the quote."""
        toks = self.tokens(open_, close)
        if not toks:
            return False
        outside = [t for t in self.sentences(toks) if not (open_ <= t.idx < close)]
        return all(t.is_punct or t.is_space for t in outside)

    # --- who is named -----------------------------------------------------------------------

    @cached_property
    def things(self) -> list[Person]:
        """What an "it" or a "they" can stand for (built on first use: most texts never ask)."""
        return [t for t in (self._thing(t) for t in self._subjects) if t is not None]

    def _cue_subject(self, cue: Token, surnames: set[str]) -> Person | None:
        """The speaker a cue names, as a `Person` (a thing when it is no person)."""
        if according(cue):
            head = according_object(cue)
        else:
            found = self.subject_of(cue)
            head = None if found is None else found.value
        if head is None or head.lower_ in PERSONAL or head.lower_ in FIRST_PERSON:
            return None
        if head.lower_ in RELATIVE or self.inside[head.i]:
            return None
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
            known = name(head)
            human = head.ent_type_ in ("PERSON", "") or known.split()[-1] in surnames
            return Person(known, role(head), head.idx, True, human)
        return Person(phrase(head), None, head.idx, True, False, plural(head))

    def _thing(self, head: Token) -> Person | None:
        """A subject that is no single person ("the party", "Moor and Hale"), as a
        non-human `Person` an "it" or a "they" may refer back to."""
        if self.inside[head.i] or head.pos_ not in ("NOUN", "PROPN") or head.is_space:
            return None
        people = [head, *head.conjuncts] if head.ent_type_ == "PERSON" else []
        if len(people) > 1 and all(t.ent_type_ == "PERSON" for t in people):
            return Person(join_names([name(t) for t in people]), None, head.idx, True, False,
                          True)
        if head.ent_type_ == "PERSON" or head.lower_ in TITLES:
            return None
        words_ = [t for t in mention(head) if not (t.dep_ == "det" and t.head.i == head.i)]
        known = name(head) if head.pos_ == "PROPN" else "".join(
            t.text_with_ws for t in words_).strip()
        return Person(known or head.text, None, head.idx, True, False, plural(head),
                      head.ent_type_ in ("ORG", "NORP"))


def _named(attr: Attribution | None, rule: str) -> Attribution | None:
    """`attr` with the rule that found its cue put first in its rules."""
    if attr is None:
        return None
    return Attribution(attr.speaker, attr.role, attr.mention, attr.cue, attr.governs,
                       (rule, *attr.rules))


def _positions(doc: Doc, quoted: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
               ) -> tuple[list[int], list[bool], list[int]]:
    """Per token: its character offset, whether it lies between quote marks, its paragraph."""
    import numpy as np
    from spacy.attrs import IDX

    idx = doc.to_array([IDX]).astype(np.int64).reshape(-1)
    opens = np.array([a for a, _ in quoted] or [-1], dtype=np.int64)
    closes = np.array([b for _, b in quoted] or [-1], dtype=np.int64)
    k = np.searchsorted(opens, idx, side="right") - 1
    inside = (k >= 0) & (idx < closes[np.maximum(k, 0)])
    para = np.searchsorted(np.array([a for a, _ in paragraphs] or [0], dtype=np.int64), idx,
                           side="right") - 1
    return idx.tolist(), inside.tolist(), para.tolist()
