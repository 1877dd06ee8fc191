"""Cues: the words that introduce what someone said, and what kind of report each makes.

A cue is a speech verb ("said", "welcomed ... as", "citing"), "according to", or a noun that
reports a named owner's words ("Rubio's claim that ..."). `candidates` picks the tokens of a
Doc that may be cues (and the subjects) from its arrays; `is_cue` decides for one token, leaving
out verbs in a sense that reports nothing ("called for", "add to"). Pure functions of parsed
tokens (the word lists are `briefer.extract.quotes.lexicon`); `speaker` finds who a cue names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.extract.quotes.lexicon import (
    CLAIMS,
    CUES,
    NAMED_OWNERS,
    SAID,
    SUBJECTS,
    SUBORDINATORS,
    TALKING,
    TOPICS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

def candidates(doc: Doc) -> tuple[list[Token], list[Token]]:
    """The tokens that may be cues (a cue lemma or word) and those that are subjects, picked
    from the Doc's arrays so that only they become Token objects."""
    import numpy as np
    from spacy.attrs import DEP, LEMMA, LOWER

    strings = doc.vocab.strings
    arr = doc.to_array([LEMMA, LOWER, DEP])
    lemmas = [h for h in np.unique(arr[:, 0]).tolist() if _cue_lemma(strings, h)]
    words_ = [strings[w] for w in (*SAID, "according")]  # hashes; the store is not changed
    deps = [strings[d] for d in SUBJECTS]
    cues = np.flatnonzero(np.isin(arr[:, 0], lemmas) | np.isin(arr[:, 1], words_)).tolist()
    subjects = np.flatnonzero(np.isin(arr[:, 2], deps)).tolist()
    return [doc[i] for i in cues], [doc[i] for i in subjects]


_CUE_LEMMAS: dict[int, bool] = {}  # lemma hash -> is a cue lemma (hashes are the same in every Doc)


def _cue_lemma(strings: Any, h: int) -> bool:
    known = _CUE_LEMMAS.get(h)
    if known is None:
        known = strings[h].lower() in CUES or strings[h].lower() in TALKING
        if len(_CUE_LEMMAS) < 500_000:  # bounded: a huge corpus does not grow it for ever
            _CUE_LEMMAS[h] = known
    return known


def is_cue(tok: Token) -> bool:
    """True for a speech verb ("said", "welcomed", "citing") or "according (to)"."""
    if according(tok) or tok.lower_ in SAID:
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    return (lemma in CUES and _not_idiom(tok)) or (lemma in TALKING and talks(tok))


def talks(tok: Token) -> bool:
    """True for a verb of talking with its topic: "spoke of “a new era”", "went on about
    “the rigged system”" (not "spoke to the press", "went on a trip")."""
    parts = {c.lower_ for c in tok.children if c.i > tok.i and c.dep_ in ("prt", "prep")}
    if tok.lemma_.lower() == "go":
        return "on" in parts and "about" in parts
    return bool(parts & TOPICS)


def _not_idiom(tok: Token) -> bool:
    """False for a cue verb used in a sense that reports nothing ("called for", "add to")."""
    lemma = tok.lemma_.lower()
    objects = [c.i for c in tok.children if c.dep_ in ("dobj", "oprd")]
    parts = {c.lower_ for c in tok.children if c.i > tok.i and (c.dep_ == "prt" or (
        c.dep_ == "prep" and not any(o < c.i for o in objects)))}  # not "called X a Y for Z"
    if lemma == "put":
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in tok.children)
    if lemma == "call" and parts & {"for", "off", "up", "in"}:
        return False
    if lemma == "conclude" and "with" in parts:
        return False  # "the video closes with a clip of ..."
    return not (lemma == "add" and "to" in parts)


def claim(tok: Token) -> bool:
    """True for a noun that reports someone's words and names its owner: "Rubio's claim that
    there have been “hundreds of foreign ships”"."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIMS and owner(tok) is not None


def owner(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_ in NAMED_OWNERS):
            return child
    return None


def according(tok: Token) -> bool:
    """True for the "according" of "according to X"."""
    return tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children)


def according_object(tok: Token) -> Token | None:
    """The X of "according to X"."""
    for to in tok.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def cue_text_of(cue: Token) -> str:
    """The cue as written, with its particle ("pointed out")."""
    parts = [c for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *(p.text for p in parts)]) if parts else cue.text


def subordinate(cue: Token) -> bool:
    """True for a cue in an adverbial clause of time or cause: “...,” when Moor raised the
    berths (the quote is not what Moor said)."""
    return cue.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in cue.children)


def demonstrative(tok: Token) -> bool:
    """True for a bare "that" or "this": no speaker, though the parse may make it the subject
    of the verb a cue hangs on ("Her brief said that was wrong and dismissed ... as “...”")."""
    return tok.lower_ in ("that", "this") and tok.tag_ == "DT" and tok.n_lefts + tok.n_rights == 0


def wordy(tok: Token) -> bool:
    """True for a token with a letter or digit (not a dash the parse made a subject)."""
    return any(ch.isalnum() for ch in tok.text)


def has_mark(text: str) -> bool:
    """True when a token is or holds a double quote mark."""
    return any(ch in text for ch in "\"“”«»") or text in ("''", "``")
