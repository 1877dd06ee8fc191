"""Figures: money, percentages, counts and quantities, with what each one measures.

Numbers are found with regular expressions over each sentence (spaCy splits "$13.6M" and
"PS8.1bn" unevenly); the parse then names the counted noun and builds `about` (about.py).
What is no figure at all (years, dates, times, designators, markers: not_figures.py) is left out
of `quantities`; what a brief's figures table does not hold (ages, vague amounts, durations that
only time something else: figure_rules.py) is left out of `figures` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefer.extract.about import MEASURE_UNITS, TIME_UNITS, about
from briefer.extract.counts import narrative_count
from briefer.extract.dates import sentence_dates
from briefer.extract.figure_nouns import misparsed_noun, preposition, sized_by_count
from briefer.extract.figure_rules import AGE_UNITS, brief_figure, figure_date
from briefer.extract.not_figures import PHONE, excluded, is_score, orphans, period_of, with_age
from briefer.extract.spans import doc_sents
from briefer.model import Figure, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * (i + 2)
         for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"lakh": 1e5, "crore": 1e7,
           "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9,
           "t": 1e12, "tn": 1e12, "trn": 1e12, "dozen": 12}
_CURRENCY = {"$": "USD", "us$": "USD", "$us": "USD", "u.s.$": "USD", "usd": "USD", "a$": "AUD",
             "$a": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "$nz": "NZD",
             "hk$": "HKD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "ps": "GBP",
             "gbp": "GBP", "¥": "JPY", "y=": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR",
             "rm": "MYR", "chf": "CHF", "nt$": "TWD", "r$": "BRL", "₩": "KRW", "₽": "RUB",
             "₺": "TRY", "₦": "NGN", "p": "GBp", "pence": "GBp", "sen": "MYR sen"}
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                   "rupee": "INR", "shekel": "ILS", "ringgit": "MYR", "riel": "KHR", "baht": "THB",
                   "peso": "MXN", "rouble": "RUB", "ruble": "RUB", "franc": "CHF"}
_DOLLARS = {"us": "USD", "u.s.": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
            "singapore": "SGD", "new zealand": "NZD"}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two-thirds": 2 / 3,
              "three-quarters": 0.75, "fifth": 0.2, "tenth": 0.1}

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|an)(?=\s+(?:hundred|"
    r"thousand|million|billion|trillion|dozen)\b))"
)
_DENOMINATORS = {2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128}
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
_DIGITS = (r"(?:\d+\s+[1-9]/(?:2|3|4|8|16)\b|\d*[½⅓⅔¼¾⅕⅛]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
           r"\.\d+)")
_SCALE = (r"(?:\s+(?:hundred|thousand|million|billion|trillion|mln|bln|dozen|lakh|crore)\b|"
          r"\s?(?:bn|mn|tn|trn)\b|(?<=\d)[kKmMbBT]\b)(?:\s+(?:million|billion))?")
_CUR = (r"(?:U\.S\.\s?\$|US\s?\$|\$US|HK\s?\$|NT\$|R\$|₩|₽|₺|₦|"
        r"AU\$|A\$|\$A|CA\$|C\$|NZ\$|\$NZ|S\$|\$|€|£|¥|₹|Y=|"
        r"PS(?=\d)|RM(?=\d)|Rs\.?\s?|(?:USD|EUR|GBP|CHF)\s?)")
_SUFFIX = (r"(?:%|GB|MB|TB|mph|km/hr?|kph|km|cm|mm|kg|mg|lbs?|oz|ft|mAh|kWh|MWh|GWh|kW|MW|GW|W|"
           r"GHz|MHz|Hz|bhp|hp|min|mins|hrs?|sec|ms|mpg|Nm|mL|ml|m2|m3|pc|g|m|l|p|°[CF]?|€)")
_PERCENT = r"(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b|basis\s+points?\b|bps\b)"
_NUMBER = re.compile(
    rf"(?:(?<=\d[-–])|(?<![\w$€£¥.,/:=+−-])|(?<=,)(?=minus\s))(?P<sign>minus[-\s]|[-−](?=[\d.])|\+)?(?P<cur>{_CUR})?"
    rf"(?P<sign2>[-−](?=\d))?(?P<num>{_DIGITS}(?:[/⁄]\d+(?![/\d]))?|(?i:{_WORDNUM}))"
    rf"(?P<scale>(?i:{_SCALE}))?"
    rf"(?P<suffix>(?<=[\d\w])(?:{_SUFFIX})(?![\w/])|\s?(?i:{_PERCENT})|\s(?:p|€)(?![\w'’]))?"
    rf"(?![\w$€£])"
)
_SMALL_NUMBER = rf"(?:\d{{1,3}}(?:\.\d+)?|(?i:{_WORDNUM}))"
_OR_RANGE = re.compile(rf"(?<![\w$€£¥.,/:=+−-])({_SMALL_NUMBER})\s+or\s+({_SMALL_NUMBER})\b(?!\s*[-–/%.,]\d)")
_OUT_OF = re.compile(rf"(?<![\w$€£¥.,/:=+−-])({_SMALL_NUMBER})\s+out\s+of\s+(?:every\s+)?({_SMALL_NUMBER})\b"
                     r"(?!\s*(?:[-–/%.,]\d|hundred|thousand|million|billion|trillion|percent|per\b))")
_OR_WORD = re.compile(r"\sor\s")  # what _OR_RANGE and _OUT_OF need, found cheaply
_OUT_WORD = re.compile(r"\sout\s")
_FRACTION_WORDS = ("third", "quarter", "fifth", "tenth", "half")
_VAGUE = re.compile(
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|dozens|hundreds|thousands|"
    r"millions|billions)\b(?=\s+of\b)",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"\b(?:two(?:-\s?|\s)thirds|three(?:-\s?|\s)quarters|(?:a|one)(?:-\s?|\s)(?:third|quarter|fifth|tenth)|half)"
    r"(?=\s+(?:of|the|their|its|his|her|all)\b)",
    re.IGNORECASE,
)
_HALF = re.compile(r"\bhalf\s+an?\s+(hundred|thousand|million|billion|trillion|dozen)\b", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?:\b(?:more\s+than|less\s+than|fewer\s+than|greater\s+than|upwards\s+of|in\s+excess\s+of|"
    r"up\s+to|at\s+least|at\s+most|as\s+(?:many|much|few|little)\s+as|close\s+to|(?:just|well)\s+"
    r"(?:over|under|above|below)|over|under|above|below|around|about|approximately|roughly|nearly|"
    r"almost|some|an\s+estimated|estimated|circa)|~|≈)\s*$",
    re.IGNORECASE,
)
@dataclass
class Quantity:
    """A figure as found, with the top of its range ("5-10W": value 5, high 10)."""

    figure: Figure
    high: float | None = None
    vague: bool = False  # "millions of", "dozens of"
    sent: int = 0  # where its sentence starts


@dataclass
class _Raw:
    start: int  # the whole figure: currency, number, scale, unit suffix
    end: int
    value: float
    unit: str | None
    core: tuple[int, int]  # the digits or number words
    word: bool = False  # spelled out ("three")
    high: float | None = None
    vague: bool = False  # "millions of", "dozens of": value and high are the order of magnitude


def parse_number(num: str, scale: str | None = None) -> float | None:
    """Return the value of a number as written ("3,500", "1/16", "twenty-five") times its scale."""
    text = num.lower().replace(",", "").replace("⁄", "/").strip()
    whole, _, part = text.rpartition(" ") if " " in text else ("", "", text)
    if part and part[-1] in _VULGAR:
        value: float | None = float(part[:-1] or 0) + _VULGAR[part[-1]]
    elif re.fullmatch(r"\d+/\d+", part):
        top, bottom = (int(x) for x in part.split("/"))
        value = float(whole or 0) + top / bottom if 0 < top < bottom and bottom in _DENOMINATORS else None
    else:
        try:
            value = float(text)
        except ValueError:
            value = _word_value(text)
    if value is None:
        return None
    for word in (scale or "").lower().split():
        value *= _SCALES.get(word, 1.0)
    return value


def _word_value(text: str) -> float | None:
    if text in ("a", "an"):
        return 1.0
    if text in _SMALL:
        return float(_SMALL[text])
    head, _, tail = text.partition("-")
    if head in _TENS:
        return float(_TENS[head] + _SMALL.get(tail, 0))
    return None


def _numbers(text: str) -> Iterator[_Raw]:
    """Every number-like span of one sentence, before any filtering."""
    for m in _NUMBER.finditer(text):
        scale = (m["scale"] or "").strip().lower()
        if scale in ("m", "b", "t") and not m["cur"] and m["scale"].strip() != "M":
            scale = ""  # "10m" without a currency is ten metres
        value = parse_number(m["num"], scale)
        if value is None or (m["num"].lower() in ("a", "an") and not scale):
            continue
        if (m["sign"] or "").strip() in ("minus", "minus-", "-", "−") or m["sign2"]:
            value = -value
        end = m.end() if scale or not m["scale"] else m.end("num")
        yield _Raw(m.start(), end, value, _unit_of(m, bool(scale)), (m.start("num"), m.end("num")),
                   m["num"][0].isalpha())
    yield from _pairs(text)
    lowered = text.lower()  # each pattern below needs one of a few words: look for them first
    vague = "of" in lowered and any(
        w in lowered for w in ("dozens", "hundreds", "thousands", "millions", "billions"))
    for m in _VAGUE.finditer(text) if vague else ():
        low = _vague_value(m.group(0))
        yield _Raw(m.start(), m.end(), low, None, (m.start(), m.end()), True, low * 10, True)
    for m in _HALF.finditer(text) if "half" in lowered else ():
        value = 0.5 * _SCALES[m[1].lower()]
        yield _Raw(m.start(), m.end(), value, None, (m.start(), m.end()), True)
    for m in _FRACTION.finditer(text) if any(w in lowered for w in _FRACTION_WORDS) else ():
        words = re.split(r"-\s?|\s", m.group(0).lower())
        key = "-".join(words) if words[0] in ("two", "three") else words[-1]
        yield _Raw(m.start(), m.end(), _FRACTIONS[key], "fraction", (m.start(), m.end()), True)


def _pairs(text: str) -> Iterator[_Raw]:
    """ "three or four" is a range (3, 4); "one out of three" a fraction (1/3)."""
    for m in _OR_RANGE.finditer(text) if _OR_WORD.search(text) else ():  # the test is 10x cheaper
        low, high = parse_number(m[1]), parse_number(m[2])
        if low is not None and high is not None and low < high:
            yield _Raw(m.start(), m.end(), low, None, (m.start(), m.end()), m[1][0].isalpha(), high)
    for m in _OUT_OF.finditer(text) if _OUT_WORD.search(text) else ():
        part, whole = parse_number(m[1]), parse_number(m[2])
        if part is not None and whole and part < whole:
            yield _Raw(m.start(), m.end(), part / whole, "fraction", (m.start(), m.end()), True)


def _vague_value(word: str) -> float:
    words = word.lower().split()
    base = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
    if len(words) > 1:
        return (10.0 if words[0] == "tens" else 100.0) * base[words[-1]]
    return base[words[0]]


def _unit_of(m: re.Match[str], scaled: bool) -> str | None:
    suffix = (m["suffix"] or "").strip().lower()
    if m["cur"]:
        return _CURRENCY.get(re.sub(r"\s+", "", m["cur"].lower()), "USD")
    if suffix in ("€", "p"):
        return _CURRENCY[suffix]
    if m["scale"] and not scaled and m["scale"].strip() == "m":
        return "m"
    if suffix.startswith("percentage"):
        return "percentage points"
    if suffix in ("%", "percent", "pct", "pc") or suffix.startswith("per"):
        return "percent"
    if suffix.startswith("basis") or suffix == "bps":
        return "basis points"
    return m["suffix"].strip() if m["suffix"] else None


# --- ranges and qualifiers ----------------------------------------------------------------------


def _merge_ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Join "5-10W", "15 to 22 miles", "between $62 and $68", "from 208 pounds to 193"."""
    out: list[_Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        if prev is not None and _ranged(text, prev, raw):
            low, top = prev.value, parse_number(text[raw.core[0] : raw.core[1]]) or 0.0
            if prev.end == prev.core[1] and 0 < low < top and raw.value > top:  # "$3 to $5 billion"
                low *= raw.value / top
            out[-1] = replace(prev, end=raw.end, value=low, unit=raw.unit or prev.unit, high=raw.value)
            continue
        out.append(raw)
    return out


def _ranged(text: str, prev: _Raw, raw: _Raw) -> bool:
    if prev.high is not None or prev.vague or raw.vague:
        return False
    gap = text[prev.end : raw.start]
    lead = text[max(0, prev.start - 20) : prev.start].lower()
    if re.fullmatch(r"\s*[-–—]\s*", gap) or re.fullmatch(r"\s*[-–]?\s*(?:to|-)\s*", gap):
        if re.search(r"\bby\s+$", lead) and prev.unit is not None:
            return False  # "increased by $43.6 billion to $419.2 billion"
        if prev.unit is not None and raw.unit is None:
            return bool(re.search(r"\bfrom\s+$", lead))  # "rose 8.15% to 3.65" is two figures
        if prev.value > raw.value and "to" in gap and not re.search(r"\bfrom\s+$", lead):
            return False  # "leads 46 percent to 35 percent": a score, two figures
        return raw.unit == prev.unit or prev.unit is None
    if re.fullmatch(r"\s+and\s+", gap) and re.search(r"\bbetween\s+$", lead):
        return raw.unit == prev.unit or prev.unit is None or raw.unit is None
    unit = re.fullmatch(r"(\s*[^\d\s](?:[^\d]{0,20}?|\S{0,10}))\s+(to|and|-|–)\s+", gap)
    if unit and text[raw.end : raw.end + len(unit[1])] == unit[1] and raw.unit == prev.unit:
        return unit[2] != "and" or bool(re.search(r"\bbetween\s+$", lead))  # "44 mg to 50 mg"
    if re.search(r"\bfrom\s+(?:up\s+to\s+|about\s+|around\s+)?$", lead):
        same = raw.unit is None or prev.unit is None or raw.unit == prev.unit
        return bool(re.fullmatch(r"(?:\s+[^\s,;]+){1,6}\s+to\s+", gap)) and same  # numbers between are times
    return False


def _qualify(text: str, raw: _Raw, floor: int) -> tuple[int, str | None]:
    window = text[max(floor, raw.start - 30) : raw.start]
    m = _QUALIFIER.search(window)
    if not m:
        return raw.start, None
    return raw.start - len(window) + m.start(), re.sub(r"\s+", " ", m.group(0).strip().lower())


# --- units, nouns, about ------------------------------------------------------------------------


def _token(doc: Doc, raw: _Raw) -> Token | None:
    span = doc.char_span(raw.core[0], raw.core[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _counted(raw: _Raw, tok: Token) -> Token | None:
    """The noun a number counts: "three million safe and effective vaccine doses" -> doses."""
    number = tok
    while tok.dep_ in ("compound", "nummod", "quantmod", "amod", "nmod", "npadvmod") and tok.head.i > tok.i:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and tok.idx >= raw.end:
            if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
                continue  # "vaccine" in "vaccine doses"
            return tok
    return misparsed_noun(raw, number)


def _of_noun(tok: Token) -> Token | None:
    """ "millions of Cambodians" -> Cambodians."""
    of = next((c for c in tok.children if c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _fraction_of(doc: Doc, raw: _Raw) -> Token | None:
    """ "one-quarter of its population" -> population: what a fraction is a part of."""
    span = doc.char_span(raw.core[0], raw.core[1], alignment_mode="expand")
    return next((n for t in reversed(span) if (n := _of_noun(t)) is not None), None) if span is not None else None


def _currency_word(text: str) -> str | None:
    m = re.match(
        r"\s+(?:(US|U\.S\.|Australian|Canadian|Hong Kong|Singapore|New Zealand)\s+)?(dollars?|euros?|"
        r"yen|yuan|renminbi|rupees?|shekels?|ringgit|riels?|baht|pesos?|roubles?|rubles?|francs?)\b",
        text,
        re.IGNORECASE,
    )
    if not m:
        return None
    word = m[2].lower().rstrip("s")
    if m[1] and word == "dollar":
        return _DOLLARS[m[1].lower()]
    return _CURRENCY_WORDS.get(word, word)


def noun_text(noun: Token) -> str:
    """The counted noun with its compounds: "vaccine doses", "Cambodian-Americans"."""
    left = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i == left - 1 and (child.dep_ == "compound" or child.text == "-") and not child.like_num \
                and not child.is_space:
            left = child.i
        else:
            break
    return noun.doc[left : noun.i + 1].text


def quantities(doc: Doc, source: Source) -> Iterator[Quantity]:
    """Yield every figure of `doc` (as `figures` does) with the top of its range, in text order."""
    anchor = source.anchor or source.date
    furniture = [(f.start, f.end) for f in [*source.furniture, *source.garbled]]  # neither is content
    for sent in doc_sents(doc):
        kept: list[tuple[_Raw, Token | None]] = []
        raws = _dedupe(_numbers(doc.text[sent.start_char:sent.end_char]))
        dates = [(s, e) for s, e, _, _ in sentence_dates(sent, anchor)] if raws else []
        phones = [m.span() for m in PHONE.finditer(doc.text[sent.start_char:sent.end_char])] if raws else []
        for raw in raws:
            if any(s <= raw.start < e for s, e in phones):
                continue
            raw = with_age(doc.text, _shift(raw, sent.start_char))
            tok = _token(doc, raw)
            noun = _counted(raw, tok) if tok is not None else None
            if raw.vague and tok is not None:
                noun = _of_noun(tok)  # "millions of Cambodians"
            elif raw.unit == "fraction" and noun is None:
                noun = _fraction_of(doc, raw)
            if not excluded(doc, raw, noun, dates) and not any(s <= raw.start < e for s, e in furniture):
                kept.append((raw, noun))
        kept = orphans(doc.text, kept)
        nouns = {r.start: n for r, n in kept}
        for raw in _merge_ranges(doc.text, [r for r, _ in kept]):
            if is_score(doc.text, raw, nouns.get(raw.start)):
                continue
            yield _quantity(doc, sent, source, raw, nouns.get(raw.start))


def _dedupe(raws: Iterator[_Raw]) -> list[_Raw]:
    out: list[_Raw] = []
    for raw in sorted(raws, key=lambda r: (r.start, -r.end)):
        if not out or raw.start >= out[-1].end:
            out.append(raw)
    return out


def _shift(raw: _Raw, offset: int) -> _Raw:
    core = (raw.core[0] + offset, raw.core[1] + offset)
    return replace(raw, start=raw.start + offset, end=raw.end + offset, core=core)


def _quantity(doc: Doc, sent: Span, source: Source, raw: _Raw, noun: Token | None) -> Quantity:
    start, qualifier = _qualify(doc.text, raw, sent.start_char)
    if qualifier is not None and preposition(doc, start):
        start, qualifier = raw.start, None
    unit = raw.unit or _currency_word(doc.text[raw.end : raw.end + 40])
    joined = _unit_word(doc, raw) if unit is None else None
    period = _period_noun(doc, raw) if unit is None and joined is None else None
    if period is not None:  # "a six-month window": the figure is "six-month", the window what it measures
        end = re.match(r"-\w+", doc.text[raw.end :]).end() + raw.end  # type: ignore[union-attr]
        raw, unit, noun = replace(raw, end=end), doc.text[raw.end + 1 : end].lower(), period
    elif joined is not None:  # "a 200-mile zone": the figure is "200-mile", the zone what it measures
        raw, unit, noun = replace(raw, end=joined.idx + len(joined.text)), joined.lower_, joined
    elif unit is None and (sized := sized_by_count(doc, raw)) is not None:
        # "a 15-member council": the figure is "15-member", the council what it measures
        raw, unit, noun = replace(raw, end=sized[0].idx + len(sized[0].text)), sized[0].lower_, sized[1]
    elif noun is not None and unit is None and _reads_with_unit(doc, raw, noun):
        raw = replace(raw, end=noun.idx + len(noun.text))  # "more than 20 years", "about 3,000 tons"
    if unit is None and noun is not None:
        unit = noun_text(noun)
    figure = Figure(
        id="",
        source=source.id,
        text=doc.text[start : raw.end],
        start=start,
        end=raw.end,
        value=raw.value,
        unit=unit,
        qualifier=qualifier,
        about=about(doc, start, raw.end, noun, age=raw.unit in AGE_UNITS, bare=unit is None),
        as_of=figure_date(doc, sent, source.anchor or source.date, start, raw.end),
    )
    return Quantity(figure, raw.high, raw.vague, sent.start_char)


def _reads_with_unit(doc: Doc, raw: _Raw, noun: Token) -> bool:
    """A duration or a unit of measure is part of the figure as written ("130 meters")."""
    if noun.lower_ not in TIME_UNITS and noun.lemma_.lower() not in MEASURE_UNITS:
        return False
    between = doc.text[raw.end : noun.idx]
    return len(between.split()) <= 2 and not re.search(r"\d|[,;(]", between)


def _period_noun(doc: Doc, raw: _Raw) -> Token | None:
    """The noun of "a six-month window" when a hyphenated duration gives a period's length."""
    m = period_of(doc.text[raw.end : raw.end + 40])
    span = doc.char_span(raw.end + m.start("noun"), raw.end + m.end("noun"), alignment_mode="expand") if m else None
    return span[-1] if span is not None and len(span) else None


def _unit_word(doc: Doc, raw: _Raw) -> Token | None:
    """The unit of "200-mile" when the number is joined to it by a hyphen."""
    m = re.match(r"-([a-z]+)\b(?!-)", doc.text[raw.end : raw.end + 20])
    if not m:
        return None
    span = doc.char_span(raw.end + 1, raw.end + m.end(), alignment_mode="expand")
    tok = span[-1] if span is not None and len(span) else None
    return tok if tok is not None and tok.lemma_.lower() in MEASURE_UNITS else None


def figures(doc: Doc, source: Source) -> Iterator[Figure]:
    """Yield the figures of one source a reader wants: money, percentages, counts and quantities.

    Each Figure has `text == source.text[start:end]` (the figure with its qualifier), a value,
    a unit (USD, percent, the counted noun), what it measures (`about`) and the date it refers
    to (`as_of`) when the sentence gives one; `id` and `themes` are left for the pipeline.
    Unlike `quantities`, it leaves out what a figures table never holds: ages, vague amounts
    ("millions of"), a count of one, a conversion in brackets, durations that only time
    something else ("over the last 30 years", "after five days of clashes") and small counts in
    words that only tell the story ("rests on three pillars": counts.py).
    """
    found = list(quantities(doc, source))
    for q in found:
        others = [o.figure for o in found if o.sent == q.sent and o is not q]
        if brief_figure(doc.text, q.figure, others, vague=q.vague) and not narrative_count(doc, q.figure):
            yield q.figure
