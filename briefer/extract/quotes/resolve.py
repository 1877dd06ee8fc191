"""From the words naming a speaker to a name: pronouns, relatives, titles, short names.

Each function here is one rule of `rules.RESOLVE` or `rules.BINDING` (the order is decided
there): it takes the `Reading` and the head token of the speaker's words and returns
(speaker name, role), None when it does not apply, or `NOBODY`. Short names become the full
name the text gave earlier ("Peou" -> "Yang Peou"); a he/she the person it stands for, in the
gender the text shows (`referents`, `gender`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.extract.quotes import gender
from briefer.extract.quotes.base import NOBODY
from briefer.extract.quotes.lexicon import (
    CLAIMS,
    DOCUMENTS,
    FIRST_PERSON,
    NAMED,
    PERSONAL,
    RELATIVE,
    SUBJECTS,
    TITLES,
)
from briefer.extract.quotes.names import (
    antecedent_of,
    appositive,
    name,
    phrase,
    role,
    text,
    titled_person,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefer.extract.quotes.reading import Reading

Named = tuple[str | None, str | None]


def apposed_name(head: Token) -> Token | None:
    """The name in apposition to a noun that names nobody ("an aide, Pavel Orlov"): the
    words a reader sees for the speaker."""
    appos = appositive(head)
    if appos is None or appos.pos_ != "PROPN":
        return None
    named = head.pos_ == "PROPN" or head.ent_type_ in NAMED or head.lower_ in PERSONAL or (
        head.lower_ in RELATIVE or titled_person(head) is not None)
    return None if named else appos


# --- binding (before resolution) --------------------------------------------------------------


def bound_pronoun(pronoun: Token, r: Reading) -> Token | None:
    """The subject a pronoun in a relative clause stands for: in "The Port Vell
    council is fighting what they call ..." the council does the calling. Only for
    "he"/"she" with a person, the same "he"/"she", and "they" with a group."""
    kind = PERSONAL.get(pronoun.lower_)
    verb = pronoun.head
    if kind not in ("person", "group") or pronoun.dep_ not in SUBJECTS or not (
            verb.dep_ == "relcl" or any(c.tag_ in ("WP", "WDT") for c in verb.children)):
        return None
    for anc in verb.ancestors:
        for child in anc.children:
            if child.dep_ not in SUBJECTS or child.i >= pronoun.i or r.inside[child.i]:
                continue
            if child.lower_ == pronoun.lower_ and verb.dep_ == "relcl":
                return child  # "He did not withdraw the posts in which he called ...": one man
            return child if _binds(child, kind) else None
    return None


def remark_maker(head: Token, r: Reading) -> Token | None:
    """A that/which on a remark or a document someone made stands for its maker: "Moor made
    a remark that called the owners “pirates”"; "it prompted Moor to issue a statement
    that ..." (the maker is the one prompted)."""
    if head.lower_ not in RELATIVE or head.head.dep_ != "relcl":
        return None
    noun = head.head.head
    if noun.lemma_.lower() not in CLAIMS | DOCUMENTS or noun.dep_ != "dobj":
        return None
    verb = noun.head
    makers = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not makers and verb.dep_ == "xcomp":  # "prompted Moor to make a remark"
        makers = [c for c in verb.head.children if c.dep_ == "dobj"]
    if not makers or r.inside[makers[0].i] or makers[0].lower_ in RELATIVE:
        return None
    return makers[0]


def _binds(subject: Token, kind: str | None) -> bool:
    """True when a governing subject can be what a he/she (`kind` "person") or a they
    ("group") stands for."""
    if kind == "person":
        return subject.ent_type_ == "PERSON" or titled_person(subject) is not None
    return subject.ent_type_ in ("ORG", "NORP", "GPE") or (
        subject.pos_ == "NOUN" and subject.ent_type_ != "PERSON")


def modified_noun(head: Token, r: Reading) -> Token | None:
    """A place or nationality word found as the speaker stands for the noun it qualifies:
    "“...,” said the Ostravian foreign minister" is the minister's, not "Ostravian"'s."""
    noun = head.head
    if head.ent_type_ == "PERSON" or head.dep_ not in ("amod", "compound", "nmod") or not (
            head.ent_type_ in ("NORP", "GPE") or head.pos_ == "ADJ"):
        return None
    if noun.i <= head.i or noun.pos_ not in ("NOUN", "PROPN") or r.inside[noun.i]:
        return None
    return noun if all(t.is_alpha for t in r.doc[head.i + 1:noun.i]) else None


# --- resolution rules -----------------------------------------------------------------------


def first_person(r: Reading, head: Token) -> Any:
    """An I or a we names the writer, whom the text does not name: no speaker."""
    return NOBODY if head.lower_ in FIRST_PERSON else None


def _relative(head: Token) -> bool:
    return head.lower_ in RELATIVE and (head.head.dep_ == "relcl" or head.lower_ in ("who", "which"))


def relative_antecedent(r: Reading, head: Token) -> Named | None:
    """A who/which/that takes the name the relative clause hangs on ("A, B and C, who joked":
    C)."""
    if not _relative(head) or head.head.dep_ != "relcl":
        return None
    governor = head.head.head
    if governor.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return r.resolve(antecedent_of(governor)).value  # type: ignore[no-any-return]


def noun_before_relative(r: Reading, head: Token) -> Any:
    """A who/which the parse hung on a verb takes the noun just before it ("the Harbour
    Office which reported")."""
    if not _relative(head):
        return None
    i = head.i - 1
    if i >= 0 and r.doc[i].text == ",":
        i -= 1
    if i < 0 or r.doc[i].pos_ not in ("NOUN", "PROPN") or r.inside[i]:
        return NOBODY
    noun = r.doc[i]
    while noun.dep_ in ("compound", "flat") and noun.head.i > noun.i:
        noun = noun.head
    return r.resolve(noun).value


def pronoun(r: Reading, head: Token) -> Any:
    """A he/she names the last person before it that agrees in gender (a surname two people
    share: the one of that gender); an it/they the last subject agreeing in number."""
    low = head.lower_
    if low not in PERSONAL:
        return None
    pick = r.names.antecedent(head)
    if pick is None:
        return NOBODY
    full = r.names.full(pick.name, pick.start)
    fit = r.names.fitting(pick, gender.of_pronoun(low))
    if len(fit) == 1 and fit[0] != full:
        return fit[0], r.names.role_named(fit[0])  # "Clinton ... he" -> Bill Clinton
    return full, r.names.role_of(pick)


def titled_name(r: Reading, head: Token) -> Named | None:
    """A title the parse made the subject names the person after it, with the title as the
    role ("Ambassador to Cambodia William Heidt")."""
    titled = titled_person(head)
    if titled is None:
        return None
    who, title = titled
    return r.names.full(name(who), who.idx), title


def title(r: Reading, head: Token) -> Named | None:
    """A title with no name is the speaker as written ("the Secretary of State")."""
    if head.lower_ in TITLES and head.ent_type_ != "PERSON":
        return phrase(head), None
    return None


def proper_name(r: Reading, head: Token) -> Named | None:
    """A name is the fullest name the text gave that ends with it, never one of the other
    gender than its honorific ("Mr. Obama" is not "Michelle Obama")."""
    if head.pos_ == "PROPN" or head.ent_type_ in NAMED:
        full = r.names.full(name(head), head.idx, gender.honorific(head))
        return full, role(head) or r.names.role_named(full)
    return None


def apposed(r: Reading, head: Token) -> Named | None:
    """A noun with a name in apposition is that name, the noun its role ("an aide, Pavel
    Orlov")."""
    appos = appositive(head)
    if appos is not None and appos.pos_ == "PROPN":
        return r.names.full(name(appos), appos.idx), phrase(head)
    return None


def document_owner(r: Reading, head: Token) -> Named | None:
    """A document that speaks speaks for the name that owns it: "the IMF report stated" is
    the IMF's, "Lena Moor's letter said" Lena Moor's."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in DOCUMENTS:
        return None
    owners = [c for c in head.children if c.dep_ in ("compound", "poss") and (
        c.pos_ == "PROPN" or c.ent_type_ in NAMED) and not r.inside[c.i]]
    if not owners:
        return None
    return r.resolve(owners[-1]).value  # type: ignore[no-any-return]


def noun_phrase(r: Reading, head: Token) -> Named:
    """Any other subject is the speaker as written ("Embassy spokesperson", "experts")."""
    appos = appositive(head)
    return phrase(head), text(appos) if appos is not None else None
