"""Which people a text names are "he" and which are "she", from the text itself.

`genders(doc, persons, full, inside)` reads the evidence one document gives about each named
person: what the mention's own words say (`stated`: an honorific, a gendered role noun, a
gendered noun the name is in apposition to), a He/She opening the sentence after one whose
subject is the only name it holds, and a his/her on the object of a verb whose subject is the
only name in its sentence ("Hun Sen released his plan"). Each piece is a vote; a name gets a
gender only when its votes agree clearly. Names are never guessed from their spelling: a name
the text says nothing about stays unknown, and any pronoun may stand for it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefer.extract.quotes.lexicon import (
    FEMALE_WORDS,
    GENDERED_PRONOUNS,
    HONORIFICS,
    MALE_WORDS,
    ROLE_ENDS,
    SUBJECTS,
)
from briefer.extract.quotes.names import Person
from briefer.extract.spans import doc_ents, doc_sents, ent_at, sent_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TITLE_VOTES = 3  # an honorific or a gendered role outweighs a stray pronoun


def of_pronoun(word: str) -> str | None:
    """"m" for he/him/his, "f" for she/her/hers, else None."""
    return GENDERED_PRONOUNS.get(word.lower())


def honorific(tok: Token) -> str | None:
    """The gender an honorific right before (or opening) the name `tok` is part of says:
    "Mr. Obama" -> "m", "Ms. Sochua" -> "f", "Obama" -> None."""
    doc = tok.doc
    ent = ent_at(doc, tok.i)
    start = ent.start if ent is not None else tok.i
    for i in (start - 1, start):
        if 0 <= i < len(doc) and doc[i].lower_ in HONORIFICS:
            return _word_gender(doc[i].lower_) or None
    return None


def stated(doc: Doc, persons: list[Person]) -> list[tuple[Person, str]]:
    """(mention, gender) for each named mention whose own words say it: an honorific or a
    kinship word right before the name ("Mr.", "his son"), an honorific opening the name, a
    gendered noun the name is in apposition to ("the first lady, X"), or a gendered word in the
    role the text gives ("spokeswoman", "Kaine's wife")."""
    humans, named = _named_ents(doc, persons)
    found: list[tuple[Person, str]] = []
    for ent, p in named:
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        first = ent[0].lower_ if ent[0].lower_ in HONORIFICS else ""
        apposed = ent.root.head.lower_ if ent.root.dep_ == "appos" else ""  # "the lady, X"
        found += [(p, _word_gender(w)) for w in (before, first, apposed) if _word_gender(w)]
    for p in humans:
        g = _role_gender(p.role or "")
        if g:
            found.append((p, g))
    return found


def _named_ents(doc: Doc, persons: list[Person]) -> tuple[list[Person], list[tuple[Span, Person]]]:
    """The human persons (one per start offset) and the entities that name them."""
    by_start = {p.start: p for p in persons if p.human}
    return list(by_start.values()), [(e, by_start[e.start_char]) for e in doc_ents(doc)
                                     if e.start_char in by_start]


def _role_gender(role: str) -> str:
    """The gender a role's own noun says ("Kaine's wife", "spokeswoman for the ministry"),
    reading up to its first preposition: "adviser to Mrs. Clinton" says nothing of the adviser."""
    for word in role.lower().replace("’", " ").replace("'", " ").split():
        if word in ROLE_ENDS:
            break
        if word not in HONORIFICS and _word_gender(word):
            return _word_gender(word)
    return ""


def _word_gender(word: str) -> str:
    return "m" if word in MALE_WORDS else "f" if word in FEMALE_WORDS else ""


def genders(doc: Doc, persons: list[Person],
            full: Callable[[Person, str | None], str | None],
            inside: list[bool]) -> dict[str, str]:
    """Full name -> "m" or "f" for the named people the text shows a gender for.

    Args:
        doc: the parsed document.
        persons: the people it names, in text order (only the human ones count).
        full: the full name a mention stands for given the gender the evidence shows ("Mr.
            Obama" is not "Michelle Obama"), None when it is unsure ("Clinton" where both
            Bill and Hillary Clinton are named).
        inside: per token, whether it lies between quote marks (a quote's "his" is the
            speaker's business, not the narrator's).
    """
    votes: dict[str, list[int]] = {}

    def vote(p: Person, gender: str, weight: int = 1) -> None:
        key = full(p, gender)
        if key is not None:
            votes.setdefault(key, [0, 0])[gender == "f"] += weight

    for p, gender in stated(doc, persons):
        vote(p, gender, TITLE_VOTES)
    named = {i: p for ent, p in _named_ents(doc, persons)[1] for i in range(ent.start, ent.end)}
    _pronoun_votes(doc, named, inside, vote)  # named: token index -> whose name it is part of
    found = {}
    for key, (m, f) in votes.items():
        if m >= 2 * f + 1:
            found[key] = "m"
        elif f >= 2 * m + 1:
            found[key] = "f"
    return found


def _pronoun_votes(doc: Doc, named: dict[int, Person], inside: list[bool],
                   vote: Callable[[Person, str], None]) -> None:
    """A vote for each his/her on the object of a verb whose subject is the only name in its
    sentence, and for each He/She that opens the sentence right after one whose subject is the
    only name it holds ("Hun Manet spoke on Friday. He said ..."). A he/she elsewhere in the
    sentence that names someone is no evidence: "Rubio asked whether he ..." is about another."""
    order = sorted(named)

    def alone(sent: Span, subject: Token | None) -> Person | None:
        """The person `subject` names, when the sentence names nobody else."""
        if subject is None or subject.i not in named:
            return None
        lo, hi = bisect_left(order, sent.start), bisect_left(order, sent.end)
        surnames = {named[i].name.split()[-1] for i in order[lo:hi]}
        return named[subject.i] if len(surnames) == 1 else None

    for tok in _possessives(doc):  # "Hun Manet released his plan": the name's own possession
        if tok.dep_ != "poss" or inside[tok.i] or tok.head.dep_ != "dobj":
            continue
        verb = tok.head.head
        p = alone(sent_at(doc, tok.i), next((c for c in verb.children if c.dep_ == "nsubj"), None))
        if p is not None:
            vote(p, GENDERED_PRONOUNS[tok.lower_])
    sents = doc_sents(doc)
    for sent, nxt in zip(sents, sents[1:], strict=False):
        first = next((t for t in nxt if not t.is_space), None)
        if first is None or first.lower_ not in ("he", "she") or first.dep_ not in SUBJECTS:
            continue
        if inside[first.i]:
            continue
        p = alone(sent, next((c for c in sent.root.children if c.dep_ in SUBJECTS), None))
        if p is not None:
            vote(p, GENDERED_PRONOUNS[first.lower_])


def _possessives(doc: Doc) -> list[Token]:
    """The his/her tokens, picked from the Doc's arrays (no Token object for the others)."""
    import numpy as np
    from spacy.attrs import LOWER

    lower = doc.to_array([LOWER]).reshape(-1)
    wanted = [doc.vocab.strings[w] for w in ("his", "her")]  # hashes; the store is not changed
    return [doc[i] for i in np.flatnonzero(np.isin(lower, wanted)).tolist()]
