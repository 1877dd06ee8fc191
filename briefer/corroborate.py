"""Across sources: merge near-duplicate facts and events (one item citing every source that reports
it), surface conflicts (same thing, different date or figure), and let an undated source borrow the
date of its dated twin for resolving relative dates. Works on model types only, no spaCy."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from briefer.distinct import different
from briefer.extract.about import MEASURE_UNITS
from briefer.extract.dates import MONTHS, WEEKDAYS, normalise, parse_anchor
from briefer.model import Claim, Conflict, Event, Fact, Figure, Location, Source

STOP = frozenset(
    """
    a an the of to in on at by for with from and or but as is are was were be been has have had
    that this these those it its their his her he she they we our not no will would could may
    might can also than then there which who whom whose what when where while after before over
    under into about said says say told according since last this week year month day upon
    between among amid
    """.split()
)
WORD = re.compile(r"[a-z0-9]+(?:[.'’][a-z0-9]+)*")


def signature(text: str) -> frozenset[str]:
    """Content words of a sentence, crudely stemmed, for near-duplicate detection."""
    out = set()
    for w in WORD.findall(text.casefold().replace("’s", "").replace("'s", "")):
        if w in STOP or len(w) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.add(w)
    return frozenset(out)


def similar(a: frozenset[str], b: frozenset[str], *, jaccard: float = 0.3, overlap: float = 0.5) -> bool:
    """True when two signatures share enough content words to report the same thing."""
    if not a or not b:
        return False
    common = len(a & b)
    return common >= 4 and common / len(a | b) >= jaccard and common / min(len(a), len(b)) >= overlap


def merge_facts(facts: Iterable[Fact], sources: Iterable[Source] = ()) -> list[Fact]:
    """Merge near-duplicate facts from different sources; the best-scored text represents them.

    Similar words are not enough: statements whose dates, figures, parties or tense differ tell
    different things (distinct.py); `sources` give the dates that resolve "on Friday"."""
    anchors = {s.id: s.anchor or s.date for s in sources}
    clusters: list[tuple[frozenset[str], Fact]] = []
    for fact in sorted(facts, key=lambda f: -f.score):
        sig = signature(fact.text)
        for csig, rep in clusters:
            if fact.sources[0].source not in _ids(rep.sources) and similar(sig, csig) and not different(
                    fact.text, rep.text, anchors.get(fact.sources[0].source), anchors.get(rep.sources[0].source)):
                rep.sources.extend(fact.sources)
                rep.themes = list(dict.fromkeys([*rep.themes, *fact.themes]))
                break
        else:
            clusters.append((sig, Fact(id="", text=fact.text, sources=list(fact.sources),
                                       themes=list(fact.themes), score=fact.score)))
    merged = [rep for _, rep in clusters]
    for fact in merged:
        fact.score = round(fact.score * (1 + 0.3 * (len(_ids(fact.sources)) - 1)), 4)
    return sorted(merged, key=lambda f: -f.score)


def merge_events(events: Iterable[Event]) -> tuple[list[Event], list[Conflict]]:
    """Merge the same event reported by several sources; differing dates become conflicts.

    A scheduled event (a plan) never merges with one that happened, nor conflicts with it. Two
    sentences of one source that tell the same happening on the same date are one event."""
    merged: list[tuple[frozenset[str], Event]] = []
    conflicts: list[Conflict] = []
    for event in events:
        sig = signature(event.text)
        for csig, rep in merged:
            if rep.scheduled != event.scheduled:
                continue
            if event.sources[0].source in _ids(rep.sources):
                if rep.date == event.date and rep.text != event.text and similar(sig, csig):
                    rep.sources.extend(event.sources)  # "inaugurated the base" / "a ceremony marking it"
                    break
                continue
            if not similar(sig, csig, jaccard=0.25, overlap=0.45):
                continue
            if compatible(rep.date, event.date):
                _absorb(rep, event)
                break
            if bool(rep.date_text) != bool(event.date_text) and _precise(rep.date, event.date) \
                    and similar(sig, csig, jaccard=0.4, overlap=0.6) \
                    and _days_apart(rep.date, event.date) <= CLOSE_DAYS:
                _written_wins(rep, event)  # a lede dated by its page's day yields to a written date
                break
            if similar(sig, csig, jaccard=0.4, overlap=0.6) and _precise(rep.date, event.date) \
                    and rep.date_text and event.date_text:  # a lede dated by its page claims no day
                _add_conflict(conflicts, _date_conflict(rep, event))
        else:
            merged.append((sig, Event(id="", date=event.date, text=event.text, date_text=event.date_text,
                                      sources=list(event.sources), themes=list(event.themes),
                                      scheduled=event.scheduled)))
    return sorted((e for _, e in merged), key=lambda e: e.date), conflicts


# two days within two weeks: a report coming out days after what it tells ("X has fined Y"), or
# two figures of one measure given at about the same time
CLOSE_DAYS = 14


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10**6  # a month or a year: too coarse to be the same few days


def _written_wins(rep: Event, event: Event) -> None:
    """The same happening, one source writing its date and the other's lede dated by the day the
    page came out ("X has fined Y", published three days later): the written date stands, both
    sources are cited."""
    if not rep.date_text:
        rep.date, rep.date_text, rep.text = event.date, event.date_text, event.text
        rep.sources[:0] = event.sources
    else:
        rep.sources.extend(event.sources)
    rep.themes = list(dict.fromkeys([*rep.themes, *event.themes]))


def _add_conflict(conflicts: list[Conflict], new: Conflict) -> None:
    """Add a conflict unless one with the same sources giving the same values is there already
    (two sentences of one source telling the same date)."""
    key = {(c.location.source, c.value) for c in new.claims}
    if not any({(c.location.source, c.value) for c in old.claims} == key for old in conflicts):
        conflicts.append(new)


def _absorb(rep: Event, event: Event) -> None:
    if len(event.date) > len(rep.date):  # the more precise date wins, with the words that give it
        rep.date, rep.date_text, rep.text = event.date, event.date_text, event.text
        rep.sources[:0] = event.sources
    else:
        rep.sources.extend(event.sources)
    rep.themes = list(dict.fromkeys([*rep.themes, *event.themes]))


def compatible(a: str, b: str) -> bool:
    """True when two ISO dates can be the same day ("2021" and "2021-12" can)."""
    return a.startswith(b) or b.startswith(a)


def _precise(a: str, b: str) -> bool:
    return len(a) >= 7 and len(b) >= 7


def _date_conflict(a: Event, b: Event) -> Conflict:
    return Conflict(about=a.text, themes=list(dict.fromkeys([*a.themes, *b.themes])), claims=[
        Claim(text=_as_written(a), value=a.date, location=a.sources[0]),
        Claim(text=_as_written(b), value=b.date, location=b.sources[0]),
    ])


def _as_written(event: Event) -> str:
    """An event's date as its source wrote it, with the date it was read as in brackets when the
    words give no year ("last month [September 2024]", "Oct. 31 [31 October 2025]")."""
    from briefer.timing import human  # timing reads yearless, which reads this module

    if not event.date_text:
        return event.date
    if re.search(r"\b\d{4}\b", event.date_text):
        return event.date_text
    return f"{event.date_text} [{human(event.date)}]"


def figure_conflicts(figures: list[Figure], sources: Iterable[Source] = ()) -> list[Conflict]:
    """Figures from different sources that give different values for the same measure: one Conflict
    per measure, one claim per source's value.

    Same measure: the same kind of unit (currency, percent, unit of measure or a count), what they
    measure in closely matching words ("cost of the dam" / "the dam's cost"), and the same time
    (their as_of dates, else their sources' dates, agree). Different: their values cannot both
    hold, given their qualifiers ("more than 40" and "45" can) and the precision they are written
    with ("$2.1 billion" and "$2.14 billion" can); values an order of magnitude apart measure
    different things ("20,000 killed since 1979" and "43 killed in July"). Candidate measures are
    found through an index of their words, so the cost follows the figures, not their pairs."""
    dates = {s.id: s.date for s in sources}
    clusters: list[list[Figure]] = []
    rep_words: list[frozenset[str]] = []
    index: dict[tuple[str, str], list[int]] = {}
    for fig in figures:
        words, kind = _measure_words(fig.about), _kind(fig)
        if fig.value is None or len(words) < 2:
            continue  # one word never matches enough of another figure's measure
        shared: dict[int, int] = {}
        for word in words:
            for j in index.get((kind, word), ()):
                shared[j] = shared.get(j, 0) + 1
        j = next((j for j in sorted(shared) if shared[j] >= 2
                  and _same_measure(clusters[j][0], fig, rep_words[j], words, dates)), None)
        if j is None:
            for word in words:
                index.setdefault((kind, word), []).append(len(clusters))
            clusters.append([fig])
            rep_words.append(words)
        elif all(f.source != fig.source for f in clusters[j]):
            clusters[j].append(fig)
    out = []
    for cluster in clusters:
        if any(_disagree(a, b) for i, a in enumerate(cluster) for b in cluster[i + 1:]):
            themes = list(dict.fromkeys(t for f in cluster for t in f.themes))
            out.append(Conflict(about=max((f.about for f in cluster), key=len), themes=themes, claims=[
                Claim(text=f.text, value=str(f.value), location=Location(f.source, f.start, f.end))
                for f in cluster]))
    return out


_SAME_WORDS = {"dead": "kill", "death": "kill", "die": "kill", "died": "kill", "fatalit": "kill",
               "fataliti": "kill", "toll": "kill", "wound": "injur", "injuri": "injur", "hurt": "injur",
               "injure": "injur"}
_AT_LEAST = ("more than", "over", "at least", "upwards of", "in excess of", "greater than", "above",
             "just over", "well over", "just above", "well above")
_AT_MOST = ("less than", "fewer than", "under", "below", "up to", "at most", "just under", "well under",
            "as many as", "as much as", "just below", "well below")
_ABOUT = ("about", "around", "approximately", "roughly", "some", "close to", "an estimated", "estimated",
          "circa", "~", "≈")


def _measure_words(about: str) -> frozenset[str]:
    """What a figure measures as content words, with the usual synonyms of a toll made one."""
    return frozenset(_SAME_WORDS.get(w, w) for w in signature(about) if not w[0].isdigit())


def _kind(fig: Figure) -> str:
    """Currency code, percent, a unit of measure, or "count" for counted nouns and bare numbers."""
    unit = (fig.unit or "").strip()
    if unit.isupper() and len(unit) == 3 or unit in ("percent", "percentage points", "basis points", "fraction"):
        return unit
    single = unit.lower().removesuffix("s")
    return single if unit.lower() in MEASURE_UNITS or single in MEASURE_UNITS else "count"


def _same_measure(a: Figure, b: Figure, wa: frozenset[str], wb: frozenset[str],
                  dates: dict[str, str | None]) -> bool:
    """True when two figures (of one kind of unit, measuring words `wa`, `wb`) measure one thing."""
    if a.source == b.source:
        return False
    common = len(wa & wb)
    enough = 2 if a.as_of and b.as_of else 3  # "people killed" alone could be any two events
    if common < enough:
        return False
    ua, ub = signature(a.unit or ""), signature(b.unit or "")
    if _kind(a) == "count" and ua and ub and not (ua <= ub or ub <= ua):
        return False  # "soldiers" and "civilians" are counts of different things
    nested = wa <= wb or wb <= wa  # one source says less about the same thing
    if not (nested or common / len(wa | wb) >= 0.6):
        return False  # "Kessler Dam cost" and "Kessler Bridge cost" differ in a word each
    return _same_time(a.as_of or dates.get(a.source), b.as_of or dates.get(b.source))


def _same_time(a: str | None, b: str | None) -> bool:
    """Unknown times agree with anything; two days agree within two weeks."""
    if not a or not b or compatible(a, b):
        return True
    return len(a) == len(b) == 10 and _days_apart(a, b) <= CLOSE_DAYS


def _disagree(a: Figure, b: Figure) -> bool:
    """True when two values of one measure cannot both be right."""
    if a.value == b.value or not a.value or not b.value:
        return False
    if max(abs(a.value), abs(b.value)) > 10 * min(abs(a.value), abs(b.value)):
        return False  # an order of magnitude apart: not the same thing after all
    (lo_a, hi_a), (lo_b, hi_b) = _bounds(a), _bounds(b)
    return hi_a < lo_b or hi_b < lo_a


def _bounds(fig: Figure) -> tuple[float, float]:
    """The values a figure as written allows: its qualifier, then the precision of its digits."""
    value = float(fig.value or 0.0)
    q = (fig.qualifier or "").lower()
    if q in _AT_LEAST:
        return value, float("inf")
    if q in _AT_MOST:
        return float("-inf"), value
    if q in ("nearly", "almost"):
        return value * 0.9, value
    if q in _ABOUT:
        return value * 0.9, value * 1.1
    half = _half_step(fig)
    return value - half, value + half


def _half_step(fig: Figure) -> float:
    """Half the last written digit's worth: "$2.1 billion" is 2.05-2.15 billion."""
    m = re.search(r"\d[\d,]*\.(\d+)", fig.text)
    if not m:
        return 0.0
    digits = re.sub(r"[^\d.]", "", m.group(0))
    written = float(digits) if digits else 0.0
    scale = abs(float(fig.value or 0.0)) / written if written else 1.0
    return 0.5 * 10 ** -len(m[1]) * scale


def place_days(sources: list[Source]) -> None:
    """Give a source whose dateline has a day but no year ("BERLIN, May 6 (Reuters) -") that day
    in the year of the set's newest dated source (the year before when the day would fall more
    than a week after that source), as the anchor for its relative dates. Its own date stays
    unknown: the year is the set's, not the page's, unless the story's first lines name the weekday
    ("SEOUL, April 4 (Yonhap) -- The court ... on Friday"), which that day has in that year only."""
    dates = sorted(s.date for s in sources if s.date and len(s.date) == 10)
    if not dates:
        return
    newest = datetime.date.fromisoformat(dates[-1])
    for src in sources:
        if src.anchor or not src.day:
            continue
        month, day = map(int, src.day.split("-"))
        for year in (newest.year, newest.year - 1):
            try:
                placed = datetime.date(year, month, day)
            except ValueError:
                continue
            if placed <= newest + datetime.timedelta(days=7):
                src.anchor = placed.isoformat()
                if _lede_weekday(src.text) == placed.weekday() and not src.date:
                    src.date, src.date_basis = src.anchor, "dateline and weekday"
                else:
                    src.notes.append(f"undated: its dateline's day read in {year}, the year of the other sources")
                break


_WEEKDAY_WORD = re.compile(r"\b(?:on |last |this )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _lede_weekday(text: str) -> int | None:
    """The one weekday the story's first 400 characters name (0 = Monday), else None."""
    days = {m[1].casefold() for m in _WEEKDAY_WORD.finditer(text[:400])}
    return WEEKDAYS[days.pop()] if len(days) == 1 else None


def borrow_anchors(sources: list[Source], *, threshold: float = 0.08) -> None:
    """Give an undated source the date of the dated source that tells the same story, as the anchor
    for its relative dates ("on Nov. 6", "last week"). Its own date stays unknown.

    Shared word 4-grams are counted through an index of the dated sources' 4-grams, so the
    cost follows the text, not the number of (undated, dated) pairs."""
    undated = [s for s in sources if not s.anchor]
    dated = [s for s in sources if s.anchor and s.date]
    if not undated or not dated:
        return
    index: dict[int, list[int]] = {}
    sizes = []
    for j, other in enumerate(dated):
        grams = _shingles(other.text)
        sizes.append(len(grams))
        for g in grams:
            index.setdefault(g, []).append(j)
    for src in undated:
        grams = _shingles(src.text)
        shared: dict[int, int] = {}
        for g in grams:
            for j in index.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        best, best_sim = None, threshold
        for j in sorted(shared):  # source order: the first of equals wins
            sim = shared[j] / max(min(len(grams), sizes[j]), 1)
            if sim > best_sim:
                best, best_sim = dated[j], sim
        if best is not None:
            src.anchor = best.date
            src.notes.append(f"undated: relative dates read as of {best.date} ({best.label}, same story)")


_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def _shingles(text: str, n: int = 4) -> set[int]:
    """The text's word n-grams (case-folded), as hashes, outside quotation marks: two stories that
    quote the same order or treaty need not be one story."""
    words = WORD.findall(_QUOTED.sub(" | ", text).casefold())
    return {hash(tuple(words[i:i + n])) for i in range(len(words) - n + 1)}


def _ids(locations: list[Location]) -> set[str]:
    return {loc.source for loc in locations}


# --- a year for a page that writes none, from another source telling the same day's happening ---

_MONTH_WORD = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_ABBR = "|".join(m for m in MONTHS if len(m) <= 4 and m != "may")
_MON = rf"(?:{_MONTH_WORD}|(?:{_ABBR})\.)"
_DAY_MONTH = re.compile(rf"(?<![\w.])(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MON})"
                        rf"|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))"
                        rf"(?P<year>,?\s+(?:1[5-9]|20)\d\d\b)?", re.IGNORECASE)
_WRITES_A_YEAR = re.compile(r"(?<![\d.,$£€])\b(?:1[5-9]|20)\d\d\b(?![\d,.]\d)")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)

_DAY_WORD = re.compile(r"(?:[12]?\d|3[01])(?:st|nd|rd|th)?")
Told = tuple[int, int, frozenset[str], int | None]  # month, day, the sentence's words, weekday written


def borrow_years(sources: list[Source], *, shared: int = 3) -> None:
    """Give an undated source whose days have no year ("On 25 April, the ministers signed ...") the
    year of another source that tells the same happening on the same day and month in shared words
    ("04/25/2025 ... Today ... convened the signing"): its anchor becomes that year, so its
    yearless dates read in it. Evidence: the other source's own full date, a date it writes with
    its year, or a yearless one its anchor places; `shared` content words beyond the date in one
    sentence each; a weekday written with the day must fall on it. Sources that disagree on the
    year give none; a source with no such twin stays unknown, and so does one whose own written
    years are newer than the twin's. A source placed this way can place another."""
    todo = [s for s in sources if not (s.anchor or s.date)]
    newest = {id(s): max((int(y) for y in _WRITES_A_YEAR.findall(s.text)), default=0) for s in todo}
    told = {id(s): _yearless_days(s.text) for s in todo}
    wanted = {(month, day) for days in told.values() for month, day, _, _ in days}
    if not wanted:
        return
    index: dict[tuple[int, int], list[tuple[frozenset[str], int, Source]]] = {}
    for src in sources:
        if src.anchor or src.date:
            _index_days(index, src, wanted)
    changed = True
    while changed:
        changed = False
        for src in (s for s in todo if not s.anchor):
            years: dict[int, Source] = {}
            for month, day, words, weekday in told[id(src)]:
                for their_words, year, other in index.get((month, day), ()):
                    if other is not src and len(words & their_words) >= shared \
                            and _weekday_fits(weekday, year, month, day):
                        years.setdefault(year, other)
            if len(years) == 1 and next(iter(years)) >= newest[id(src)]:
                # a page that writes years of its own borrows only a year no older than they are:
                # its years are then background ("adopted in 2022"), the twin's day its news
                ((year, other),) = years.items()
                src.anchor = str(year)
                src.notes.append(f"undated: its dates without a year read in {year} ({other.label} tells "
                                 "the same happening on the same day)")
                _index_days(index, src, wanted)
                changed = True


def _index_days(index: dict[tuple[int, int], list[tuple[frozenset[str], int, Source]]], src: Source,
                wanted: set[tuple[int, int]]) -> None:
    """Add a dated source's placed days that undated pages tell (`wanted`) to the (month, day) index."""
    for month, day, words, year in _placed_days(src, wanted):
        index.setdefault((month, day), []).append((words, year, src))


def _yearless_days(text: str) -> list[Told]:
    """(month, day, the sentence's words, weekday) of each day written without a year."""
    out = []
    for sent in _SENTENCE.finditer(text):
        for m in _DAY_MONTH.finditer(sent[0]):
            if not m["year"]:
                month, day = _month_day(m)
                weekday = _WEEKDAY.search(sent[0][max(0, m.start() - 12):m.end() + 12])
                out.append((month, day, _words(sent[0]), WEEKDAYS[weekday[1].lower()] if weekday else None))
    return out


def _placed_days(src: Source, wanted: set[tuple[int, int]]) -> list[tuple[int, int, frozenset[str], int]]:
    """(month, day, the sentence's words, year) of each wanted day a dated source places in a year:
    its own date (for every sentence), the dates it writes with a year, and the yearless ones its
    anchor resolves. Only sentences that hold a wanted day are read word by word."""
    anchor = src.anchor or src.date or ""
    own = parse_anchor(src.date if src.date and len(src.date) == 10 else None)
    own_day: tuple[int, int, int] | None = None
    if own is not None and own[1] is not None and own[2] is not None and (own[1], own[2]) in wanted:
        own_day = (own[1], own[2], own[0])
    out = []
    for sent in _SENTENCE.finditer(src.text):
        days = [(month, day, m[0]) for m in _DAY_MONTH.finditer(sent[0])
                for month, day in [_month_day(m)] if (month, day) in wanted]
        if not days and own_day is None:
            continue
        words = _words(sent[0])
        if own_day is not None:
            out.append((own_day[0], own_day[1], words, own_day[2]))
        for _, _, written in days:
            iso = normalise(written, anchor)
            if iso and len(iso) == 10:
                out.append((int(iso[5:7]), int(iso[8:]), words, int(iso[:4])))
    return out


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    return MONTHS[(m["m1"] or m["m2"]).lower().rstrip(".")], int(m["d1"] or m["d2"])


def _words(sentence: str) -> frozenset[str]:
    """A sentence's content words without its dates' words (months, weekdays, numbers under 32)."""
    return frozenset(w for w in signature(sentence) if w not in MONTHS and w.rstrip("s") not in WEEKDAYS
                     and not _DAY_WORD.fullmatch(w))


def _weekday_fits(weekday: int | None, year: int, month: int, day: int) -> bool:
    if weekday is None:
        return True
    try:
        return datetime.date(year, month, day).weekday() == weekday
    except ValueError:
        return False
