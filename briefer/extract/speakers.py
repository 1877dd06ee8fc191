"""Who said it: cues, speakers and roles for the quote extractor.

`People(doc, quoted)` reads one parsed document once: the people it names (with the role the
text gives them: "Yang Peou, a Cambodian political analyst"; "Cambodian Prime Minister Hun
Manet"), the subjects of its speech verbs, and where quotes sit. `attribute` finds the cue
that introduces a quoted span and the speaker it names, resolving pronouns and short names
("he", "Peou") to the full name, and "it"/"they" to the last subject that agrees in number;
`attribution` does the same for any cue (reported speech: "X said that ...", "according to
X, ..."). What counts as a cue is `briefer.extract.cues`; name, role and mention helpers live
in `briefer.extract.names`; what a pronoun or short name stands for in
`briefer.extract.referents` (with pronoun gender from `briefer.extract.gender`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from briefer.extract import gender
from briefer.extract.cues import (
    TARGETED,
    according,
    according_object,
    candidates,
    claim,
    cue_text_of,
    demonstrative,
    has_mark,
    is_cue,
    owner,
    subordinate,
    wordy,
)
from briefer.extract.names import (
    DATELINE_DASHES,
    NAMED,
    RELATIVE,
    SUBJECTS,
    TITLES,
    Person,
    antecedent_of,
    appositive,
    author,
    can_speak,
    issuer,
    mention,
    misread,
    name,
    name_run,
    person,
    phrase,
    plural,
    role,
    strip_titles,
    text,
    titled_person,
    undated,
)
from briefer.extract.referents import PERSONAL, Referents
from briefer.extract.spans import doc_ents
from briefer.model import join_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Attribution", "People", "Person"]


DASH = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*")
CLIMB = ("xcomp", "advcl", "conj", "pcomp", "ccomp")
FIRST_PERSON = {"i", "we", "me", "us", "you"}


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, in which words, with which cue."""

    speaker: str | None
    role: str | None
    mention: tuple[int, int] | None  # character offsets of the words naming the speaker
    cue: str
    governs: bool = True  # the cue governs the quote in the parse (not just nearby)


class People:
    """The people, quotes and cues of one parsed document."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]],
                 paragraphs: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.quoted = sorted(quoted)
        self._starts = [a for a, _ in self.quoted]
        self._idx, self.inside, self.para = _positions(doc, self.quoted, paragraphs)
        found = [person(e, self.inside) for e in doc_ents(doc)]
        self.persons = [p for p in found if p is not None]
        surnames = {p.name.split()[-1] for p in self.persons}
        self.cue_words, self._subjects = candidates(doc)  # may-be cues; subjects; in order
        found += [self._cue_subject(t, surnames) for t in self.cue_words
                  if is_cue(t) and not self.inside[t.i]]
        self.persons = sorted((p for p in found if p is not None), key=lambda p: p.start)
        self.names = Referents(doc, self.persons, self.inside, lambda: self.things)

    @cached_property
    def things(self) -> list[Person]:
        """What an "it" or a "they" can stand for (built on first use: most texts never ask)."""
        return [t for t in (self._thing(t) for t in self._subjects) if t is not None]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that start inside the character range [start, end)."""
        return list(self.doc[bisect.bisect_left(self._idx, start):bisect.bisect_left(self._idx, end)])

    def _last_before(self, char: int) -> Token | None:
        """The last token before character offset `char` that is not white space."""
        i = bisect.bisect_left(self._idx, char) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return self.doc[i] if i >= 0 else None

    def in_quote(self, char: int) -> bool:
        """True when character offset `char` lies between a pair of quote marks."""
        i = bisect.bisect_right(self._starts, char) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def _cue_subject(self, cue: Token, surnames: set[str]) -> Person | None:
        """The speaker a cue names, as a `Person` (a thing when it is no person)."""
        head = according_object(cue) if according(cue) else self._subject(cue)
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
        """A subject that is no single person ("the party", "Murkowski and Coons"), as a
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
        return Person(known or head.text, None, head.idx, True, False, plural(head))

    # --- attribution of a quoted span ------------------------------------------------------

    def attribute(self, open_: int, close: int) -> Attribution | None:
        """Return the attribution of the quote marked at [open_, close), or None."""
        toks = self.tokens(open_, close)
        if not toks:
            return None
        cue, governs = self._cue(toks, open_, close)
        if cue is not None:
            return self.attribution(cue, governs)
        return self._dash(close) or self._after(toks, close) or self._colon(open_)

    def _dash(self, close: int) -> Attribution | None:
        """A name after a dash: “...” ― Maria Lopez."""
        found = DASH.match(self.doc.text, close)
        if found is None:
            return None
        after = self.tokens(found.end(), found.end() + 200)[:6]
        named: list[Token] = []
        for tok in after:
            if tok.pos_ != "PROPN" and not (named and tok.text in ".-"):
                break
            named.append(tok)
        while named and named[-1].pos_ != "PROPN":
            named.pop()
        if not named or not named[0].text[:1].isupper():
            return None
        start, end = named[0].idx, named[-1].idx + len(named[-1].text)
        who = self.names.full(strip_titles(named), start)
        return Attribution(who, self.names.role_named(who), (start, end), found.group().strip())

    def _after(self, toks: list[Token], close: int) -> Attribution | None:
        """A cue in the short sentence right after the quote: “...?” Rubio demanded."""
        doc = self.doc
        nxt = next((t for t in doc[toks[-1].i + 1:] if not t.is_space), None)
        if nxt is None or self.para[nxt.i] != self.para[toks[-1].i]:
            return None
        if nxt.sent == toks[-1].sent or doc.text[close:nxt.idx].strip():
            return None
        for tok in doc[nxt.i:min(nxt.i + 25, nxt.sent.end)]:
            if is_cue(tok) and not self.inside[tok.i]:
                return self.attribution(tok, True)
            if tok.pos_ == "VERB":
                break
        return None

    def _colon(self, open_: int) -> Attribution | None:
        """The cue of a sentence ending with a colon just before the quote: He said: “...”."""
        before = self.doc.text[:open_].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sent = colon[0].sent
        cues = [t for t in sent if is_cue(t) and not self.inside[t.i] and t.i < colon[0].i]
        if cues:
            return self.attribution(cues[-1], True)
        subjects = [t for t in sent.root.children if t.dep_ in SUBJECTS and can_speak(t)]
        return self._from_subject(subjects[0], ":") if subjects else None

    def _from_subject(self, head: Token, cue_text: str) -> Attribution:
        """The attribution naming `head` as the speaker (the name in apposition to a noun
        that names nobody: "With a week to go, Chan Sophal, an adviser, ...")."""
        appos = appositive(head)
        named = appos is not None and appos.pos_ == "PROPN" and not (
            head.pos_ == "PROPN" or head.ent_type_ in NAMED or head.lower_ in PERSONAL
            or head.lower_ in RELATIVE or titled_person(head) is not None)
        bound = self._bound(head)
        if bound is not None:  # "Rubio ... read out what he called the port’s “secret annex.”"
            head = bound
        words_ = mention(appos if named and appos is not None else head)
        speaker, role_ = self._resolve(head)
        return Attribution(speaker, role_, (words_.start_char, words_.end_char), cue_text)

    def _bound(self, pronoun: Token) -> Token | None:
        """The subject a pronoun in a relative clause stands for: in "Hun Manet's party
        contrasts its plan with what they call ..." the party does the calling. Only for
        "he"/"she" with a person, the same "he"/"she", and "they" with a group."""
        kind = PERSONAL.get(pronoun.lower_)
        verb = pronoun.head
        if kind not in ("person", "group") or pronoun.dep_ not in SUBJECTS or not (
                verb.dep_ == "relcl" or any(c.tag_ in ("WP", "WDT") for c in verb.children)):
            return None
        for anc in verb.ancestors:
            for child in anc.children:
                if child.dep_ not in SUBJECTS or child.i >= pronoun.i or self.inside[child.i]:
                    continue
                if child.lower_ == pronoun.lower_ and verb.dep_ == "relcl":
                    return child  # "He did not withdraw the posts in which he called ...": one man
                if kind == "person":
                    human = child.ent_type_ == "PERSON" or titled_person(child) is not None
                    return child if human else None
                group = child.ent_type_ in ("ORG", "NORP", "GPE") or (
                    child.pos_ == "NOUN" and child.ent_type_ != "PERSON")
                return child if group else None
        return None

    def before(self, open_: int) -> Attribution | None:
        """The cue of the sentence just before a quote that stands alone: Poling said. “...”"""
        sent = self._sentence_before(open_)
        if sent is None:
            return None
        cues = [t for t in sent if is_cue(t) and not self.inside[t.i]
                and not any(c.dep_ == "neg" for c in t.children)]  # "He didn't suggest ..."
        return self.attribution(cues[-1], True) if cues else None

    def subject_before(self, open_: int) -> Attribution | None:
        """The person the sentence just before a quote that stands alone is about, when that
        sentence has no cue: "Murkowski named ... as one of the reasons. “The young ...”"."""
        sent = self._sentence_before(open_)
        if sent is None:
            return None
        subjects = [t for t in sent.root.children if t.dep_ == "nsubj" and not self.inside[t.i]
                    and (t.ent_type_ == "PERSON" or titled_person(t) is not None)]
        if not subjects:
            return None
        found = self._from_subject(subjects[0], sent.root.text)
        return Attribution(found.speaker, found.role, found.mention, found.cue, False)

    def _sentence_before(self, open_: int) -> Span | None:
        """The sentence that ends just before a quote mark (outside quotes, at most a blank line
        between them), or None."""
        last = self._last_before(open_)
        if last is None or self.inside[last.i]:
            return None
        if self.doc.text[last.idx:open_].count("\n") > 2:
            return None
        return last.sent

    def _cue(self, toks: list[Token], open_: int, close: int) -> tuple[Token | None, bool]:
        """The cue that governs the quote in the parse, else the nearest in its sentences."""
        for tok in toks:
            if tok.is_punct or (open_ <= tok.head.idx < close and tok.head.i != tok.i):
                continue
            found = self._governing(tok, open_, close)
            if found is not None:
                return found, True
        cues = [t for t in self._sentences(toks) if not self.inside[t.i] and is_cue(t)]
        frame = [t for t in cues if not (t.i > toks[-1].i and subordinate(t))] or cues
        for cue in frame:
            if open_ <= cue.head.idx < close:
                return cue, True
        if not frame:
            return None, False
        mid = (toks[0].i + toks[-1].i) / 2
        return min(frame, key=lambda t: abs(t.i - mid)), False

    def _governing(self, tok: Token, open_: int, close: int) -> Token | None:
        """The outermost cue among the ancestors of a quote's root token (or their
        "according"): in "Rubio said Hun Manet once described the deal as “a turning point”"
        the report is Rubio's."""
        found: list[Token] = []
        for anc in [tok, *tok.ancestors]:
            if self.para[anc.i] != self.para[tok.i]:
                break
            if not (open_ <= anc.idx < close) and (is_cue(anc) or claim(anc)) and not self.inside[anc.i]:
                found.append(anc)
            found += [c for c in anc.children if according(c) and not self.inside[c.i]]
            if found and anc.dep_ == "conj":
                break  # "X said ..., but he said ..." : two reports, not one inside the other
            if found and anc.dep_ == "advcl" and anc.tag_ == "VBG" and anc.head.dep_ == "relcl":
                break  # "... a contractor who said ..., saying “...”": see `_grammatical`
        return found[-1] if found else None

    def _sentences(self, toks: list[Token]) -> list[Token]:
        """The tokens of the sentences around `toks`, within their paragraph."""
        first, last = toks[0].sent, toks[-1].sent
        para = self.para[toks[0].i]
        return [t for t in self.doc[first.start:last.end] if self.para[t.i] == para]

    def bare(self, open_: int, close: int) -> bool:
        """True when the sentences around [open_, close) hold nothing but the quote."""
        toks = self.tokens(open_, close)
        if not toks:
            return False
        outside = [t for t in self._sentences(toks) if not (open_ <= t.idx < close)]
        return all(t.is_punct or t.is_space for t in outside)

    def attribution(self, cue: Token, governs: bool = True) -> Attribution:
        """The attribution a cue token makes: its speaker, role and mention."""
        if according(cue):
            head, cue_text = according_object(cue), "according to"
            head = author(head) if head is not None else None
        elif claim(cue):
            head, cue_text = owner(cue), cue.text
        else:
            head, cue_text = self._subject(cue), cue_text_of(cue)
        if head is None:
            return Attribution(None, None, None, cue_text, governs)
        found = self._from_subject(head, cue_text)
        return Attribution(found.speaker, found.role, found.mention, cue_text, governs)

    def _subject(self, cue: Token) -> Token | None:
        """The speaker named by a cue: the words between a closing mark and the cue
        (“...,” Peou, an analyst, said), the words after an inverted cue (“...,” said
        Poling), else the grammatical subject, climbing from participles to their verb."""
        found = self._adjacent(cue)
        if found is None:
            found = self._grammatical(cue)
        if found is None and cue.i + 1 < len(self.doc) and self.doc[cue.i + 1].pos_ == "PROPN":
            found = name_run(list(self.doc[cue.i + 1:cue.i + 9]))  # Said Peou: “...”
        return found

    def _adjacent(self, cue: Token) -> Token | None:
        """The name next to a cue that follows a closing quote mark."""
        doc = self.doc
        if cue.i > 0 and self._closes(doc[cue.i - 1]):
            return name_run(list(doc[cue.i + 1:min(cue.i + 9, len(doc))]))
        left: list[Token] = []
        for tok in reversed(doc[max(cue.sent.start, cue.i - 14):cue.i]):
            if self._closes(tok):
                named = [t for t in left if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not (
                    t.dep_ in ("compound", "poss") and t.head.ent_type_ != "PERSON")]
                if named:  # “...,” IMF chief economist P.-O. Gourinchas said (not "Hun Manet’s aide")
                    return named[-1]
                return name_run(left) if left else None
            if self.inside[tok.i] or tok.is_space or tok.text in ".;:" or (
                    tok.pos_ in ("VERB", "AUX") and not tok.is_title):
                break
            left.insert(0, tok)
        return None

    def _closes(self, tok: Token) -> bool:
        """True for the token of a closing quote mark."""
        return tok.is_punct and self.inside[tok.i] and has_mark(tok.text) and (
            tok.i + 1 >= len(tok.doc) or not self.inside[tok.i + 1])

    def _grammatical(self, cue: Token) -> Token | None:
        """The subject of the cue in the parse, climbing from participles to their verb."""
        doc = self.doc
        if cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].pos_ == "PROPN" and doc[
                cue.i - 1].ent_type_ not in ("DATE", "TIME"):
            return doc[cue.i - 1]  # footage of Rubio saying ...
        if cue.lemma_.lower() in TARGETED and any(c.dep_ == "nsubjpass" for c in cue.children):
            agent = [o for c in cue.children if c.dep_ == "agent" for o in c.children
                     if o.dep_ == "pobj"]  # "Hun Sen has been called a “strongman” by critics"
            return agent[0] if agent else None
        verb = cue
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in SUBJECTS and not self.inside[child.i] and wordy(child) and not (
                        verb.i != cue.i and demonstrative(child)):  # "X said that was ..."
                    found = self._local(child, cue)
                    return None if found is None else issuer(misread(found, verb))
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
            if verb.dep_ in ("acl", "relcl") and can_speak(verb.head):
                return issuer(verb.head)
            if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "relcl":
                found = self._participle(verb)  # "X was asked about a contractor who
                if found is not None:  # said ..., saying “...”": the participle is X's
                    return found
            if verb.head.i == verb.i or not (verb.dep_ in CLIMB or verb.head.pos_ == "ADP"):
                break
            verb = verb.head
            while verb.pos_ == "ADP" and verb.head.i != verb.i:
                verb = verb.head  # "after saying ...", "despite admitting ..."
        return self._participle(cue) if cue.tag_ == "VBG" else self._orphan(cue)

    def _orphan(self, cue: Token) -> Token | None:
        """The name that opens the clause of a finite cue the parse left without a subject
        ("PHNOM PENH -- Prime Minister Hun Manet, opening ..., said"; "..., Rubio and Coons call"),
        else the last name before the cue with no verb between them."""
        if cue.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        para = self.para[cue.i]
        toks = [t for t in self.doc[cue.sent.start:cue.i] if self.para[t.i] == para]
        dash = next((k for k, t in enumerate(toks[:4]) if t.text in DATELINE_DASHES), None)
        if dash is not None:
            toks = toks[dash + 1:]
        comma = max((k for k, t in enumerate(toks) if t.text in ",;:"), default=-1)
        for run in (toks[comma + 1:], toks[:3]):
            names = [t for t in run if t.ent_type_ == "PERSON" and not self.inside[t.i]]
            if names and all(t.pos_ in ("PROPN", "CCONJ") or t.lower_ in TITLES for t in run[
                    :run.index(names[0])]):
                return names[0]
        for tok in reversed(toks):  # "In Phnom Penh, Kao Kim Hourn, the secretary-general, ..., told"
            if tok.pos_ in ("VERB", "AUX") or self.inside[tok.i]:
                break
            if tok.ent_type_ == "PERSON":
                return tok
        return None

    def _participle(self, cue: Token) -> Token | None:
        """The subject of the sentence a participle cue hangs on when the parse lost the
        link: "Mr. Rubio barely settled the issue, ... asserting, ''...''" -> Mr. Rubio."""
        subjects = [t for t in self.doc[cue.sent.start:cue.i] if t.dep_ in SUBJECTS
                    and not self.inside[t.i] and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN")]
        return subjects[0] if subjects else None

    def _local(self, subject: Token, cue: Token) -> Token | None:
        """The part of a subject in the cue's paragraph (a heading glued to it is dropped)."""
        para = self.para[cue.i]
        if self.para[subject.i] == para:
            return undated(subject)
        line = [t for t in subject.subtree if self.para[t.i] == para]
        dash = next((t.i for t in line[:4] if t.text in DATELINE_DASHES), None)
        if dash is not None and all(t.text.isupper() for t in line if t.i < dash):
            line = [t for t in line if t.i > dash]  # PHNOM PENH -- Prime Minister Hun Manet ...
        roots = [t for t in line if t.head not in line and not (t.is_punct or t.is_space)]
        if roots:
            return roots[0]
        start = cue.i
        while start > 0 and self.para[start - 1] == para:
            start -= 1
        return name_run(list(self.doc[start:cue.i]))

    # --- names -----------------------------------------------------------------------------

    def _resolve(self, head: Token) -> tuple[str | None, str | None]:
        """Return (speaker name, role) for the subject `head`."""
        low = head.lower_
        if low in FIRST_PERSON:
            return None, None
        if low in RELATIVE and (head.head.dep_ == "relcl" or low in ("who", "which")):
            governor = head.head.head
            if head.head.dep_ == "relcl" and governor.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._resolve(antecedent_of(governor))
            noun = self._noun_before(head)  # a relative clause the parse hung on a verb
            return self._resolve(noun) if noun is not None else (None, None)
        if low in PERSONAL:
            pick = self.names.antecedent(head)
            if pick is None:
                return None, None
            full = self.names.full(pick.name, pick.start)
            fit = self.names.fitting(pick, gender.of_pronoun(low))
            if len(fit) == 1 and fit[0] != full:
                return fit[0], self.names.role_named(fit[0])  # "Clinton ... he" -> Bill Clinton
            return full, self.names.role_of(pick)
        titled = titled_person(head)
        if titled is not None:
            who, title = titled
            return self.names.full(name(who), who.idx), title
        if head.lower_ in TITLES and head.ent_type_ != "PERSON":
            return phrase(head), None  # "the Secretary of State"
        if head.pos_ == "PROPN" or head.ent_type_ in NAMED:
            full = self.names.full(name(head), head.idx, gender.honorific(head))
            return full, role(head) or self.names.role_named(full)
        appos = appositive(head)
        if appos is not None and appos.pos_ == "PROPN":
            return self.names.full(name(appos), appos.idx), phrase(head)
        return phrase(head), text(appos) if appos is not None else None

    def _noun_before(self, relative: Token) -> Token | None:
        """The noun a "who"/"which" follows ("the Cambodian Police Department which reported"):
        the head of the name or noun phrase just before it, past one comma."""
        i = relative.i - 1
        if i >= 0 and self.doc[i].text == ",":
            i -= 1
        if i < 0 or self.doc[i].pos_ not in ("NOUN", "PROPN") or self.inside[i]:
            return None
        noun = self.doc[i]
        while noun.dep_ in ("compound", "flat") and noun.head.i > noun.i:
            noun = noun.head
        return noun

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
