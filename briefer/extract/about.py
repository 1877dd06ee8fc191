"""What a figure measures, in its sentence's own words, built from the dependency parse.

`about(doc, start, end, noun)` returns a short phrase: the counted noun with its place and time
("Cambodian-Americans in the United States"), the complement of money and percentages ("share of
Cambodia's total exports"), the clause a duration measures, or the change a percentage describes
("increase in goods exported to the United States").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_CHANGES = {"increase", "rise", "decrease", "decline", "drop", "fall", "growth", "cut", "reduction",
            "jump", "gain", "loss", "surge", "slump"}
TIME_UNITS = ("year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
              "hour", "hours", "minute", "minutes", "century", "centuries")

_IRREGULAR = {"make": "made", "give": "given", "build": "built", "spend": "spent", "send": "sent",
              "pay": "paid", "sell": "sold", "buy": "bought", "hold": "held", "take": "taken",
              "bring": "brought", "lose": "lost", "win": "won", "lend": "lent", "raise": "raised",
              "get": "got", "find": "found", "set": "set", "cut": "cut", "put": "put", "see": "seen",
              "lay": "laid", "leave": "left", "keep": "kept", "grow": "grown", "draw": "drawn",
              "freeze": "frozen", "steal": "stolen", "write": "written", "break": "broken", "fly": "flown",
              "drive": "driven", "shoot": "shot", "seize": "seized", "hit": "hit", "begin": "begun"}
MEASURE_UNITS = frozenset(
    """ton tonne kilotonne meter metre kilometer kilometre centimeter centimetre millimeter millimetre mile
    foot feet yard inch kilogram kilo gram liter litre gallon barrel acre hectare knot degree megawatt
    kilowatt gigawatt watt km""".split())
_TOTALS = {"total", "amount", "reach", "exceed", "top", "value", "worth", "come", "number", "stand"}
_MAX_WORDS = 14
_MONEY_NOUNS = ("cent", "penny", "pence", "dollar", "euro", "yen", "yuan", "rupee", "ringgit", "riel",
                "baht", "peso", "franc")  # "rose 5 cents": a price, not a count of cents


def about(doc: Doc, start: int, end: int, noun: Token | None, *, age: bool = False, bare: bool = False) -> str:
    """What a figure measures, in the sentence's own words ("health assistance in Cambodia since 1992").

    For an age (`age=True`) it is whose age: "Hun Sen" in "Hun Sen, age 65, ...". A `bare` number
    (no unit, no counted noun) measures what the words around it say: "45,000 injured by mines".
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    label = _line_label(doc.text, start, end)
    if label:
        return label
    skip = set(range(span.start, span.end))
    if age and (noun is None or noun.lower_ in (*TIME_UNITS, "age", "ages", "old")):
        phrase = _whose_age(span.root, skip)
    elif age:
        phrase = _phrase(noun, skip)  # "a 50-year-old man from Lithuania": whose age it is
    elif noun is not None and noun.lower_ in TIME_UNITS:
        phrase = _clause(noun, skip)
    elif noun is not None and noun.lemma_.lower() in MEASURE_UNITS:
        phrase = _unit_about(noun, skip)
    elif bare:
        phrase = _bare_about(span.root, skip)
    elif noun is not None and noun.lemma_.lower() not in _MONEY_NOUNS:
        phrase = _count_about(noun, skip)
    else:
        phrase = _measure_about(noun if noun is not None else span.root, skip)
    return _tidy(phrase)


# "BYD: 17.4%;" alone on its line: a list of labelled values, the label names what it measures
_LABELLED = re.compile(r"[ \t]*(?:[•·*–-][ \t]*)?(?P<label>[^:\n]{1,60}?)[ \t]*:[ \t]*\Z")
_LINE_TAIL = re.compile(r"[ \t]*[;.,]?[ \t]*(?:and|or)?[ \t]*\Z")


def _line_label(text: str, start: int, end: int) -> str:
    """The label before a colon when the figure is all that follows it on its line."""
    reach = max(0, start - LABEL_REACH)  # bounded: a megabyte line costs no more than a short one
    line_start = text.rfind("\n", reach, start) + 1
    if line_start == 0 and reach > 0:
        return ""
    line_end = text.find("\n", end, end + LABEL_REACH)
    line_end = (len(text) if end + LABEL_REACH >= len(text) else -1) if line_end < 0 else line_end
    if line_end < 0:
        return ""
    head = _LABELLED.fullmatch(text[line_start:start])
    if head is None or not _LINE_TAIL.fullmatch(text[end:line_end]):
        return ""
    return head["label"].strip()


LABEL_REACH = 80  # a label line is short: "BYD: 17.4%;"


def _count_about(noun: Token, skip: set[int]) -> str:
    """ "300,000 Cambodian-Americans in the United States" -> "Cambodian-Americans in the United States"."""
    if noun.lemma_ in _CHANGES:
        return _change_about(noun, skip)  # "a sharp 3 percent drop"
    phrase = _phrase(noun, skip)
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head.i != first.i:
        first = first.head  # "12 civilians and 18 soldiers": the second count has the first's verb
    if first is not noun:
        skip = skip | _ids(first)
    head, dep = first.head, first.dep_
    if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in skip:
        link = "in" if head.head.lemma_ in _CHANGES else "of"
        return f"{_phrase(head.head, skip | _ids(head))} {link} {phrase}"  # "increase in applications"
    if dep in ("dobj", "obj") and head.pos_ == "VERB":
        done = _participle(head)  # "people killed by floods"; "has 17 sailors" has no doer to name
        return _join(phrase, done, _agent(head, skip | _ids(first)) if done else "", _preps(head, skip | _ids(first)))
    if dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return _join(phrase, *_predicate(head, skip | _ids(first)))
    return phrase


def _agent(verb: Token, skip: set[int]) -> str:
    """ "floods killed 43 people" -> "by floods": what did it, when a thing (not a person) did."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i not in skip), None)
    relative = verb.dep_ == "relcl" and (subject is None or subject.tag_ in ("WDT", "WP", "DT"))
    if relative:
        subject = verb.head  # "clashes that killed 43 people"
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_:
        return ""
    words = _phrase(subject, skip | _ids(verb) if relative else skip)
    return "by " + re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE)


def _predicate(verb: Token, skip: set[int]) -> tuple[str, str, str]:
    """What a counted subject did: "killed", "sustained injuries", "participated" (+ place, time)."""
    if verb.lemma_.lower() in ("be", "have", "do"):
        return "", "", _preps(verb, skip)
    passive = verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)
    word = _participle(verb) if passive else verb.text
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "attr") and c.i not in skip), None)
    return word, _phrase(obj, skip) if obj is not None else "", _preps(verb, skip | (_ids(obj) if obj else set()))


def _bare_about(root: Token, skip: set[int]) -> str:
    """A number with no noun: the word it stands for ("100 dead", "45,000 injured by mines"), else
    the verb it is the object or subject of ("displaced 300,000 on both sides" -> "displaced ...")."""
    nxt = next((t for t in root.doc[root.i + 1 : root.i + 3] if not t.is_space), None)
    if nxt is not None and nxt.i not in skip and nxt.pos_ in ("ADJ", "VERB") and nxt.tag_ in ("JJ", "VBN") \
            and (nxt.head.i == root.i or nxt.head.i == root.head.i):
        verb = root.head if root.head.pos_ in ("VERB", "AUX") else None  # "left 30 dead across the delta"
        return _join(_elided(root), nxt.text, _preps(nxt, skip), _preps(verb, skip | {nxt.i}) if verb else "")
    level = _level_of(root, skip)
    if level:
        return level
    if root.dep_ == "pobj" or root.head.i == root.i:
        return _measure_about(root, skip)
    verb = _verb(root)
    if verb is None:
        return ""
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip), None)
    whole = _phrase(of, skip, drop_self=True) if of is not None else ""  # "two of their boats"
    if root.dep_ in ("nsubj", "nsubjpass"):  # "three of its bases were hit" -> "bases hit"
        return _join(whole, *_predicate(verb, skip | _ids(root)))
    if verb.lemma_.lower() == "be":
        return _join(_owner(verb, skip), _preps(verb, skip | _ids(root)))  # "the vote was 12"
    own = " ".join(_phrase(c, skip) for c in root.children if c.dep_ == "prep" and c.i not in skip and c is not of)
    return _join(whole, _participle(verb) or verb.text, own, _preps(verb, skip | _ids(root)))


def _elided(root: Token) -> str:
    """ "20,000 people killed and 45,000 injured": the noun the second number leaves out."""
    if root.dep_ != "conj":
        return ""
    subject = next((c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return ""
    return subject.text


def _unit_about(unit: Token, skip: set[int]) -> str:
    """A measure ("200-mile", "1,000 kilometers"): the thing it sizes and how ("exclusive economic
    zone", "Cagayan away from Taiwan", "Littoral Combat Ship weighing")."""
    head = unit.head
    if unit.dep_ in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN") and head.i > unit.i:
        return _phrase(head, skip)
    appos = next((c for c in unit.children if c.dep_ == "appos" and c.lemma_.lower() not in MEASURE_UNITS
                  and not any(t.like_num for t in c.subtree)), None)
    if appos is not None:
        return _phrase(appos, skip)
    of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip), None)
    if of is not None:  # "1,200 megawatts of power": the power is what is measured
        verb = _verb(unit)
        return _join(_phrase(of, skip, drop_self=True), _participle(verb) if verb is not None else "",
                     _preps(verb, skip | _ids(unit)) if verb is not None else "")
    own = " ".join(_phrase(c, skip) for c in unit.children if c.dep_ == "prep" and c.i not in skip)
    if unit.dep_ == "npadvmod" and head.pos_ in ("ADV", "ADJ"):
        own, head = _join(_phrase(head, skip | _ids(unit)), own), head.head  # "away from Taiwan"
    verb = head if head.pos_ in ("VERB", "AUX") else _verb(head)
    if verb is None:
        return own
    owner = _owner(verb, skip)
    word = "" if verb.lemma_.lower() == "be" else verb.text
    return _join(owner, word, own, _preps(verb, skip | _ids(unit)))


def _owner(verb: Token, skip: set[int]) -> str:
    """The thing a verb says something about: its subject, or the noun its clause modifies."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    while subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    if subject is not None and subject.pos_ != "PRON":
        return _phrase(subject, skip)
    relative = subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl"
    if (relative or verb.dep_ == "acl") and verb.head.pos_ in ("NOUN", "PROPN"):  # "the plant, which cost"
        return _phrase(verb.head, skip | _ids(verb))
    return ""


def _measure_about(root: Token, skip: set[int]) -> str:
    """Money, percentages and units: their complement, else the noun or clause they belong to."""
    verb = _verb(root)
    prep = _complement(root, skip)
    if prep is None and verb is not None and root.dep_ in ("dobj", "obj"):
        prep = _complement(verb, skip)  # "invested $4.5 million in the preservation of ..."
    if prep is not None:
        inner = _phrase(prep, skip, drop_self=True)
        if prep.lower_ == "of" and root.lower_ in ("%", "percent", "cent", "pc"):
            return f"share of {inner}"
        if verb is None:
            return inner
        rest = _preps(verb, skip | _ids(root) | _ids(prep))
        if prep.lower_ == "of":
            return _join(inner, _participle(verb), rest)  # "goods exported to the United States"
        return _join(inner, rest, _period(root.sent, skip, rest))
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        if head.head.lemma_ in _CHANGES:
            return _change_about(head.head, skip | _ids(head))  # "an increase of 33 percent from 2020"
        return _phrase(head.head, skip | _ids(head))
    if verb is None:
        return _purpose(root, skip)
    if verb.lemma_.lower() in _TOTALS and verb.dep_ in ("advcl", "acl", "xcomp") and root.dep_ in ("dobj", "obj"):
        return _totalled(verb, skip)
    said = _owner(verb, skip)
    word = "" if verb.lemma_.lower() == "be" else verb.text
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i not in skip and not c.like_num
                and root.i not in _ids(c)), None)  # "cut emissions by 45 percent"
    what = _phrase(obj, skip) if obj is not None else ""
    return _join(said, word, what, _preps(verb, skip | _ids(root) | (_ids(obj) if obj is not None else set())))


def _purpose(root: Token, skip: set[int]) -> str:
    """ "$375 million to build the canal": what a sum with no verb of its own is for."""
    purpose = next((c for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i not in skip
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    return _phrase(purpose, skip) if purpose is not None else ""


def _totalled(verb: Token, skip: set[int]) -> str:
    """ "canceled funding for 30 programs, totaling $260 million" -> "funding for 30 programs canceled"."""
    head = verb.head
    skip = skip | _ids(verb)
    if head.pos_ in ("NOUN", "PROPN"):
        return _phrase(head, skip)
    obj = next((c for c in head.children if c.dep_ in ("dobj", "obj", "nsubjpass") and c.i not in skip), None)
    if obj is None:
        return ""
    return _join(_phrase(obj, skip), _participle(head))


def _whose_age(tok: Token, skip: set[int]) -> str:
    """ "Hun Sen, age 65" -> "Hun Sen"; "died at the age of 89" -> the verb's subject."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in skip or tok.lower_ in ("age", "ages", "aged", "old"):
            continue
        if tok.pos_ in ("VERB", "AUX"):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _name(subject) if subject is not None and subject.pos_ in ("NOUN", "PROPN") else ""
        if tok.pos_ in ("NOUN", "PROPN"):
            return _name(tok)
    return ""


def _name(tok: Token) -> str:
    """A noun with the compounds before it: "Hun Sen"."""
    left = tok.i
    while left > 0 and tok.doc[left - 1].dep_ == "compound" and tok.doc[left - 1].head.i == tok.i:
        left -= 1
    return tok.doc[left : tok.i + 1].text


# verbs that bring a measure to a level: "the death toll has risen to 3,354", "inflation hit 9"
LEVEL_VERBS = frozenset("""reach rise climb hit jump surge soar top exceed surpass pass stand fall drop
    increase decrease grow mount swell edge""".split())


def _level_of(number: Token, skip: set[int]) -> str:
    """The subject whose level a bare number gives ("The death toll ... has risen to 3,354" -> "death
    toll ..."): the number is the object of a level verb, or of its "to"/"at"/"past"."""
    verb = number.head
    if number.dep_ == "pobj" and verb.lower_ in ("to", "at", "past", "above", "beyond"):
        verb = verb.head
    elif number.dep_ not in ("dobj", "obj"):
        return ""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in LEVEL_VERBS:
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return ""
    return re.sub(r"^(?:the|a|an)\s+", "", _phrase(subject, skip), flags=re.IGNORECASE)


def _change_about(change: Token, skip: set[int]) -> str:
    """ "..., an increase of 33 percent": the change, and in what ("increase in goods exported ...")."""
    own = _phrase(change, skip)
    edge = next(t.i for t in change.subtree if not t.is_punct)
    aside = change.dep_ == "appos" or edge > 0 and change.doc[edge - 1].text == ","  # ", a 3 percent drop"
    if not aside or any(c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i not in skip for c in change.children):
        return own
    target = _changed(change, skip | _ids(change))
    cut = own.lower().find(change.lower_) + len(change.text) if change.lower_ in own.lower() else len(own)
    return f"{own[:cut]} in {target}{own[cut:]}" if target else own


def _changed(change: Token, skip: set[int]) -> str:
    """What an appositive change is a change in: the clause's figure, else its subject."""
    verb = _verb(change)
    if verb is None:
        return ""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i not in skip), None)
    if obj is not None and obj.like_num:
        digits = {t.i for t in obj.subtree if t.like_num or t.pos_ in ("NUM", "SYM")}
        return _measure_about(obj, skip | digits)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    return _phrase(subject, skip) if subject is not None and subject.pos_ != "PRON" else ""


def _clause(noun: Token, skip: set[int]) -> str:
    """A duration measures how long its clause went on: "helped improve labor conditions ..."."""
    verb = _verb(noun)
    if verb is None:
        return ""
    skip = skip | _ids(noun)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp", "attr") and c.i not in skip), None)
    if verb.dep_ == "relcl" and (subject is None or subject.tag_ in ("WDT", "WP")):
        subject = verb.head  # "a meeting that lasted seven hours": the meeting lasted
        skip = skip | _ids(verb)
    parts = [_phrase(subject, skip) if subject is not None else "", verb.text]
    state = next((c for c in noun.children if c.dep_ == "acl"), None)
    if obj is None and state is not None:  # "many spending three days stranded on the road": many stranded
        return _join(parts[0], _phrase(state, skip - _ids(state)))
    return _join(*parts, _phrase(obj, skip) if obj is not None else "")


def _complement(tok: Token, skip: set[int]) -> Token | None:
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "of", "for", "on") or child.i in skip:
            continue
        if any(c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME")
               for c in child.children):
            return child  # "in June 2022" is when, not what
    return None


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _verb(tok: Token) -> Token | None:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _phrase(tok: Token, skip: set[int], *, drop_self: bool = False) -> str:
    """The words of a token's subtree, without clauses, appositions and the figure itself."""
    keep: list[Token] = [] if drop_self else [tok]
    stop = _stop_after(tok)
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.i in skip or child.i >= stop or child.is_space or child.dep_ in _CUT_DEPS:
            continue
        if child.lower_ in _CUT_WORDS or (child.dep_ == "punct" and child.text != "-" and child.head == tok):
            continue
        if child.dep_ in ("conj", "cc") and _counted_conj(child.head):
            continue  # "12 civilians and 18 soldiers": the other count is a figure of its own
        if child.dep_ == "prep" and _heads_a_list(child):
            continue  # "$3 billion in aid for health, including A; B; C": the aid is for all of them
        keep.append(child)
        stack.extend(child.children)
    return _text(sorted(keep, key=lambda t: t.i)).strip(" ,;:")


def _stop_after(tok: Token) -> int:
    """Where a phrase must end: the sentence's next ";", "—" or "(" (found without Token.sent)."""
    for t in tok.doc[tok.i + 1 :]:
        if t.is_sent_start:
            break
        if t.text in (";", "—", "("):
            return t.i
    return len(tok.doc)


def _heads_a_list(prep: Token) -> bool:
    """True for "for health, including security; education; ...": the first item of a longer list."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    doc = obj.doc
    near = [t for t in doc[obj.i + 1 : obj.i + 6] if not t.is_space][:2]  # no Token.sent: it is slow
    if len(near) < 2 or near[0].text != "," or near[1].lower_ != "including":
        return False
    semicolons = 0
    for tok in doc[near[1].i + 1 :]:
        if tok.is_sent_start:
            break
        semicolons += tok.text == ";"
    return semicolons >= 2


def _counted_conj(tok: Token) -> bool:
    """True when a token is joined by "and" to another noun with its own number."""
    return any(c.dep_ == "conj" and any(t.like_num and t.dep_ == "nummod" for t in c.subtree) for c in tok.children)


_CUT_DEPS = ("relcl", "appos", "advcl", "parataxis", "acl")
_CUT_WORDS = ("including", "such", "—", ";", "(", ")")
_NOT_PLACES = ("as", "including", "through", "by", "like", "despite", "because", "after", "before",
               "via", "according", "than", "with")


def _preps(verb: Token, skip: set[int]) -> str:
    """The verb's prepositional phrases of place and time ("in U.S.-funded exchange programs")."""
    out = []
    for child in verb.children:
        if child.dep_ != "prep" or child.i in skip or child.lower_ in _NOT_PLACES or _heads_a_list(child):
            continue
        if any(c.dep_ == "pobj" and c.i not in skip for c in child.children):
            phrase = _phrase(child, skip)
            if child.is_sent_start or child.i == child.sent.start + 1:
                phrase = phrase[:1].lower() + phrase[1:]
            timed = any(t.ent_type_ == "DATE" for t in child.subtree)
            out.append((timed, phrase))
    return _join(*(p for _, p in sorted(out, key=lambda x: x[0])))


def _period(sent: Span, skip: set[int], already: str) -> str:
    """ "since 1992", "over the last 30 years": the span of time a total covers."""
    for tok in sent:
        if tok.lower_ not in ("since", "over", "during") or tok.i in skip or tok.dep_ != "prep":
            continue
        if any(t.ent_type_ == "DATE" for t in tok.subtree):
            phrase = _phrase(tok, skip)
            return "" if phrase.lower() in already.lower() else phrase.lower()
    return ""


def _participle(verb: Token) -> str:
    """ "exported", "donated", "employed": the verb as a past participle ("" for have, be, do)."""
    if verb.lemma_.lower() in ("have", "be", "do", "cost"):
        return ""
    if verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.lemma_.lower() not in _IRREGULAR:
        return verb.lower_
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _text(tokens: list[Token]) -> str:
    out = ""
    for prev, tok in zip([None, *tokens], tokens, strict=False):
        if prev is not None:
            out += prev.whitespace_ if tok.i == prev.i + 1 else " "
        out += tok.text
    return out


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–—(•·▪*")  # a list bullet is no word
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\s+([,;:)])", r"\1", phrase)
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        phrase = " ".join(words[:_MAX_WORDS]).rstrip(",;:") + " ..."
    return phrase
