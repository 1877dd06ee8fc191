"""Text that no careful writer produced: machine translation, spinning and machine-written
rewrites of other outlets' stories, found from the shape of the text itself.

Each detector yields (start, end, reason) for one anomaly. None of them knows a topic or a word
of any particular story: they look at grammar (a country name taking "the"), spelling (one name
written in several forms), punctuation (first-person speech without quotation marks, quotation
marks that close without opening), dates (a weekday that is not the date's), stock phrasing
(an abstract subject that "underscores the growing tensions"), vocabulary (lower-case words no
shipped word list knows: a translation engine's inventions) and a synonym spinner's swaps ("got
here to energy" for "came to power").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Container, Iterator
from datetime import date
from typing import TYPE_CHECKING

from briefer import DEFAULT_MODEL
from briefer.extract import slips
from briefer.extract.spans import doc_sents, ent_at
from briefer.extract.spinner import spinner_phrases
from briefer.ingest.pagedate import MONTH_NAMES, MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Anomaly = tuple[int, int, str]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
_MONTH = rf"(?P<m>{MONTH_NAMES})\.?"
WEEKDAY_DATE = [
    re.compile(_DAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(_DAY + r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
               + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
]

FIRST_PERSON = {"i", "we", "my", "our", "us", "me", "ours"}
SPEECH_TAIL = re.compile(
    r",\s*(?:(?:he|she|they|it)|(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}|the\s+\w+(?:\s+\w+){0,3})"
    r"\s+(?:said|added|stated|stressed|emphasized|emphasised|noted|declared|told|explained|"
    r"continued|insisted|affirmed|concluded)\b[^\"“”]{0,60}[.!]?\s*$")
QUOTE_CHARS = "\"“”«»"
# Russian- and French-style attribution after a quote: `", - he said` ("- " where English has none)
DASH_ATTRIBUTION = re.compile(r"[\"”»],?\s+[-–—]\s+(?:[a-z]+\s+)?[A-Za-z]\w+\s+\w+")
# a closing typographic quote with no opening one before it in the same paragraph
CLOSE_QUOTE = "”"
OPEN_QUOTE = "“"

COMMENT_VERBS = {"underscore", "highlight", "reflect", "signal", "illustrate", "indicate", "demonstrate",
                 "exemplify", "emphasize", "emphasise", "showcase", "underline"}
COMMENT_SUBJECT_DETS = {"this", "these", "such"}
ABSTRACT_OBJECT_MODS = {"ongoing", "growing", "broader", "deepening", "heightened", "increasing",
                        "complex", "complexity", "escalating", "persistent", "continued", "rising"}


def weekday_mismatches(text: str) -> Iterator[Anomaly]:
    """A date written with a weekday that is not that date's ("Friday, December 15, 2025")."""
    for pattern in WEEKDAY_DATE:
        for m in pattern.finditer(text):
            try:
                day = date(int(m.group("y")), MONTHS.index(m.group("m")[:3].casefold()) + 1, int(m.group("d")))
            except ValueError:
                yield m.start(), m.end(), "a date that does not exist"
                continue
            if WEEKDAYS[day.weekday()] != m.group("wd").casefold():
                yield m.start(), m.end(), "a weekday that is not the date's"


# a sentence's last word, its full stop and a Title Case heading with no space or line break
# between them, at the end of a line ("... sending them adrift.Key Details")
RUN_IN_HEADING = re.compile(r"[a-z]{3,}[.!?][A-Z][a-z]+(?: [A-Z][a-z]+){0,3}[ \t]*$", re.M)


def run_in_headings(text: str) -> Iterator[Anomaly]:
    """A heading run into the sentence before it: a page assembled from generated blocks."""
    for m in RUN_IN_HEADING.finditer(text):
        yield m.start(), m.end(), "a heading run into the text"


def unquoted_speech(doc: Doc) -> Iterator[Anomaly]:
    """First-person speech closed by ", he said" with no quotation mark anywhere in the sentence:
    a translation or rewrite that dropped the quote marks (also: quotes that close without
    opening, and ` - he said` attributions in another language's punctuation)."""
    text = doc.text
    for sent in doc_sents(doc):
        s = text[sent.start_char:sent.end_char]
        if any(c in s for c in QUOTE_CHARS):
            if DASH_ATTRIBUTION.search(s):
                yield sent.start_char, sent.end_char, "quotation in another language's punctuation"
            continue
        tail = SPEECH_TAIL.search(s.rstrip())
        if tail and _first_person(sent, sent.start_char + tail.start()):
            yield sent.start_char, sent.end_char, "speech without quotation marks"
    yield from _unopened_quotes(text)


def _first_person(sent: Span, before: int) -> bool:
    """A first-person pronoun ("we", "our"; not "US") before the attribution."""
    return any(t.lower_ in FIRST_PERSON and t.tag_ in {"PRP", "PRP$"} and t.text != "US"
               for t in sent if t.idx < before)


def _unopened_quotes(text: str) -> Iterator[Anomaly]:
    """The first paragraph whose typographic quotes close more often than they open, where the
    page uses no straight quotes (pages that mix both kinds are merely inconsistent)."""
    if '"' in text:
        return
    pos = 0
    for para in text.split("\n"):
        extra = para.count(CLOSE_QUOTE) - para.count(OPEN_QUOTE)
        if extra > 0 and extra % 2:  # an even surplus is a page writing ” for both marks
            yield pos, pos + len(para), "quotation marks that close without opening"
            return
        pos += len(para) + 1


def country_with_article(doc: Doc) -> Iterator[Anomaly]:
    """A one-word country or city name heading its phrase after "the" or "a" ("the Cambodia
    shifting ..") when the same text uses that name bare elsewhere: names that take an article
    take it every time ("the Kingdom", "the Philippines"), and a name modifying a noun ("the
    Cambodia office") is no head."""
    with_article: list[tuple[Token, Token]] = []
    bare: set[str] = set()
    for tok in doc:
        if not _place_name(tok):
            continue
        det = doc[tok.i - 1] if tok.i else None
        if det is not None and det.lower_ in ARTICLES:
            if det.head.i == tok.i and tok.dep_ not in {"compound", "amod", "nmod", "poss"} and _heads_phrase(tok):
                with_article.append((det, tok))
        elif _heads_phrase(tok):
            bare.add(tok.text)
    for det, tok in with_article:
        if tok.text in bare:
            yield det.idx, tok.idx + len(tok.text), "a country name with an article"


ARTICLES = {"the", "a", "an"}


def _place_name(tok: Token) -> bool:
    """A one-word place name written as a word, not an acronym ("Cambodia", not "US")."""
    if tok.pos_ != "PROPN" or not tok.is_alpha or not tok.is_title or tok.text.endswith("s"):
        return False
    ent = ent_at(tok.doc, tok.i)
    return ent is not None and ent.label_ == "GPE" and len(ent) == 1


def _heads_phrase(tok: Token) -> bool:
    """The name is the phrase's head word (no noun after it that it modifies)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "NUM"} and nxt.text not in {"-", "–", "'s", "’s"}


def name_variants(doc: Doc) -> Iterator[Anomaly]:
    """A proper name the model does not know that is one or two letters off a name the text also
    uses ("Cambodies", "Cambodias" beside "Cambodia"): mangled names, not spelling choices.
    Regular derived forms ("Cambodian", "Filipinos") are known words and never counted."""
    known = model_words()
    if not known:
        return
    names: dict[str, Token] = {}
    for tok in doc[:-1]:  # the last word may be cut short by the page's end
        if tok.is_alpha and tok.text[:1].isupper() and len(tok.text) >= 5:
            names.setdefault(tok.text, tok)
    good = [n for n in names if n in known]
    for name, tok in names.items():
        if name in known or name.lower() in known or name.isupper() or tok.is_sent_start:
            continue
        near = next((g for g in good if _near(name, g)), None)
        if near is not None:
            yield tok.idx, tok.idx + len(name), "a name written two ways"


@functools.cache
def model_words() -> frozenset[str]:
    """The words of the default spaCy model's training vocabulary (its strings.json, as
    shipped: a Doc's own StringStore also holds every word it has seen), or an empty set."""
    try:
        import spacy.util

        root = spacy.util.get_package_path(DEFAULT_MODEL)
        path = next(root.glob("**/vocab/strings.json"))
        return frozenset(json.loads(path.read_text(encoding="utf-8")))
    except (ImportError, OSError, StopIteration, ValueError):
        return frozenset()


@functools.cache
def dictionary_words() -> Words:
    """The lemmas of the default model's lemmatizer index (a WordNet word list, as shipped) with
    the model's vocabulary: the words an English text is expected to use; empty when missing."""
    lemmas: set[str] = set()
    try:
        import spacy.util
        from spacy.lookups import Lookups

        root = spacy.util.get_package_path(DEFAULT_MODEL)
        index = Lookups().from_disk(next(root.glob("**/lemmatizer/lookups"))).get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            lemmas.update(index.get(pos, []))
    except (ImportError, OSError, StopIteration, ValueError, KeyError):
        pass
    return Words(model_words(), frozenset(lemmas))


class Words(Container[str]):
    """Two word lists read as one: joining them into one set copied 145,000 words each run."""

    def __init__(self, *lists: frozenset[str]):
        self.lists = lists

    def __contains__(self, word: object) -> bool:
        return any(word in words for words in self.lists)

    def __bool__(self) -> bool:
        return any(self.lists)


# regular endings a dictionary lists only on the stem ("reprioritised", "rebranding")
_ENDINGS = ("ations", "ation", "ings", "ing", "ness", "ments", "ment", "ers", "er", "ies", "ied", "ed", "es", "s",
            "ly", "ists", "ist", "ism", "isation", "ization", "ised", "ized", "ise", "ize", "al", "ally", "ity")
_PREFIXES = ("non", "re", "un", "pre", "post", "anti", "counter", "co", "de", "dis", "over", "under", "mis",
             "inter", "multi", "semi", "sub", "super", "trans", "cyber", "geo", "micro", "mega", "ultra")
UNKNOWN_MIN = 6  # shorter strings are too often abbreviations, slang or a foreign name
# a clean page of news or comment uses at most two new coinages or typos ("fracking",
# "xenophobe"; 168 PolNeAR articles, 20 TimeBank texts); three make a pattern
UNKNOWN_PAGE = 3


def unknown_words(doc: Doc) -> Iterator[Anomaly]:
    """Lower-case words no English word list knows, even by stem ("desabrobacion", "pioliticos"):
    invented or misspelt words a translation engine left, or a page's typos. Each distinct word
    once, and only on a page with UNKNOWN_PAGE of them; capitalised words are names and never
    counted."""
    known = dictionary_words()
    if not known:
        return
    found: dict[str, Anomaly] = {}
    for tok in doc[:-1]:  # the last word may be cut short by the page's end
        word = tok.text
        if len(word) < UNKNOWN_MIN or not word.isalpha() or not word.islower() or not word.isascii() \
                or word in found or _known(word, tok.lemma_, known) or _joined(tok):
            continue
        found[word] = (tok.idx, tok.idx + len(word), "words no dictionary knows")
    if len(found) >= UNKNOWN_PAGE:
        yield from found.values()


def _known(word: str, lemma: str, known: Container[str]) -> bool:
    if word in known or lemma.casefold() in known:
        return True
    stems = {word[:-len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    stems |= {s + "e" for s in stems} | {s + "y" for s in stems} | {s[:-1] for s in stems if s[-1:] == s[-2:-1]}
    stems |= {word[len(p):] for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= 4}
    return any(s in known for s in stems) or _compound(word, known)


def _compound(word: str, known: Container[str]) -> bool:
    """Two known words written as one ("dealmaker", "speechwriting", "robocalls")."""
    return any(word[:i] in known and _inflected(word[i:], known) for i in range(3, len(word) - 3))


def _inflected(word: str, known: Container[str]) -> bool:
    """A known word, or one with a plural or verb ending ("calls", "writing", "outspent")."""
    return word in known or any(word.endswith(e) and word[:-len(e)] in known for e in ("s", "es", "ing", "ed", "er"))


def _joined(tok: Token) -> bool:
    """Part of a hyphenated or slashed compound, an address or a handle ("x-twitter", "abc.com")."""
    doc = tok.doc
    nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    prev = doc[tok.i - 1].text if tok.i else ""
    return nxt in {"-", "/", "@"} and not tok.whitespace_ or prev in {"-", "/", "@", "#"} and \
        not doc[tok.i - 1].whitespace_


def _near(a: str, b: str) -> bool:
    """One or two edits apart, on a shared stem of five letters or more, neither a prefix of the
    other (a plural "the Obamas", a coinage "Warrened", a word cut short)."""
    if a[:5] != b[:5] or abs(len(a) - len(b)) > 2 or a.startswith(b) or b.startswith(a):
        return False
    return _edits(a[5:], b[5:]) <= 2


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def stock_commentary(doc: Doc) -> Iterator[Anomaly]:
    """A sentence whose subject is an abstraction pointed at ("This escalation", "Such moves")
    and whose verb comments on it ("underscores", "reflects", "highlights"): the filler a
    machine-written rewrite adds between the facts it took from a real report."""
    for sent in doc_sents(doc):
        root = sent.root
        if root.lemma_.casefold() not in COMMENT_VERBS or any(c in sent.text for c in QUOTE_CHARS):
            continue
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ != "NOUN":
            continue
        pointed = any(c.lower_ in COMMENT_SUBJECT_DETS for c in subj.children)
        vague = any(t.lower_ in ABSTRACT_OBJECT_MODS for t in root.subtree if t.i > root.i)
        if pointed or vague:
            yield sent.start_char, sent.end_char, "stock commentary"


# a sentence's closing participle that comments on what it just said (", signaling a move toward
# ..."), the stock verdict "marks a significant step" and an explainer's "One of the key features
# of": a machine-written rewrite's filler
STOCK_TAILS = re.compile(
    r", (?:signal(?:l)?ing|underscoring|highlighting|showcasing|underlining) (?:a|an|the|its|their) "
    r"[^.\"“”\n]{0,80}\.|\bmarks? an? (?:significant|major|important|historic|crucial|pivotal) "
    r"(?:step|milestone|turning point)\b"
    r"|\b[Oo]ne of the (?:key|most notable|main|central) (?:features|aspects|elements|highlights) of\b"
    r"|, setting the stage for\b")


def stock_tails(text: str) -> Iterator[Anomaly]:
    """Stock commentary written as a sentence's tail or verdict (see STOCK_TAILS)."""
    for m in STOCK_TAILS.finditer(text):
        yield m.start(), m.end(), "stock commentary"


def grammar_slips(doc: Doc) -> Iterator[Anomaly]:
    """Grammar a word-for-word swap leaves behind: "each" before a plural ("Each leaders", where
    "Both" stood), "a" before a vowel ("a optimistic", where "positive" stood) and "whereas"
    before a verb's -ing form ("whereas respecting", where "while" stood)."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        low = tok.lower_
        if low == "each" and nxt.tag_ == "NNS" and nxt.lower_ != "other":
            yield tok.idx, nxt.idx + len(nxt), "'each' before a plural"
        elif low == "a" and tok.dep_ == "det" and nxt.pos_ in {"ADJ", "NOUN"} and nxt.text.islower() \
                and nxt.text[:1] in "aeio" and not nxt.text.startswith(("one", "eu", "ew")):
            yield tok.idx, nxt.idx + len(nxt), "'a' before a vowel"
        elif low == "whereas" and nxt.tag_ == "VBG":
            yield tok.idx, nxt.idx + len(nxt), "'whereas' before an -ing form"


KIND_NAMES = {
    "machine-translated": "machine-translated or spun text",
    "machine-written": "machine-written text",
    "keyword-stuffed": "keyword-stuffed (SEO) page",
}
DETECTORS = {
    "machine-translated": (country_with_article, name_variants, unquoted_speech, unknown_words, spinner_phrases,
                           grammar_slips, slips.adjective_objects, slips.stranded_prepositions,
                           slips.spaced_hyphens, slips.doubled_names, slips.run_on_sentences,
                           slips.glued_percents, slips.foreign_brackets, slips.capital_articles),
    "machine-written": (stock_commentary,),
}


def anomalies(doc: Doc) -> dict[str, list[Anomaly]]:
    """Every anomaly found in the Doc, by the kind of text it points to."""
    found: dict[str, list[Anomaly]] = {kind: [] for kind in DETECTORS}
    for kind, detectors in DETECTORS.items():
        for detect in detectors:
            found[kind].extend(detect(doc))
    found["machine-written"].extend(weekday_mismatches(doc.text))
    found["machine-written"].extend(run_in_headings(doc.text))
    found["machine-written"].extend(stock_tails(doc.text))
    found["machine-written"].extend(slips.nonbreaking_hyphens(doc))
    return found


# A reworded copy: most of a page's sentences are another source's sentences with many single
# words swapped ("frank alternate of views" for "frank exchange of views"). A wire copy edited
# lightly keeps almost every word; a spun copy swaps one word in twenty or more.
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")
_WORD = re.compile(r"[\w’'-]+")
COPY_MIN_WORDS = 8  # shorter sentences align by chance
COPY_ALIGN = 0.5  # share of the two sentences' words in matching runs
COPY_SHARE = 0.5  # share of the page's sentences aligned with one other source
COPY_SWAP_RATE = 0.04  # single-word swaps per aligned word: a spun copy of a wire story swaps 5%,
# light editing ("says" for "said", "US" for "U.S.") one word in a hundred


def reworded_copies(sources: dict[str, str]) -> dict[str, str]:
    """Sources (id -> text) that are a reworded copy of another source in the set, with the reason.
    Of two aligned pages the copy is the one whose swapped-in words the other sources use clearly
    less (a spinner's "ocean" where the set says "sea"); when that is unclear, neither is named.
    Only pages that share runs of three words are compared, sentence to sentence only where they
    share one: a copy with one word in twenty swapped keeps most of them, and the check stays
    near-linear in the number of sources instead of comparing every pair of pages."""
    sents = {sid: [w for w in (_words(s) for s in _SENT_SPLIT.split(text)) if len(w) >= COPY_MIN_WORDS]
             for sid, text in sources.items()}
    grams = {sid: [_grams(s) for s in ss] for sid, ss in sents.items()}
    vocab = {sid: {w for s in ss for w in s} for sid, ss in sents.items()}
    found: dict[str, str] = {}
    for a, b in _candidate_pairs(grams):
        swaps = _swaps(sents[a], sents[b], grams[a], grams[b])
        if swaps is None:
            continue
        others = [vocab[s] for s in sents if s not in {a, b}]
        mine = sum(any(w in v for v in others) for w, _ in swaps)
        theirs = sum(any(w in v for v in others) for _, w in swaps)
        spun_mine, spun_theirs = _spinner_swaps(swaps)
        if max(spun_mine, spun_theirs) >= SPINNER_SWAPS and min(spun_mine, spun_theirs) == 0:
            copy, original = (a, b) if spun_mine else (b, a)  # the spinner's own choice of words
        elif max(mine, theirs) >= 2 * min(mine, theirs) + 2:  # which is the copy must be clear
            copy, original = (a, b) if mine < theirs else (b, a)
        else:
            continue
        found[copy] = f"a reworded copy of {original} ({len(swaps)} single words swapped)"
    return found


# Words a synonym spinner writes for a common one ("workplace" for "office", "stated" for "said"):
# each is an ordinary word, so only a swap found aligned with the original tells which page is the
# copy. A swap the other way is an editor's ("said" for "stated"), never the spinner's.
SPINNER_SWAP = {
    "workplace": "office", "stated": "said", "solely": "only", "additionally": "also",
    "tackle": "address", "teams": "groups", "households": "families", "nationwide": "national",
    "therapy": "treatment", "introduced": "announced", "reduction": "relief", "labored": "worked",
    "suggestions": "recommendations", "assist": "support", "preserve": "keep", "purchase": "buy",
    "curiosity": "interest", "commerce": "trade", "worldwide": "international", "authorities":
    "government", "nation": "country", "throughout": "during", "girls": "women", "males": "men",
    "folks": "people", "mentioned": "said", "vital": "critical",
    "primarily": "essentially", "extra": "more", "proper": "right", "earlier": "before",
    "energy": "power", "legislation": "law", "regulation": "law", "officers": "officials",
    "company": "agency", "companies": "agencies", "disaster": "crisis", "safety": "security",
    "nations": "countries", "sufferer": "victim",
}
SPINNER_SWAPS = 3  # a spun copy of a 2,000-character page shows five or more


def _spinner_swaps(swaps: list[tuple[str, str]]) -> tuple[int, int]:
    """How many of the aligned swaps (page's word, other's word) are a spinner's on each side."""
    mine = sum(SPINNER_SWAP.get(w) == o for w, o in set(swaps))
    theirs = sum(SPINNER_SWAP.get(o) == w for w, o in set(swaps))
    return mine, theirs


COMMON_GRAM = 50  # a run of three words on this many pages is boilerplate, no sign of copying


def _grams(words: list[str]) -> set[tuple[str, str, str]]:
    return {(words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2)}


def _candidate_pairs(grams: dict[str, list[set[tuple[str, str, str]]]]) -> list[tuple[str, str]]:
    """Pairs of pages (a < b) that share enough runs of three words to be worth aligning: a page
    whose sentences mostly align with another's shares at least one run with it per aligned sentence."""
    from collections import Counter

    index: dict[tuple[str, str, str], list[str]] = {}
    for sid, sets in grams.items():
        for gram in set().union(*sets) if sets else ():
            index.setdefault(gram, []).append(sid)
    shared: Counter[tuple[str, str]] = Counter()
    for pages in index.values():
        if 1 < len(pages) <= COMMON_GRAM:
            for i, a in enumerate(pages):
                for b in pages[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    least = {sid: COPY_SHARE * len(sets) for sid, sets in grams.items()}
    return sorted(pair for pair, n in shared.items() if n >= min(least[pair[0]], least[pair[1]]))


def _words(sentence: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(sentence)]


def _swaps(page: list[list[str]], other: list[list[str]], page_grams: list[set[tuple[str, str, str]]],
           other_grams: list[set[tuple[str, str, str]]]) -> list[tuple[str, str]] | None:
    """The single-word swaps (page's word, other's word) when most of `page`'s sentences align with
    `other`'s and the swaps are frequent; None otherwise. A sentence is aligned only with sentences
    that share a run of three words with it."""
    from difflib import SequenceMatcher

    swaps: list[tuple[str, str]] = []
    aligned = words = 0
    needed = COPY_SHARE * len(page)
    for n, (sent, sent_grams) in enumerate(zip(page, page_grams, strict=True)):
        if aligned + len(page) - n < needed:
            return None  # too few sentences left to align most of the page
        best, best_ratio = None, COPY_ALIGN
        for cand, cand_grams in zip(other, other_grams, strict=True):
            if abs(len(cand) - len(sent)) > len(sent) // 3 or sent_grams.isdisjoint(cand_grams):
                continue
            matcher = SequenceMatcher(None, sent, cand, autojunk=False)
            # the quick ratios bound the ratio from above: most candidates stop there
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio == best_ratio):
                best, best_ratio = matcher, ratio
        if best is None:
            continue
        aligned += 1
        words += len(sent)
        swaps += [(sent[i1], best.b[j1]) for op, i1, i2, j1, j2 in best.get_opcodes()
                  if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1]
    if aligned < COPY_SHARE * len(page) or len(swaps) < COPY_SWAP_RATE * words or len(swaps) < 3:
        return None
    return swaps
