"""Which people a text names are "he" and which are "she", from the text itself.

`genders(doc, persons, full, inside)` reads the evidence one document gives about each named
person: an honorific before the name ("Mr.", "Ms."), a gendered word in the role the text
gives ("spokeswoman", "his wife"), a He/She opening the sentence after one whose subject is
the only name it holds, and a his/her on the object of a verb whose subject is the only name
in its sentence ("Hun Sen released his plan"). Each piece is a vote; a name gets a gender only when its votes
agree clearly. Names are never guessed from their spelling: a name the
text says nothing about stays unknown, and any pronoun may stand for it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefer.extract.names import SUBJECTS, Person, words
from briefer.extract.spans import doc_ents, doc_sents, ent_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MALE_WORDS = words("""
    mr mr. mister sir lord king prince father brother son husband widower spokesman chairman
    congressman businessman assemblyman councilman uncle nephew grandfather boyfriend
""")
FEMALE_WORDS = words("""
    mrs mrs. ms ms. miss madam madame dame lady queen princess mother sister daughter wife
    widow spokeswoman chairwoman congresswoman businesswoman assemblywoman councilwoman aunt
    niece grandmother girlfriend actress
""")
HONORIFICS = words("mr mr. mrs mrs. ms ms. miss mister sir lord lady dame madam madame king queen "
                   "prince princess")  # may open a name itself; "Son" may be a surname
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}
TITLE_VOTES = 3  # an honorific or a gendered role outweighs a stray pronoun


def of_pronoun(word: str) -> str | None:
    """"m" for he/him/his, "f" for she/her/hers, else None."""
    return PRONOUNS.get(word.lower())


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
    by_start = {p.start: p for p in persons if p.human}
    found: list[tuple[Person, str]] = []
    for ent in doc_ents(doc):
        p = by_start.get(ent.start_char)
        if p is None:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        first = ent[0].lower_ if ent[0].lower_ in HONORIFICS else ""
        apposed = ent.root.head.lower_ if ent.root.dep_ == "appos" else ""  # "the first lady,
        found += [(p, _word_gender(w)) for w in (before, first, apposed) if _word_gender(w)]  # X"
    for p in by_start.values():
        g = _role_gender(p.role or "")
        if g:
            found.append((p, g))
    return found


ROLE_ENDS = words("of to for at with in on from by under who which that and")


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
    by_start = {p.start: p for p in persons if p.human}
    named: dict[int, Person] = {}  # token index -> the person whose name it is part of
    for ent in doc_ents(doc):
        p = by_start.get(ent.start_char)
        if p is not None:
            named.update((i, p) for i in range(ent.start, ent.end))
    _pronoun_votes(doc, named, inside, vote)
    found = {}
    for key, (m, f) in votes.items():
        if m >= 2 * f + 1:
            found[key] = "m"
        elif f >= 2 * m + 1:
            found[key] = "f"
    return found


def _pronoun_votes(doc: Doc, named: dict[int, Person], inside: list[bool],
                   vote: Callable[[Person, str], None]) -> None:
    """A vote for each he/she that opens the sentence right after one whose subject is the
    only name it holds ("Hun Manet spoke on Friday. He said ..."). A he/she in the same
    sentence as the name is no evidence: "Rubio asked whether he ..." is about someone else."""
    order = sorted(named)
    sents = doc_sents(doc)
    sent_starts = [sent.start for sent in sents]
    for tok in _possessives(doc):  # "Hun Manet released his plan": the name's own possession
        if tok.dep_ != "poss" or inside[tok.i]:
            continue
        obj = tok.head
        if obj.dep_ != "dobj":
            continue
        subject = next((c for c in obj.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i not in named:
            continue
        sent = sents[bisect_right(sent_starts, tok.i) - 1]
        lo, hi = bisect_left(order, sent.start), bisect_left(order, sent.end)
        if len({named[i].name.split()[-1] for i in order[lo:hi]}) == 1:
            vote(named[subject.i], PRONOUNS[tok.lower_])
    for sent, nxt in zip(sents, sents[1:], strict=False):
        first = next((t for t in nxt if not t.is_space), None)
        if first is None or first.lower_ not in ("he", "she") or first.dep_ not in SUBJECTS:
            continue
        subject = next((c for c in sent.root.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.i not in named or inside[first.i]:
            continue
        lo, hi = bisect_left(order, sent.start), bisect_left(order, sent.end)
        if len({named[i].name.split()[-1] for i in order[lo:hi]}) == 1:
            vote(named[subject.i], PRONOUNS[first.lower_])


def _possessives(doc: Doc) -> list[Token]:
    """The his/her tokens, picked from the Doc's arrays (no Token object for the others)."""
    import numpy as np
    from spacy.attrs import LOWER

    lower = doc.to_array([LOWER]).reshape(-1)
    wanted = [doc.vocab.strings[w] for w in ("his", "her")]  # hashes; the store is not changed
    return [doc[i] for i in np.flatnonzero(np.isin(lower, wanted)).tolist()]
