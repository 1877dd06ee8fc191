"""Grammar a word-for-word translation leaves behind, read from the parse: an adjective standing
where the verb wants an adverb ("decided preliminary that ..." for "made a preliminary
determination that ..."), and a preposition left without its object before another one ("reduced
migration to through the gap"), a compound split before its hyphen ("third -party trade"), a
name joined to itself ("Nordic and Nordic officials"), sentences run together ("next month.The
Commission"), a percentage run into the next word ("38.1%of cars"), the source language left in
brackets ("[con el SPD]") and a capitalised "The" mid-sentence. Careful prose has none;
all are signs of machine-translated or re-translated text (`briefer.extract.spun`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Anomaly = tuple[int, int, str]

# adjectives that are quantities and stand as objects in careful prose ("spent much of the year",
# "did little to help", "won enough of the votes")
QUANTITIES = frozenset("""much many several little enough few more most less least extra plenty various
    numerous all same both half""".split())
# words that are verb particles as often as prepositions ("handed it over in 1999", "reining
# them in because of"): left without an object they belong to the verb
PARTICLES = frozenset("""in on out up off down over back around round about along through by across away
    aside ahead behind under past apart together""".split())
WH_TAGS = {"WDT", "WP", "WP$"}


def adjective_objects(doc: Doc) -> Iterator[Anomaly]:
    """An adjective parsed as the object of the verb just before it and followed by a clause
    ("The board decided provisional that ..."): an adverb or noun phrase a translation flattened
    into an adjective. Quantities ("did little to") are objects in their own right."""
    for tok in doc[1:-1]:
        nxt = doc[tok.i + 1]
        if tok.tag_ == "JJ" and tok.dep_ == "dobj" and tok.head.i == tok.i - 1 and tok.head.pos_ == "VERB" \
                and tok.lower_ not in QUANTITIES and nxt.dep_ == "mark":
            yield tok.head.idx, nxt.idx, "an adjective where an adverb belongs"


def stranded_prepositions(doc: Doc) -> Iterator[Anomaly]:
    """A preposition with no object right before another preposition that has one, in a clause
    whose verb has its own object ("The plan cut costs to through the year"). A preposition left
    at the end of a relative clause or question ("the law they referred to in May", "which it
    pointed to as proof") belongs to a verb whose object is the moved word, and particles
    ("handed it over in 1999") belong to the verb: neither is counted."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.tag_ == "IN" and tok.dep_ == "prep" and not list(tok.children) \
                and tok.lower_ not in PARTICLES and nxt.tag_ == "IN" and nxt.dep_ == "prep" \
                and any(c.dep_ == "pobj" for c in nxt.children) and _own_object(tok.head):
            yield tok.idx, nxt.idx + len(nxt), "a preposition without its object"


def _own_object(verb: Token) -> bool:
    """The verb has a direct object of its own (not a relative or question word)."""
    return any(c.dep_ == "dobj" and c.tag_ not in WH_TAGS for c in verb.children)


# "third -party", "high -level": a detokenizer's space before a compound's hyphen (a dash has a
# space on both sides, a list marker starts its line)
SPACED_HYPHEN = re.compile(r"\b[a-z]{2,} -[a-z]{2,}\b")
# "Nordic and Nordic officials": a translation that gave two different names one rendering
# ("Nordic and Nordic-held isles" is two names)
DOUBLED_NAME = re.compile(r"\b([A-Z][a-z]{2,}) and \1\b(?!-)")


def _each(pattern: re.Pattern[str], doc: Doc, reason: str) -> Iterator[Anomaly]:
    """One anomaly for every match of `pattern` in the text."""
    for m in pattern.finditer(doc.text):
        yield m.start(), m.end(), reason


def _habit(pattern: re.Pattern[str], doc: Doc, least: int, reason: str) -> Iterator[Anomaly]:
    """One anomaly, spanning them all, when `pattern` matches `least` times or more: a page's
    habit, where one match is a typo."""
    found = list(pattern.finditer(doc.text))
    if len(found) >= least:
        yield found[0].start(), found[-1].end(), reason


def spaced_hyphens(doc: Doc) -> Iterator[Anomaly]:
    """A compound written with a space before its hyphen and none after ("third -party")."""
    return _each(SPACED_HYPHEN, doc, "a compound split before its hyphen")


def doubled_names(doc: Doc) -> Iterator[Anomaly]:
    """The same capitalised word on both sides of "and" ("Nordic and Nordic officials")."""
    return _each(DOUBLED_NAME, doc, "a name joined to itself")


# A sentence's last word, its stop and the next sentence with no space between ("next month.The
# Commission"): a page whose paragraphs a translation engine or a scraper ran together. One such
# seam is a typo or a lost link ("on Twitter.Neil"); two make the page's habit.
RUN_ON = re.compile(r"\b[a-z]{2,}[.!?][A-Z][a-z]+(?=[\s,])")
RUN_ON_PAGE = 2
# a percentage run into the word after it ("38.1%of electric vehicles")
GLUED_PERCENT = re.compile(r"\d%[a-z]{2,}\b")


def run_on_sentences(doc: Doc) -> Iterator[Anomaly]:
    """Sentences run together with no space after the stop, RUN_ON_PAGE times or more: one sign."""
    return _habit(RUN_ON, doc, RUN_ON_PAGE, "sentences run together")


def glued_percents(doc: Doc) -> Iterator[Anomaly]:
    """A percentage with no space before the next word ("21%tariffs"): one sign a page."""
    return islice(_each(GLUED_PERCENT, doc, "a percentage run into the next word"), 1)


# function words of the languages English pages are most often machine-translated from
_FOREIGN = (r"(?:de|la|el|con|del|los|las|le|les|du|des|da|do|dos|das|il|di|della|und|der|die|den|y|et|en|"
            r"por|para|sur|avec|dans|pour)")
# "... the support of the Executive Committee [de la CDU]": the source language left in brackets
FOREIGN_BRACKET = re.compile(rf"\[(?=[^\]\n]{{3,40}}\])[^\]\n]*\b{_FOREIGN}\b[^\]\n]*\]")
# "a historic result with 20% of The votes": an article capitalised in mid-sentence
CAPITAL_ARTICLE = re.compile(r"(?<=[a-z,] )The (?=[a-z]{3,})")


def foreign_brackets(doc: Doc) -> Iterator[Anomaly]:
    """Words of another language in brackets inside an English sentence: what a translation
    engine left of its source ("[con el SPD]")."""
    return _each(FOREIGN_BRACKET, doc, "untranslated words in brackets")


def capital_articles(doc: Doc) -> Iterator[Anomaly]:
    """ "The" with a capital inside a sentence before a common word ("20% of The votes")."""
    return _each(CAPITAL_ARTICLE, doc, "a capitalised 'The' in mid-sentence")


# U+2011, the non-breaking hyphen, inside words ("third‑party", "450‑million‑strong"): what chat
# models write for a compound's hyphen; keyboards and newsroom systems write U+002D
NONBREAKING_HYPHEN = re.compile(r"\w\u2011\w")
NONBREAKING_PAGE = 2


def nonbreaking_hyphens(doc: Doc) -> Iterator[Anomaly]:
    """Compounds joined by U+2011, twice or more on a page: one sign of machine-written text."""
    return _habit(NONBREAKING_HYPHEN, doc, NONBREAKING_PAGE, "non-breaking hyphens in compounds")
