"""Which small counts written in words belong in a figures table.

"Three Filipinos were injured", "damaging two of their boats" and "four more sites" are counts a
reader wants in a figures table: something happened to what is counted, or the count is set
against others. "The ruling rests on three pillars", "four major rulings since then", "two videos
showed", "three jurists analysed the verdict" and "one of two main parties" only tell the story:
the number sizes a list of abstract things, a group that speaks, or a class something belongs to.
The rule is for the figures table only; every count stays a quantity.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.extract.not_figures import CONTRAST

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefer.model import Figure

_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine"}
# verbs of saying, showing and thinking: what a counted subject of them does is tell, not undergo
_TELLING = {"say", "tell", "show", "share", "post", "publish", "analyze", "analyse", "note", "argue",
            "agree", "warn", "reveal", "suggest", "indicate", "describe", "explain", "believe", "think",
            "claim", "state", "write", "comment", "discuss", "mention", "reiterate", "stress",
            "emphasize", "emphasise", "highlight", "outline", "cite", "list", "express", "add",
            "consider", "see", "view", "feature", "depict", "contain", "include", "be", "have"}
_ROLES = ("nsubj", "nsubjpass", "dobj", "obj")
_CLASS = re.compile(r"\bone\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def narrative_count(doc: Doc, fig: Figure) -> bool:
    """True for a small count in words (two to nine) that only tells the story: nothing happens to
    what it counts and nothing sets it against other counts. A hedged count ("at least five") was
    measured by someone and stays a figure."""
    number = _number_token(doc, fig)
    if number is None or fig.qualifier is not None:
        return False
    text = doc.text
    if CONTRAST.match(text[number.idx + len(number.text) : number.idx + len(number.text) + 20]):
        return False  # "four more sites", "three other staff members"
    if _CLASS.search(text[max(0, fig.start - 16) : fig.start]):
        return True  # "one of two main parties": a class, not a count
    counted = _counted_noun(number)
    return not any(v.lemma_.lower() not in _TELLING for v in _events(counted))


def _number_token(doc: Doc, fig: Figure) -> Token | None:
    """The figure's number word when it is a bare small count in words ("two", not "two-thirds",
    "three-month" or "three million")."""
    if fig.unit in ("fraction", "percent") or "-" in fig.text or not fig.text.split():
        return None
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.lower_ in _WORDS]
    if len(words) != 1 or words[0].i != span[-1].i:
        return None  # a scale ("three million") or a noun read with the number ("seven hours")
    return words[0]


def _counted_noun(number: Token) -> Token:
    """The noun a number counts ("three Filipinos", "two of their boats"), else the number itself."""
    if number.dep_ == "nummod" and number.head.pos_ in ("NOUN", "PROPN"):
        return number.head
    return number


def _events(tok: Token) -> list[Token]:
    """The verbs that say what happens to or is done by a counted noun: the verb it is the subject
    or object of, and a clause that modifies it ("people killed", "ships that were deployed")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        tok = tok.head  # "four men and seven women were killed": the first conjunct has the verb
    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")]
    if tok.dep_ in _ROLES and tok.head.pos_ in ("VERB", "AUX"):
        verbs.append(tok.head)
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        verbs.append(tok.head.head)  # "injured by two landmines"
    return verbs
