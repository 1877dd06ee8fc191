"""How a quote is framed: the cue that introduces a quoted span, wherever it stands.

Each function here is one rule of `rules.QUOTE` (a quoted span in a sentence) or `rules.LONE`
(a span alone in its sentences), in the order `rules` decides. A rule takes the `Reading`
and the span and returns an `Attribution`, or None when it does not apply.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.extract.quotes.base import NONE, Attribution
from briefer.extract.quotes.cues import according, claim, is_cue, subordinate
from briefer.extract.quotes.lexicon import CLAUSE_MARKS, SUBJECTS
from briefer.extract.quotes.names import can_speak, strip_titles, titled_person

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefer.extract.quotes.marks import Quoted
    from briefer.extract.quotes.reading import Reading

DASH = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*")
CONTINUES_CHARS = 400  # a quote this close after the last one, no blank line: same speaker


# --- a quote in a sentence ----------------------------------------------------------------------


def governing_cue(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """The cue that governs the quote in the parse: the outermost cue among the ancestors of a
    quote's root token (or their "according"): in "Rubio said Hun Manet once described the
    deal as “a turning point”" the report is Rubio's."""
    for tok in toks:
        if tok.is_punct or (open_ <= tok.head.idx < close and tok.head.i != tok.i):
            continue
        found = _governing(r, tok, open_, close)
        if found is not None:
            return r.attribution(found, True)
    return None


def _governing(r: Reading, tok: Token, open_: int, close: int) -> Token | None:
    found: list[Token] = []
    for anc in [tok, *tok.ancestors]:
        if r.para[anc.i] != r.para[tok.i]:
            break
        if not (open_ <= anc.idx < close) and (is_cue(anc) or claim(anc)) and not r.inside[anc.i]:
            found.append(anc)
        found += [c for c in anc.children if according(c) and not r.inside[c.i]]
        if found and anc.dep_ == "conj":
            # "X said ..., but he said ...": two reports, not one inside the other; but an
            # "according to X" opening the sentence reports both ("According to X, A has B and
            # confirms “...”")
            found += [c for c in anc.head.children if according(c) and c.i < anc.head.i
                      and not r.inside[c.i]]
            break
        if found and own_clause(anc) and is_cue(anc.head):
            break  # "“...,” she said, as Orlov went on about “...”": his words, not hers
        if found and anc.dep_ == "advcl" and anc.tag_ == "VBG" and anc.head.dep_ == "relcl":
            break  # "... a builder who said ..., saying “...”": see `participle_after_relative`
    return found[-1] if found else None


DASHED = re.compile(r"(?:--|[―—–])[ \t\u00a0]*$")
DASH_AFTER = re.compile(r"[ \t\u00a0]*(?:--|[―—–])")


def own_clause(verb: Token) -> bool:
    """True for the verb of an adverbial clause with a subject of its own ("as Orlov went
    on about ...", "when Orlov called it ..."). Hung on a cue, it tells when or why that
    cue's speaker spoke, not what they said: a cue in it is not theirs to report (hung
    on the words reported, "Moor said Orlov was right when he called it “...”", it is part
    of the report, and the outer cue stands)."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in CLAUSE_MARKS
                                        for c in verb.children) and any(
        c.dep_ in SUBJECTS for c in verb.children)


def dashed_after_name(r: Reading, open_: int, close: int, toks: list[Token]
                      ) -> Attribution | None:
    """A quote set between dashes right after a person's name is that person's words: "...,
    including the former minister Chea Sophal -- ''It is wrong ...'' -- and ..."."""
    before = DASHED.search(r.doc.text, max(0, open_ - 8), open_)
    if before is None or DASH_AFTER.match(r.doc.text, close) is None:
        return None
    name = r.last_before(before.start())
    if name is None or r.inside[name.i] or name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
        return None
    return r.from_subject(name, before.group().strip())


def nearest_cue(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """A cue in the quote's sentences (not one in a when- or because-clause after it): one
    whose head is in the quote governs it, else the nearest speaks for it."""
    cues = [t for t in r.sentences(toks) if not r.inside[t.i] and is_cue(t)]
    frame = [t for t in cues if not (t.i > toks[-1].i and subordinate(t))] or cues
    for cue in frame:
        if open_ <= cue.head.idx < close:
            return r.attribution(cue, True)
    if not frame:
        return None
    mid = (toks[0].i + toks[-1].i) / 2
    return r.attribution(min(frame, key=lambda t: abs(t.i - mid)), False)


def dash_name(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """A name after a dash: “...” ― Maria Lopez."""
    found = DASH.match(r.doc.text, close)
    return None if found is None else _signer(r, found.end(), found.group().strip())


def _signer(r: Reading, start: int, cue: str) -> Attribution | None:
    """The attribution to the proper name at `start`, after a signing dash."""
    named: list[Token] = []
    for tok in r.tokens(start, start + 200)[:6]:
        if tok.pos_ != "PROPN" and not (named and tok.text in ".-"):
            break
        named.append(tok)
    while named and named[-1].pos_ != "PROPN":
        named.pop()
    if not named or not named[0].text[:1].isupper():
        return None
    begin, end = named[0].idx, named[-1].idx + len(named[-1].text)
    who = r.names.full(strip_titles(named), begin)
    return Attribution(who, r.names.role_named(who), (begin, end), cue, rules=(NONE, NONE))


def cue_after(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """A cue in the short sentence right after the quote: “...?” Rubio demanded. Not a cue
    that reports a clause of its own (“...” Sam Rainsy said the plan would fail: a new
    report), nor after a quote a colon introduces."""
    doc = r.doc
    nxt = next((t for t in doc[toks[-1].i + 1:] if not t.is_space), None)
    if nxt is None or r.para[nxt.i] != r.para[toks[-1].i]:
        return None
    if nxt.sent == toks[-1].sent or doc.text[close:nxt.idx].strip():
        return None
    if doc.text[:open_].rstrip().endswith(":"):
        return None
    for tok in doc[nxt.i:min(nxt.i + 25, nxt.sent.end)]:
        if is_cue(tok) and not r.inside[tok.i]:
            return _unless_another_report(r, tok, open_)
        if tok.pos_ == "VERB":
            break
    return None


def _unless_another_report(r: Reading, cue: Token, open_: int) -> Attribution | None:
    """The attribution of the cue after a quote, unless that cue reports a clause of its own
    (a new report) while the sentence before the quote names someone else."""
    attr = r.attribution(cue, True)
    if not any(c.dep_ == "ccomp" and not r.inside[c.i] for c in cue.children):
        return attr
    before = _cue_before(r, open_) or _subject_before(r, open_)
    return None if before is not None and before.speaker != attr.speaker else attr


def _colon_sentence(r: Reading, open_: int) -> tuple[Span, Token] | None:
    """The sentence that ends with a colon just before `open_`, and the colon."""
    before = r.doc.text[:open_].rstrip()
    if not before.endswith(":"):
        return None
    colon = r.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    return None if colon is None else (colon[0].sent, colon[0])


def colon_cue(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """The last cue of a sentence that ends with a colon just before the quote: He said: “...”."""
    found = _colon_sentence(r, open_)
    if found is None:
        return None
    sent, colon = found
    cues = [t for t in sent if is_cue(t) and not r.inside[t.i] and t.i < colon.i]
    return r.attribution(cues[-1], True) if cues else None


def colon_subject(r: Reading, open_: int, close: int, toks: list[Token]) -> Attribution | None:
    """With no cue, the subject of that sentence if it can speak: Poling continued: “...”."""
    found = _colon_sentence(r, open_)
    if found is None:
        return None
    subjects = [t for t in found[0].root.children if t.dep_ in SUBJECTS and can_speak(t)]
    return r.from_subject(subjects[0], ":") if subjects else None


# --- a quote alone in its sentences -------------------------------------------------------------


def cue_before(r: Reading, span: Quoted, last: tuple[Attribution, Quoted] | None
               ) -> Attribution | None:
    """The last cue (not a negated one: "He didn't suggest ...") of the sentence just before:
    Poling said. “...”"""
    return _cue_before(r, span.open)


def _cue_before(r: Reading, open_: int) -> Attribution | None:
    sent = r.sentence_before(open_)
    if sent is None:
        return None
    cues = [t for t in sent if is_cue(t) and not r.inside[t.i]
            and not any(c.dep_ == "neg" for c in t.children)]
    return r.attribution(cues[-1], True) if cues else None


def subject_before(r: Reading, span: Quoted, last: tuple[Attribution, Quoted] | None
                   ) -> Attribution | None:
    """The person the sentence just before is about, when it has no cue: "Moor gave the
    storms as her reason to rebuild the wall. “The old wall ...”"."""
    return _subject_before(r, span.open)


def _subject_before(r: Reading, open_: int) -> Attribution | None:
    sent = r.sentence_before(open_)
    if sent is None:
        return None
    subjects = [t for t in sent.root.children if t.dep_ == "nsubj" and not r.inside[t.i]
                and (t.ent_type_ == "PERSON" or titled_person(t) is not None)]
    if not subjects:
        return None
    found = r.from_subject(subjects[0], sent.root.text)
    return Attribution(found.speaker, found.role, found.mention, found.cue, False, found.rules)


SIGNATURE = re.compile(r"[”\"’'»][ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*"
                       r"(?P<name>[A-Z][^\n―—–“”\"]{0,60})$")


def signed_paragraph(r: Reading, span: Quoted, last: tuple[Attribution, Quoted] | None
                     ) -> Attribution | None:
    """A dash and a name closing the paragraph sign every quote in it: “...” And, as the
    saying goes, “...” ― Maria Lopez."""
    text = r.doc.text
    end = text.find("\n", span.close)
    found = SIGNATURE.search(text, span.close, len(text) if end < 0 else end)
    return None if found is None else _signer(r, found.start("name"), found.group("dash"))


LABEL = re.compile(r"[ \t\u00a0]*[\[(]?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})"
                   r"(?:, (?P<role>[^\n\[\]():;.!?“”\"]{1,60}))?[\])]?:?[ \t\u00a0]*")


def label_line(r: Reading, span: Quoted, last: tuple[Attribution, Quoted] | None
               ) -> Attribution | None:
    """A line right above a quote that is only the name of someone the text names, and maybe
    a role, labels it, as transcripts and video pages do: "Lena Moor, Harbour Master" or
    "[Lena Moor]:", then the quote on the next line (read as written: ingest may have blanked
    a short line as page furniture). A label of a name the text gives nowhere else names
    nobody this reading can check: the quote is left out, not given to the last speaker."""
    text = r.written
    end = text.rfind("\n", 0, span.open)
    if end <= 0 or text[end + 1:span.open].strip():
        return None
    start = text.rfind("\n", 0, end) + 1
    found = LABEL.fullmatch(text, start, end)
    if found is None:
        return None
    if not r.names.known(found.group("name"), found.start("name")):
        return Attribution(None, None, None, "label", rules=(NONE, NONE))  # not the last speaker's
    who = r.names.full(found.group("name"), found.start("name"))
    role = found.group("role")
    return Attribution(who, role.strip() if role else r.names.role_named(who),
                       found.span("name"), "label", rules=(NONE, NONE))


def continues(r: Reading, span: Quoted, last: tuple[Attribution, Quoted] | None
              ) -> Attribution | None:
    """A quote that follows the last attributed one closely continues it: same speaker."""
    if last is None:
        return None
    between = r.doc.text[last[1].close:span.open]
    if between.count("\n") > 2 or len(between) > CONTINUES_CHARS:
        return None
    attr = last[0]
    return Attribution(attr.speaker, attr.role, attr.mention, attr.cue, attr.governs,
                       attr.rules[1:])
