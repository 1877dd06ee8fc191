"""Key facts: sentences that state something about a theme, scored for the brief.

A fact must stand on its own: sentences that only make sense with their neighbours ("He added that
...", "It said ..."), headings, questions, garbled sentences and sentences that are mostly a quote are
left out. The score weighs theme relevance, named entities, figures, position and source quality.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefer.extract.spans import doc_sents, ents_in
from briefer.extract.themes import themes_at
from briefer.ingest.metadata import leading_dateline, statement_bounds
from briefer.model import Fact, Location, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DANGLING = {"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its",
            "but", "and", "also", "however", "meanwhile", "still", "yet", "so", "then", "there",
            # what follows from the sentence before: "Consequently, this would ...", "Accordingly, X ..."
            "accordingly", "consequently", "correspondingly", "therefore", "thus", "hence", "likewise",
            "similarly", "furthermore", "moreover", "additionally"}
QUOTE_MARKS = "\"“”«»"
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "DATE", "MONEY", "PERCENT", "CARDINAL", "LAW", "EVENT",
                 "FAC", "LOC", "QUANTITY"}
MIN_WORDS, MAX_WORDS = 7, 70
SAID_END = re.compile(r"[\"”’']\s*,?\s*(?:\w+\s){1,4}(?:said|says|added|noted|told \w+)\.$")


def facts(doc: Doc, source: Source, hits: dict[int, dict[str, int]], *, themed: bool = False
          ) -> Iterator[Fact]:
    """Yield a scored Fact for each self-contained sentence of the source (with `themed`, only
    for the sentences that match a theme)."""
    garbled = {(m.start, m.end) for m in source.garbled}
    sents = [s for s in doc_sents(doc) if any(t.is_alpha for t in s)]
    for rank, sent in enumerate(sents):
        themes = themes_at(hits, sent.start_char)
        if themed and not themes:
            continue
        span = _trim(sent)
        if span is None or (sent.start_char, sent.end_char) in garbled:
            continue
        whole = doc.text[span.start_char:span.end_char]
        start = span.start_char + leading_dateline(whole)  # "WASHINGTON (Reuters) -" is no fact
        start, end = statement_bounds(doc.text, start, span.end_char)
        text = doc.text[start:span.end_char]
        if not standalone(span, text):
            continue
        yield Fact(id="", text=doc.text[start:end], themes=themes,
                   sources=[Location(source.id, start, end)],
                   score=round(score(span, hits.get(sent.start_char, {}), rank, source.quality), 4))


def _ends(text: str) -> bool:
    """A sentence's end: a full stop or "!", or a closing quote mark, single ones after a full stop
    ("... hitting the region hard.’")."""
    return text.endswith((".", "!", "”", '"', ")")) or text.endswith(("’", "'")) and text[-2:-1] in ".!?"


def _trim(sent: Span) -> Span | None:
    """The sentence less surrounding space and a list item's leading bullet ("• Visas cancelled.")."""
    toks = [t for t in sent if not t.is_space]
    while toks and toks[0].text in BULLETS:
        toks = toks[1:]
    if not toks:
        return None
    return sent.doc[toks[0].i: toks[-1].i + 1]


BULLETS = {"•", "·", "▪", "◦", "‣", "●", "■", "-", "–", "—", "*"}


def standalone(span: Span, text: str) -> bool:
    """True when the sentence (`text`, the span less any dateline) reads on its own as a fact."""
    words = [t for t in span if not t.is_punct and not t.is_space and t.idx >= span.end_char - len(text)]
    least = MIN_SHORT if _short_but_whole(span) else MIN_WORDS
    if not (least <= len(words) <= MAX_WORDS) or text.endswith(("?", ":")):
        return False
    if not _ends(text) or not text[0].isupper():
        return False
    if _dangling(words) or _compares_back(span) or BOILERPLATE.search(text):
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        return False
    if _part_of_quote(text):
        return False
    return _quoted_share(text) < 0.5


MIN_SHORT = 5
# News boilerplate that states no fact about the story.
BOILERPLATE = re.compile(r"\b(?:respond(?:ed)?|repl(?:y|ied))\s+to\s+(?:a\s+|several\s+|multiple\s+)?requests?"
                         r"\s+for\s+comment|\bcould\s+not\s+(?:immediately\s+)?be\s+reached\b"
                         r"|\bdeclined\s+to\s+comment\b", re.I)
# A sentence may open with a connective ("However, the court ruled ...") and still stand alone.
CONNECTIVES = {"however", "meanwhile", "still", "yet", "also", "so", "then"}


def _dangling(words: list[Token]) -> bool:
    """True when the sentence leans on the one before: it opens with a pronoun or "but"/"and", a
    connective followed by a pronoun, or "X said/added" (a quote's tail)."""
    first = words[0].lower_
    if first in CONNECTIVES and len(words) > 1 and words[0].nbor().text == ",":
        return words[1].lower_ in DANGLING or _pronoun(words[1])
    if first == "it" and _expletive(words):
        return False
    return first in DANGLING or (len(words) > 1 and words[1].lower_ in {"added", "said"})


def _compares_back(span: Span) -> bool:
    """True when the subject or object is "a similar statement" / "the same demand" with nothing it
    is compared to in the sentence: it says what the sentence before said, again."""
    for adj in span:
        head = adj.head
        if adj.lower_ in ("similar", "same") and adj.dep_ == "amod" and head.dep_ in ("nsubj", "nsubjpass", "dobj") \
                and not any(c.dep_ == "prep" and c.lower_ in ("to", "as") for c in (*adj.children, *head.children)):
            return True
    return False


def _pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ not in {"everyone", "nobody", "none"}


def _expletive(words: list[Token]) -> bool:
    """ "It was unclear whether ...", "It is expected that ...": an "it" that stands for the clause
    that follows, not for something in the sentence before."""
    if len(words) < 4 or words[1].lemma_ != "be":
        return False
    rest = words[2:5]
    return any(t.pos_ in {"ADJ", "VERB"} for t in rest) and \
        any(t.lower_ in {"that", "whether", "if", "to", "how", "why", "when"} for t in words[3:6])


def _short_but_whole(span: Span) -> bool:
    """A short sentence still states a fact when a named actor does something at a date or in a
    number ("The firm discovered the field in 2015.")."""
    root = span.root
    named = any(c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ in ACTORS or c.pos_ == "PROPN")
                for c in root.children)
    dated = any(t.ent_type_ in {"DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"} for t in span)
    return root.pos_ == "VERB" and named and dated


def _part_of_quote(text: str) -> bool:
    """A sentence inside a multi-sentence quote (odd number of marks) or a quote with its cue."""
    marks = sum(text.count(m) for m in '"“”')
    return marks % 2 == 1 or bool(SAID_END.search(text))


def _quoted_share(text: str) -> float:
    inside, count = False, 0
    for ch in text:
        if ch in QUOTE_MARKS:
            inside = not inside
        elif inside:
            count += 1
    return count / max(len(text), 1)


# Verbs of decisions, status changes and acts that make news (as a sentence's main verb), across
# topics: what a government, court, army, company or person did, rather than what something is.
ACTS = frozenset("""
    accuse adopt agree allocate announce appoint approve arrest attack award ban block cancel close
    collide condemn confirm cut decide declare deny deploy designate dismiss elect end establish expand
    expel extend fire freeze fund grant halt impose inaugurate injure introduce issue kill launch lift
    lodge open order pass pledge protest publish raise ram ratify reduce reject release remove reopen
    resign resume revoke rule sanction seize sign strike summon suspend terminate veto vow warn withdraw
    erupt escalate discover create form join leave quit exit institute file sue vote collapse invade shoot
    initial broker mediate conclude endorse recognize recognise annex dissolve transfer cede restore
    lease sublease blockade evacuate abolish renounce postpone capture recapture retake occupy bomb shell
    raid detain deport abduct kidnap
    """.split())
SAYS = frozenset("say tell announce state confirm report declare".split())
ACTORS = {"PERSON", "ORG", "GPE", "NORP"}


def score(span: Span, theme_hits: dict[str, int], rank: int, quality: float) -> float:
    """Rank a fact: theme relevance, entities, figures, early position, source quality, and what
    kind of statement it is (a named actor's decision or act over a description of how things are)."""
    found = ents_in(span.doc, span.start_char, span.end_char)
    labels = [e.label_ for e in found]
    ents = {label for label in labels if label in ENTITY_LABELS}
    has_figure = any(label in {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"} for label in labels)
    has_date = "DATE" in labels
    n_words = sum(1 for t in span if t.is_alpha)
    value = 1.0
    value += 0.5 * min(sum(theme_hits.values()), 2)
    value += 0.15 * len(ents) + 0.4 * has_figure + 0.3 * has_date
    value += [1.5, 0.6, 0.3][rank] if rank < 3 else 0.0  # news leads with what matters
    value += kind_of_statement(span)
    if n_words > 45:
        value -= 0.02 * (n_words - 45)
    return max(value, 0.1) * quality


def _chained(verb: Token, depth: int = 3) -> list[Token]:
    """A verb and the verbs its action runs on through ("will seek to enable ... and create")."""
    out = [verb]
    if depth:
        for c in verb.children:
            if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB":
                out += _chained(c, depth - 1)
    return out


def kind_of_statement(span: Span) -> float:
    """Up for a decision or act as the main verb and for a named actor as its subject; down for a
    sentence that only says what something is ("The shoal is one of many features")."""
    root = span.root
    verbs = [root, *(c for c in root.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")]
    if root.lemma_.lower() in SAYS:  # "X says it is suspending the deal": what X says it does
        said = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        # "the charter states the union will seek to create a bank": what is to be done
        verbs += [w for v in said for w in _chained(v)]
    value = 0.5 if any(v.lemma_.lower() in ACTS for v in verbs) else 0.0
    if _courtesy(root):
        value -= 1.5  # never news, whatever its names and position
    if root.lemma_ == "be" and not _ranks(root):
        value -= 0.5
    if _guess(root):
        value -= 0.5
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.ent_type_ in ACTORS or s.pos_ == "PROPN" for s in subjects):
        value += 0.3
    if any(_points_back(s) for s in subjects):
        value -= 0.5
    if any(s.lower_ == "i" for s in subjects):
        value -= 1.0  # a speaker's own words (a speech, a letter): a quote without its marks
    return value


def _guess(root: Token) -> bool:
    """True when the main verb is a guess at what may happen ("the exit could raise tariffs", "the
    force might strengthen ..."), not a report of what happened or was decided; "could not" is a
    report ("officials could not confirm it")."""
    children = list(root.children)
    return any(c.dep_ == "aux" and c.lower_ in GUESSES for c in children) and \
        not any(c.dep_ == "neg" for c in children)


GUESSES = frozenset({"might", "could", "may"})


def _points_back(subject: Token) -> bool:
    """A bare "the decision", "this move", "the situation": a subject that names what the sentence
    before told, so the sentence says little on its own."""
    return subject.lemma_.lower() in ANAPHORS and all(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those", "such") for c in subject.children)


ANAPHORS = frozenset("""decision move step statement announcement situation development incident measure
    remark comment news action""".split())


def _ranks(root: Token) -> bool:
    """True when "X is ..." ranks its subject ("is the largest export market", "is the first ..."):
    a statement that sizes the subject, not a description."""
    return any(t.tag_ == "JJS" or t.lower_ in ("first", "only") for c in root.children if c.dep_ == "attr"
               for t in c.subtree)


def _courtesy(root: Token) -> bool:
    """True when the sentence thanks, welcomes, praises or recognises someone ("Trump thanked the
    leaders", "please join me in welcoming the Secretary", "recognised the team for its efforts"):
    a ceremony's courtesies. Welcoming or hailing a thing ("welcomed the ruling") is a stance, kept."""
    return any(_courteous(verb) and any(_someone(o) for o in verb.children if o.dep_ in ("dobj", "dative"))
               for verb in root.sent if verb.pos_ == "VERB" and verb.dep_ not in NOT_MAIN)


def _courteous(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in COURTESY or lemma in RECOGNISE and any(t.lower_ == "for" for t in verb.subtree)


def _someone(obj: Token) -> bool:
    """A person, body or country, or a noun for people ("the leaders", "a number of our partners"),
    not what a phrase inside the object names ("the deal between the presidents")."""
    if obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ACTORS or obj.lemma_.lower() in PEOPLE:
        return True
    return any(_someone(c) for c in obj.children if c.dep_ in ("appos", "conj", "pobj") or
               c.dep_ == "prep" and c.lower_ == "of")


COURTESY = frozenset("thank welcome congratulate commend praise hail salute applaud greet".split())
RECOGNISE = ("recognize", "recognise", "acknowledge")
PEOPLE = frozenset("""leader partner team official minister president delegation delegate guest people
    colleague friend everyone counterpart ambassador staff member participant""".split())
NOT_MAIN = {"relcl", "acl", "amod", "compound", "nmod", "csubj"}  # a verb inside a noun phrase
