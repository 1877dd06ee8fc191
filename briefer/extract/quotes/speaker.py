"""From a cue to the words that name its speaker.

Each function here is one rule of `rules.CUE_SPEAKER`, `rules.SUBJECT`, `rules.CLIMB` or
`rules.REPAIRS` (the order is decided there). A rule takes the `Reading` and the cue token
(a climb step also the verb it has climbed to) and returns the head token of the speaker's
words, None when it does not apply, or `NOBODY`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.extract.quotes.base import NOBODY, Found
from briefer.extract.quotes.cues import (
    according,
    according_object,
    claim,
    demonstrative,
    is_cue,
    owner,
    wordy,
)
from briefer.extract.quotes.lexicon import DATELINE_DASHES, SUBJECTS, TARGETED, TITLES
from briefer.extract.quotes.names import (
    author,
    can_speak,
    issuer,
    misread,
    name_run,
    undated,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefer.extract.quotes.reading import Reading

CLIMB = ("xcomp", "advcl", "conj", "pcomp", "ccomp")  # a cue's verb hangs on another verb
CLIMB_STEPS = 4
FINITE = ("VBD", "VBZ", "VBP")


# --- what kind of cue -------------------------------------------------------------------------


def according_to(r: Reading, cue: Token) -> Any:
    """"according to X" names X (the author of a document X: "according to a speech Hun
    Manet delivered")."""
    if not according(cue):
        return None
    head = according_object(cue)
    return NOBODY if head is None else author(head)


def quoted_as_saying(r: Reading, cue: Token) -> Token | None:
    """"X quoted Y as saying ..." names Y: the words are Y's, X only passes them on."""
    if cue.tag_ == "VBG" and cue.head.lower_ == "as":
        cue = cue.head.head  # the cue found was "saying"
    if cue.lemma_.lower() != "quote" or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(
                g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG" for g in c.children)
            for c in cue.children):
        return None
    said = [c for c in cue.children if c.dep_ == "dobj" and not r.inside[c.i]]
    return said[0] if said else None


def claim_owner(r: Reading, cue: Token) -> Token | None:
    """A reporting noun names its owner: "Rubio's claim that ..."."""
    return owner(cue) if claim(cue) else None


def speech_verb(r: Reading, cue: Token) -> Found | None:
    """A speech verb names its subject (`rules.SUBJECT`)."""
    return r.subject_of(cue)


# --- the subject of a speech verb -------------------------------------------------------------


def beside_closing_mark(r: Reading, cue: Token) -> Token | None:
    """The name next to a cue that follows a closing quote mark: “...,” said Poling; “...,”
    Peou, an analyst, said (not a possessor: “...,” Hun Manet’s aide, Sok Mealea, said)."""
    doc = r.doc
    if cue.i > 0 and r.closes(doc[cue.i - 1]):
        after = list(doc[cue.i + 1:min(cue.i + 9, len(doc))])
        return _titled_after(after) or _inverted_subject(cue, name_run(after))
    left: list[Token] = []
    for tok in reversed(doc[max(cue.sent.start, cue.i - 14):cue.i]):
        if tok.tag_ in ("WDT", "WP"):
            return None  # "the “illegal” deal, which it criticized as ...": a clause of its own
        if r.closes(tok):
            named = [t for t in left if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"
                     and not _owns(_name_head(t))]
            if named:  # “...,” IMF chief economist P.-O. Gourinchas said (not "Hun Manet’s aide")
                return named[-1]
            found = name_run(left) if left else None
            if found is not None and found.dep_ == "poss" and found.head in left:
                return found.head  # “...,” Hun Manet’s aide said: the aide
            return found
        if r.inside[tok.i] or tok.is_space or tok.text in ".;:" or (
                tok.pos_ in ("VERB", "AUX") and not tok.is_title):
            return None
        left.insert(0, tok)
    return None


def _name_head(tok: Token) -> Token:
    """The head of the name `tok` is part of ("Hun" -> "Manet" in "Hun Manet")."""
    while tok.dep_ in ("compound", "flat") and tok.head.ent_type_ == "PERSON" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _owns(head: Token) -> bool:
    """True for a name that only qualifies a noun: a possessor, a compound ("Hun Manet’s
    aide", "the Rubio campaign")."""
    return head.dep_ in ("compound", "poss") and head.head.ent_type_ != "PERSON"


def _titled_after(toks: list[Token]) -> Token | None:
    """The name after the title an inverted cue opens with: “...,” said U.S. Secretary of State
    [Marco Rubio] (not "Secretary", nor "U.S.")."""
    if not toks or toks[0].ent_type_ == "PERSON":
        return None
    for tok in toks:
        if tok.is_punct or tok.pos_ in ("VERB", "AUX") or tok.is_space:
            return None
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "poss"):
            return tok if any(t.lower_ in TITLES for t in toks[:toks.index(tok)]) else None
    return None


def _inverted_subject(cue: Token, found: Token | None) -> Token | None:
    """The subject of an inverted cue where the name run stopped at a word that only
    qualifies it: “...,” said [Ostravia] harbour chief Lena Moor -> Lena Moor; “...,” said
    [Ostravia]’s Ambassador -> Ambassador."""
    if found is None or found.dep_ not in ("amod", "compound", "poss", "nmod"):
        return found
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i > found.i]
    if subjects and found in subjects[0].subtree and subjects[0].left_edge.i == cue.i + 1:
        return subjects[0]
    return found


def name_before_participle(r: Reading, cue: Token) -> Token | None:
    """A name right before a participle cue: "a clip of Castell saying ..."."""
    if cue.tag_ != "VBG" or cue.i == 0:
        return None
    before = r.doc[cue.i - 1]
    return before if before.pos_ == "PROPN" and before.ent_type_ not in ("DATE", "TIME") else None


def passive_agent(r: Reading, cue: Token) -> Any:
    """A passive "called", "urged", "praised" speaks for its agent ("has been called a
    “strongman” by his critics"), or for no one."""
    if cue.lemma_.lower() not in TARGETED or not any(c.dep_ == "nsubjpass" for c in cue.children):
        return None
    agent = [o for c in cue.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return agent[0] if agent else NOBODY


def parse_subject(r: Reading, cue: Token) -> Found | None:
    """The subject of the cue in the parse, climbing (`rules.CLIMB`, at most four steps) from a
    participle, a complement or a conjunct to the verb it hangs on, past a preposition ("after
    saying ...", "despite admitting ...")."""
    verb = cue
    for _ in range(CLIMB_STEPS):
        found = r.climb(verb, cue)
        if found is not None:
            return found
        if verb.head.i == verb.i or not (verb.dep_ in CLIMB or verb.head.pos_ == "ADP"):
            break
        verb = verb.head
        while verb.pos_ == "ADP" and verb.head.i != verb.i:
            verb = verb.head
    return None


def participle_subject(r: Reading, cue: Token) -> Token | None:
    """A participle cue the parse cut off from its verb speaks for the first named subject
    before it in the sentence: "Ms. Castell walked out of the meeting, ... adding, ''...''";
    so does a cue the participle governs ("..., going on to say that ...")."""
    if cue.dep_ == "xcomp" and cue.head.tag_ == "VBG":
        cue = cue.head
    if cue.tag_ != "VBG":
        return None
    subjects = [t for t in r.doc[cue.sent.start:cue.i] if t.dep_ in SUBJECTS
                and not r.inside[t.i] and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN")]
    return subjects[0] if subjects else None


def clause_opening_name(r: Reading, cue: Token) -> Token | None:
    """A finite cue the parse left without a subject: the name that opens its clause, past a
    dateline ("PORT VELL -- Harbour master Lena Moor, closing ..., said"; "..., Moor and
    Hale call"), else the last name before the cue with no verb between them."""
    if cue.tag_ not in FINITE:
        return None
    para = r.para[cue.i]
    toks = [t for t in r.doc[cue.sent.start:cue.i] if r.para[t.i] == para]
    dash = next((k for k, t in enumerate(toks[:4]) if t.text in DATELINE_DASHES), None)
    if dash is not None:
        toks = toks[dash + 1:]
    comma = max((k for k, t in enumerate(toks) if t.text in ",;:"), default=-1)
    for run in (toks[comma + 1:], toks[:3]):
        names = [t for t in run if t.ent_type_ == "PERSON" and not r.inside[t.i]]
        if names and all(t.pos_ in ("PROPN", "CCONJ") or t.lower_ in TITLES
                         for t in run[:run.index(names[0])]):
            return names[0]
    for tok in reversed(toks):  # "In Ostravia, Lena Moor, the chair of the board, ..., told"
        if tok.pos_ in ("VERB", "AUX") or r.inside[tok.i]:
            break
        if tok.ent_type_ == "PERSON":
            return tok
    return None


def said_name(r: Reading, cue: Token) -> Token | None:
    """A proper name right after a cue nothing else found a subject for: "And added Chea
    Sophal: “...”", "Said Peou: “...”"."""
    if cue.i + 1 < len(r.doc) and r.doc[cue.i + 1].pos_ == "PROPN":
        return name_run(list(r.doc[cue.i + 1:cue.i + 9]))
    return None


# --- one step of the climb --------------------------------------------------------------------


def verb_subject(r: Reading, verb: Token, cue: Token) -> Any:
    """The subject of the verb (repaired: `rules.REPAIRS`); not a bare "that" of a verb the
    climb reached ("X said that was ..."), nor a dash the parse made a subject."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and not r.inside[child.i] and wordy(child) and not (
                verb.i != cue.i and demonstrative(child)):
            found = r.repair(child, cue, verb)
            return NOBODY if found is None else found
    return None


def reporter_second_verb(r: Reading, verb: Token, cue: Token) -> Any:
    """A cue the parse made a conjunct of a reported clause's verb, in the tense of the
    reporting verb and not of that clause's, is a second verb of the reporter: in "He stressed
    that Port Vell has “...” and dismissed the objections as “groundless”" he dismissed them,
    not Port Vell; so is an "adding" the parse hung on the reported clause ("X said the
    plan has failed, adding ...")."""
    reporter = verb.head
    if verb.i == cue.i or cue.head.i != verb.i or verb.dep_ != "ccomp":
        return None
    if cue.dep_ == "conj" and is_cue(reporter) and cue.tag_ == _tense(reporter) != _tense(verb):
        return verb_subject(r, reporter, cue)
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.lemma_.lower() == "add":
        return verb_subject(r, reporter, cue)  # "pointed out that ..., adding": no cue needed
    return None


def _tense(verb: Token) -> str:
    """The tag of a verb's finite word: its own, or its auxiliary's ("has been": VBZ)."""
    auxes = [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE]
    return auxes[0] if auxes else verb.tag_


def by_agent(r: Reading, verb: Token, cue: Token) -> Token | None:
    """The agent of a passive verb: "the claim was made by X"."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def clause_head(r: Reading, verb: Token, cue: Token) -> Token | None:
    """A cue in a clause on a noun that can speak speaks for that noun (or its issuer): "a
    statement calling ...", "officials who said ..."."""
    if verb.dep_ in ("acl", "relcl") and can_speak(verb.head):
        return issuer(verb.head)
    return None


def participle_after_relative(r: Reading, verb: Token, cue: Token) -> Token | None:
    """A participle after a relative clause speaks for the sentence's subject: "X lost his
    temper over a builder who said ..., saying “...”" is X's."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "relcl":
        return participle_subject(r, verb)
    return None


# --- repairs of a parsed subject --------------------------------------------------------------


def dateline_subject(subject: Token, r: Reading, cue: Token, verb: Token) -> Token | None:
    """A dateline parsed as the subject gives way to the name in apposition to it."""
    found = undated(subject)
    return None if found is subject else found


def misread_noun(subject: Token, r: Reading, cue: Token, verb: Token) -> Token | None:
    """A noun read as a verb hides the name before it: "expert Gregory Poling at the CSIS
    think tank said" ("Poling think", "tank said")."""
    found = misread(subject, verb)
    return None if found is subject else found


def document_issuer(subject: Token, r: Reading, cue: Token, verb: Token) -> Token | None:
    """A document that speaks speaks for who issued or wrote it: "the Council issued a
    statement calling ..." -> the Council."""
    found = issuer(subject)
    return None if found is subject else found
