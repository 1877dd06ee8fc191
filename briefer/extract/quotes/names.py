"""Names, roles and mentions: who the words of a subject name.

Pure helpers over spaCy tokens: the proper name around a token without its titles
("Pete Hegseth"), the role the text gives it ("a Cambodian political analyst"), the words of
a mention, and repairs for subjects a parse gets wrong (a dateline, a noun read as a verb).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.extract.quotes.lexicon import (
    AUTHORING,
    DATELINE_DASHES,
    DOCUMENTS,
    NAME_TITLES,
    NAMED,
    PERSONAL_PRONOUNS,
    RELATIVE,
    SPEAKING,
    SUBJECTS,
    TITLES,
)
from briefer.extract.spans import doc_ents, ent_at, per_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Person:
    """Someone or something named as a subject or a person: name, role, where."""

    name: str
    role: str | None
    start: int
    subject: bool
    human: bool = True
    plural: bool = False
    body: bool = False  # an organisation or a people: a "they" may stand for it


def issuer(subject: Token) -> Token:
    """Who issued a document that speaks: "the Council issued a statement calling ..." ->
    the Council."""
    noun = subject
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        noun = subject.head.head
    if noun.lemma_.lower() in DOCUMENTS and noun.dep_ == "dobj":
        issuers = [c for c in noun.head.children if c.dep_ in SUBJECTS]
        if issuers:
            return issuers[0]
    return author(subject)


def author(noun: Token) -> Token:
    """The named author of a document in a clause on it: "a letter Lena Moor sent to
    the owners" -> Lena Moor (not "a report the newspaper obtained": obtaining is no authoring)."""
    if noun.lemma_.lower() not in DOCUMENTS:
        return noun
    for clause in noun.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in AUTHORING:
            for sub in clause.children:
                if sub.dep_ == "nsubj" and (sub.pos_ == "PROPN" or sub.ent_type_ in NAMED):
                    return sub
    return noun


def misread(subject: Token, verb: Token) -> Token:
    """The person a misparsed subject hides: in "expert Gregory Poling at the CSIS think
    tank said" the parse reads "think" as a verb ("Poling think") and "tank" as the subject
    of "said"; a verb right before the subject that disagrees with its own proper-name
    subject is part of a noun, and that name is the speaker."""
    if subject.pos_ != "NOUN" or subject.ent_type_ == "PERSON":
        return subject
    before = subject.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    if before is None or before.tag_ not in ("VB", "VBP") or verb.head.i != before.i:
        return subject
    names = [c for c in before.children if c.dep_ in SUBJECTS and c.ent_type_ == "PERSON"
             and c.tag_ == "NNP" and c.i < before.i]
    return names[0] if names else subject


def undated(subject: Token) -> Token:
    """A dateline parsed as the subject ("PHNOM PENH -- Prime Minister Hun Manet ... said") gives way
    to the name in apposition."""
    nxt = subject.doc[subject.i + 1] if subject.i + 1 < len(subject.doc) else None
    if not subject.text.isupper() or nxt is None or nxt.text not in DATELINE_DASHES:
        return subject
    names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return names[0] if names else subject


def antecedent_of(noun: Token) -> Token:
    """The member of a list a relative clause hangs on: "A, B and C, who joked" -> C."""
    conjs = [c for c in noun.conjuncts if c.i > noun.i]
    return conjs[-1] if conjs else noun


def name_run(toks: list[Token]) -> Token | None:
    """The head of the first name-like run in `toks` ("Tulsa police Chief Chuck Jordan")."""
    run: list[Token] = []
    for tok in toks:
        if tok.ent_type_ in ("DATE", "TIME") or tok.is_space:
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and any(ch.isalnum() for ch in tok.text) or (
                tok.is_alpha and tok.is_title):  # not a "." the parse calls a noun
            run.append(tok)
        elif run or not (tok.is_punct or tok.pos_ == "DET"):
            break
    if not run or (run[-1].pos_ == "PRON" and run[-1].lower_ not in PERSONAL_PRONOUNS):
        return None
    return run[-1]


def person(ent: Span, inside: list[bool]) -> Person | None:
    """A `Person` for a PERSON entity outside quotes, with the role the text gives; a
    subject (what a later "he" or "she" looks back to first) when it is the subject or
    owns the subject of its sentence ("Moor's plan won her the vote, and she ...")."""
    if ent.label_ != "PERSON" or inside[ent.start]:
        return None
    head = ent.root
    full = person_name(ent)
    if not full:
        return None
    owner = head.dep_ == "poss" and head.head.dep_ in SUBJECTS and head.head.head.dep_ == "ROOT"
    return Person(full, role(head), ent.start_char, head.dep_ in SUBJECTS or owner)


def plural(noun: Token) -> bool:
    """True for a plural noun or a list of nouns ("officials", "Moor and Hale")."""
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


def can_speak(noun: Token) -> bool:
    """True for a noun that can say something: a name, an official, a statement."""
    return noun.pos_ == "PROPN" or noun.ent_type_ in NAMED or noun.lemma_.lower() in SPEAKING


def mention(head: Token) -> Span:
    """The words naming the speaker: the head with its compounds, titles and determiners."""
    doc = head.doc
    start, end = head.i, head.i + 1
    ent = ent_at(doc, head.i)
    if ent is not None:
        start, end = ent.start, ent.end
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "flat"):
            start = min(start, child.left_edge.i)
    for tok in doc[start:head.i]:
        if "\n" in tok.text_with_ws:
            start = tok.i + 1
    return doc[start:end]


def name(head: Token) -> str:
    """The proper name around `head`, without titles: "Pete Hegseth", "Burman"."""
    doc = head.doc
    ent = ent_at(doc, head.i) if head.ent_type_ in ("PERSON", "ORG") else None
    if ent is not None and head.ent_type_ == "PERSON":
        return person_name(ent) or head.text
    if ent is not None and ent.label_ == "ORG":  # "the Association of Flight Attendants"
        toks = [t for t in ent if t.tag_ != "POS"]
        while toks and toks[0].dep_ == "det":
            toks = toks[1:]
        if toks and toks[-1].i >= head.i:
            return strip_titles(toks)
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in (
            head.i, start):
        start -= 1
    end = head.i + 1
    while end < len(doc) and doc[end].dep_ == "flat" and doc[end].head.i == head.i:
        end += 1
    toks = [t for t in doc[start:end] if t.tag_ != "POS"]
    return strip_titles(toks) or head.text


def strip_titles(toks: list[Token]) -> str:
    """Join name tokens, dropping leading titles ("President", "Mr.")."""
    parts = [t.text for t in toks if not t.is_space]
    while len(parts) > 1 and (parts[0].lower() in NAME_TITLES or not parts[0][0].isalnum()):
        parts = parts[1:]
    return " ".join(parts).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def person_name(ent: Span) -> str:
    """The name a PERSON entity gives, without titles, nor a place glued to the front of a
    name of three words or more ("Bangkok, Thailand Lena Moor said", where the text names
    Thailand as a place elsewhere)."""
    toks = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s")]
    while len(toks) > 1 and (toks[0].lower_ in NAME_TITLES or not toks[0].text[0].isalnum()):
        toks = toks[1:]
    if len(toks) > 2 and toks[0].text in places(ent.doc):
        toks = toks[1:]
    return strip_titles(toks)


def places(doc: Doc) -> frozenset[str]:
    """The one-word names the text gives places (GPE entities), found once per Doc."""
    return per_doc(doc, "places", lambda: frozenset(  # type: ignore[no-any-return]
        e.text for e in doc_ents(doc) if e.label_ == "GPE" and len(e) == 1))


def titled_person(head: Token) -> tuple[Token, str] | None:
    """For a title parsed as the subject ("Ambassador to Cambodia William Heidt"), return
    the person's name token and the title."""
    if head.lower_ not in TITLES or head.ent_type_ == "PERSON":
        return None
    for tok in head.subtree:
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and tok.dep_ != "compound":
            ent_start = min(t.i for t in tok.subtree if t.ent_type_ == "PERSON")
            title = head.doc[head.i:ent_start].text.strip(" ,")
            return tok, title
    return None


def appositive(head: Token) -> Token | None:
    """The appositive after a name ("Yang Peou, a Cambodian political analyst"), not an age
    ("Hun Sen, 65,")."""
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ != "NUM":
            return child
    return None


def role(head: Token) -> str | None:
    """The role the text gives a named person: an appositive, else the title before the name."""
    appos = appositive(head)
    if appos is not None:
        return text(appos)
    doc = head.doc
    name_start = head.i
    while name_start > 0 and doc[name_start - 1].pos_ == "PROPN" and doc[
            name_start - 1].lower_ not in TITLES and doc[name_start - 1].head.i == head.i:
        name_start -= 1
    lefts = [t for t in doc[head.left_edge.i:name_start] if t.dep_ != "det" and t.tag_ != "POS"]
    if not lefts or lefts[-1].is_punct or any(t.is_space for t in lefts):
        return None
    found = " ".join(t.text for t in lefts).strip()
    after = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("at", "of", "from")]
    if found and after:
        found += " " + text(after[0])
    return found or None


def phrase(head: Token) -> str:
    """A common-noun speaker without its determiner: "Embassy spokesperson", "experts",
    "notice in the Federal Register"."""
    span = mention(head)
    dropped = {t.i for c in head.lefts if c.dep_ == "det" or (c.dep_ == "poss" and c.tag_ ==
               "PRP$") for t in c.subtree}  # "the", "her"; kept: "the senator's"
    pieces: list[str] = []
    for tok in span:
        if tok.i in dropped or tok.is_punct:
            continue
        if tok.tag_ == "POS" and pieces:
            pieces[-1] += tok.text  # "the senator's", not "the senator 's"
        else:
            pieces.append(tok.text)
    out = " ".join(pieces) or head.text
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "at", "from", "for"):
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objs:
                return f"{out} {text(child)}"
    return out


def text(tok: Token) -> str:
    """The text of a token's subtree, without surrounding punctuation."""
    span = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    return span.text.strip(" ,;:—–-\n").strip()
