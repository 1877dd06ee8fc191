"""One case per attribution rule of `briefer.extract.quotes.rules` (real model, made-up text).

Each case is a text with a direct quote, the speaker the rule finds and the words it marks
as the speaker's mention. The case checks that the rule decided (it is named in the quote's
`Attribution.rules`, where the rule's stage is recorded there) and that the quote's
attribution is different with the rule left out: a rule no case depends on fails
`test_every_rule_has_a_case`.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefer.extract.quotes import attributed, rules
from briefer.extract.quotes.base import disabled
from briefer.model import Source

# rules that run another table (the inner rule is the one recorded) or repair the words found
UNRECORDED = {"speech-verb", "parse-subject"} | {r.name for r in (*rules.REPAIRS, *rules.BINDING)}
# rules whose case the parse alone also gets right: they are for parses that do not (their
# effect on PolNeAR is measured in docs/BENCHMARKS.md)
SAME_WITHOUT = {"beside-closing-mark"}

def case(rule: str, text: str, speaker: str | None, words: str | None) -> Any:
    return pytest.param(rule, text, speaker, words, id=rule)


FRAMING = [
    case("dashed-after-name", "Several mayors backed the plan, among them the harbour chief Lena "
         "Moor -- ''We cannot wait another winter'' -- and two ferry owners.",
         "Lena Moor", "the harbour chief Lena Moor"),
    case("governing-cue", "Sok Dara said the minister once described the plan as “a turning "
         "point for the province”.", "Sok Dara", "Sok Dara"),
    case("nearest-cue", "The ferry company's advert ends on a clip of Castell saying at the "
         "quay, “That keeps our harbour open.”", "Castell", "Castell"),
    case("dash-name", "“The ceasefire is our best hope.” ― Maria Lopez", "Maria Lopez",
         "Maria Lopez"),
    case("cue-after", "“Why is this base not open to visitors?” Rubio demanded.", "Rubio",
         "Rubio"),
    case("colon-cue", "Moor continued:\n“The harbour is ours” and the fishermen cheered.",
         "Moor", "Moor"),
    case("colon-subject", "The embassy's statement was blunt:\n\n“We will not comment on the "
         "case.”", "The embassy's statement", "The embassy's statement"),
    case("cue-before", "The ministry said so on Friday.\n“The port is open to every navy.”",
         "ministry", "The ministry"),
    case("subject-before", "Lena Moor gave the winter storms as her reason to rebuild the sea "
         "wall. “The old wall will not survive another January.”", "Lena Moor", "Lena Moor"),
    case("signed-paragraph", "“The ferries were late every day.” ― Ana Ruiz\n“The town is ours. "
         "We built it with our own money.” And that is all we have left, “our two hands.” ― "
         "Maria Lopez.", "Maria Lopez", "Maria Lopez"),
    case("label-line", "The quay burned on Monday night, and Lena Moor came down at dawn.\n"
         "Lena Moor, Harbour Master of Port Vell\n“We are not going to charge anyone for last "
         "night.”", "Lena Moor", "Lena Moor"),
    case("continues", "“The deal is done,” Yang Peou said at the port. The port opened in 1955. "
         "“Both nations will gain from it.”", "Yang Peou", "Yang Peou"),
]

SPEAKERS = [
    case("according-to", "Port Vell will close its ''old'' quay by spring, according to a "
         "letter Lena Moor sent to the ferry owners.", "Lena Moor", "Lena Moor"),
    case("quoted-as-saying", "Lena Moor spoke first. The Port Vell Herald quoted her as saying, "
         "“The quay is closed to every ferry.”", "Lena Moor", "her"),
    case("claim-owner", "Reporters in Port Vell checked Lena Moor’s claim that the ferries "
         "carried “twice as many tourists” in June.", "Lena Moor", "Lena Moor’s"),
    case("speech-verb", "The BIS says the rule “removes a barrier to trade with a partner.”",
         "BIS", "The BIS"),
    case("beside-closing-mark", "“The talks went well,” Hun Manet’s spokeswoman, Sok Mealea, "
         "said.", "Sok Mealea", "Sok Mealea"),
    case("name-before-participle", "The ferry company's advert ends on a clip of Castell "
         "saying at the quay, “That keeps our harbour open.”", "Castell", "Castell"),
    case("passive-agent", "Hun Sen has been called a “strongman” by his critics.", "critics",
         "his critics"),
    case("parse-subject", "Local experts said the deal was “a clear step back for the region”.",
         "Local experts", "Local experts"),
    case("participle-subject", "Ms. Castell walked out of the meeting, waving the report aside "
         "-- ''That is old news'' -- and later, at the quay, adding, ''Of course the ferries will "
         "run.''", "Castell", "Ms. Castell"),
    case("clause-opening-name", "On Monday in Ostravia, Lena Moor, the chair of the harbour board, "
         "sharply told a farmer who asked if the fees would rise that \"nobody will pay more this "
         "year.\"", "Lena Moor", "Lena Moor"),
    case("said-name", "And added Chea Sophal: “The door is open to every partner.”",
         "Chea Sophal", "Chea Sophal"),
    case("reporter-second-verb", "Jonas Hale spoke for the council on Thursday. He stressed "
         "that Port Vell has “never been part of the old duchy” and dismissed the mayor’s "
         "objections as “groundless,” urging the council to stop its “provocations”.",
         "Jonas Hale", "He"),
    case("verb-subject", "The BIS says the rule “removes a barrier to trade with a partner.”",
         "BIS", "The BIS"),
    case("by-agent", "The deal, hailed by the minister as “a new dawn for the region”, was "
         "signed on Friday.", "minister", "the minister"),
    case("clause-head", "The ferry board put out a notice calling the strike “reckless and "
         "costly”.", "ferry board", "The ferry board"),
    case("participle-after-relative", "Orlov lost his temper over a builder who said he was "
         "owed money for the new pier, saying, “Perhaps the paint was bad.”", "Orlov", "Orlov"),
]

REPAIRS = [
    case("dateline-subject", "PORT VELL -- Harbour master Lena Moor, closing the old quay after "
         "sixty years on Friday, said it had served ''three generations of fishermen.''",
         "Lena Moor", "Harbour master Lena Moor"),
    case("misread-noun", "Southeast Asia expert Gregory Poling at Washington's Center for "
         "Strategic and International Studies think tank said the move was “largely symbolic”.",
         "Gregory Poling", "Southeast Asia expert Gregory Poling"),
    case("document-issuer", "A letter Lena Moor sent to the ferry owners said the fees were “far "
         "too high for every family”.", "Lena Moor", "Lena Moor"),
    case("modified-noun", "“The border stays open,” the Ostravian foreign minister said.",
         "Ostravian foreign minister", "the Ostravian foreign minister"),
    case("remark-maker", "Lena Moor made a remark that described the ferry owners as “harbour "
         "pirates”.", "Lena Moor", "Lena Moor"),
    case("bound-pronoun", "Senator Elizabeth Warren spent the hearing attacking what she called "
         "a “culture of fraud.”", "Elizabeth Warren", "Senator Elizabeth Warren"),
]

NAMES = [
    case("first-person", "“It was a fine day,” I said to the driver.", None, None),
    case("relative-antecedent", "The minister of the interior, who said the plan was “a serious "
         "mistake for every family”, left early.", "minister of the interior", "who"),
    case("noun-before-relative", "For the figures, we went to the Ostravia Harbour Office which "
         "reported “212 late ferries” last year.", "Ostravia Harbour Office", "which"),
    case("pronoun", "Gregory Poling is an analyst in Washington.\n“It is largely symbolic,” he "
         "said.", "Gregory Poling", "he"),
    case("document-owner", "“The ferries ran late on most days,” the OECD report said.",
         "OECD", "the OECD report"),
    case("titled-name", "The Ambassador to Thailand, Chea Sim, told the forum that the talks "
         "were “going well”.", "Chea Sim", "The Ambassador"),
    case("title", "The Secretary of State warned that the sanctions would stay “in place for "
         "years”.", "Secretary of State", "The Secretary"),
    case("proper-name", "Yang Peou, a Cambodian political analyst, spoke on Monday.\n“Under the "
         "constitution, the country is open to cooperation,” Peou said.", "Yang Peou", "Peou"),
    case("apposed-name", "In a short note, an aide to the mayor, Pavel Orlov, called the ferry "
         "strike \"a needless fight\".", "Pavel Orlov", "Pavel Orlov"),
    case("noun-phrase", "Local experts said the deal was “a clear step back for the region”.",
         "Local experts", "Local experts"),
]


def direct(nlp: Any, text: str) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    """(speaker, mention words, rules) of each direct quote of `text`."""
    src = Source(id="t", path="t.txt", text=text)
    out = []
    for q, names in attributed(nlp(text), src):
        if q.kind == "direct":
            m = q.speaker_mention
            out.append((q.speaker, text[m.start:m.end] if m else None, names))
    return out


def check(nlp: Any, rule: str, text: str, speaker: str | None, words: str | None) -> None:
    found = direct(nlp, text)
    if speaker is None:
        assert found == []
    else:
        decided = [f for f in found if rule in f[2]] or found  # the last quote it decided
        assert [(s, w) for s, w, _ in decided][-1:] == [(speaker, words)]
        if rule not in UNRECORDED:
            assert rule in decided[-1][2]
    if rule in SAME_WITHOUT:
        return
    with disabled({rule}):
        without = direct(nlp, text)
    assert [(s, w) for s, w, _ in without] != [(s, w) for s, w, _ in found]


@pytest.mark.parametrize(("rule", "text", "speaker", "words"), FRAMING)
def test_framing_rules(nlp: Any, rule: str, text: str, speaker: str, words: str) -> None:
    """`rules.QUOTE` and `rules.LONE`: where the cue of a quote stands."""
    check(nlp, rule, text, speaker, words)


@pytest.mark.parametrize(("rule", "text", "speaker", "words"), SPEAKERS)
def test_speaker_rules(nlp: Any, rule: str, text: str, speaker: str, words: str) -> None:
    """`rules.CUE_SPEAKER`, `rules.SUBJECT` and `rules.CLIMB`: the words a cue names."""
    check(nlp, rule, text, speaker, words)


@pytest.mark.parametrize(("rule", "text", "speaker", "words"), REPAIRS)
def test_repair_rules(nlp: Any, rule: str, text: str, speaker: str, words: str) -> None:
    """`rules.REPAIRS` and `rules.BINDING`: subjects the parse gets wrong."""
    check(nlp, rule, text, speaker, words)


@pytest.mark.parametrize(("rule", "text", "speaker", "words"), NAMES)
def test_name_rules(nlp: Any, rule: str, text: str, speaker: str | None,
                    words: str | None) -> None:
    """`rules.RESOLVE`: the name the speaker's words stand for."""
    check(nlp, rule, text, speaker, words)


def test_every_rule_has_a_case() -> None:
    cased = [p.id for p in (*FRAMING, *SPEAKERS, *REPAIRS, *NAMES)]
    assert sorted(cased) == sorted(r.name for r in rules.all_rules())


# --- shapes of the rules above that PolNeAR showed --------------------------------------------

SHAPES = [
    pytest.param("Hun Sen left the hall after saying the vote was “a farce”.", "Hun Sen",
                 "Hun Sen", ("governing-cue", "verb-subject", "proper-name"),
                 id="verb-subject:after-saying"),
    pytest.param("Sok Dara said the vote was fair, but he said the count was “far too slow”.",
                 "Sok Dara", "he", ("governing-cue", "verb-subject", "pronoun"),
                 id="governing-cue:but-he-said-is-a-second-report"),
    pytest.param("“Nobody leaves this room,” Lena Moor said, as Pavel Orlov went on about “the "
                 "rights of the owners”.", "Pavel Orlov", "Pavel Orlov",
                 ("governing-cue", "verb-subject", "proper-name"),
                 id="governing-cue:a-clause-of-its-own-on-the-cue-is-not-the-report"),
    pytest.param("Hale said Orlov was right when he called the plan “a cheap trick”.", "Hale",
                 "Hale", ("governing-cue", "verb-subject", "proper-name"),
                 id="governing-cue:a-clause-inside-the-report-is-reported"),
    pytest.param("“The ferries were full,” Hale said as Moor talked about “a lost summer for the "
                 "town”.", "Moor", "Moor", ("governing-cue", "verb-subject", "proper-name"),
                 id="governing-cue:talked-about"),
    pytest.param("Jonas Hale, a doctor in Port Vell, spoke first.\nDr. Mark Olsen’s odd advice on "
                 "diets earned him a hearing in the senate, where he called green tea “a miracle "
                 "for every body type.”", "Mark Olsen", "he",
                 ("governing-cue", "verb-subject", "pronoun"),
                 id="pronoun:the-owner-of-the-subject-is-looked-back-to-first"),
]


@pytest.mark.parametrize(("text", "speaker", "words", "names"), SHAPES)
def test_rule_shapes(nlp: Any, text: str, speaker: str, words: str,
                     names: tuple[str, ...]) -> None:
    assert direct(nlp, text)[-1:] == [(speaker, words, names)]


# --- attributions the rules once got wrong ----------------------------------------------------

FIXED = [
    pytest.param("Hun Manet spoke at the port on Monday. “We are ready for every navy.” Sam "
                 "Rainsy said the plan would fail.", [("Hun Manet", "Hun Manet")],
                 id="a-lone-quote-is-not-the-next-report's"),
    pytest.param("“We are ready,” Hun Manet’s aide said.", [("Hun Manet’s aide", "Hun Manet’s aide")],
                 id="a-possessor-before-a-closing-cue-is-not-the-speaker"),
    pytest.param("“The talks are over,” said U.S. Secretary of State Marco Rubio.",
                 [("Marco Rubio", "U.S. Secretary of State Marco Rubio")],
                 id="the-name-after-a-title-not-the-title"),
    pytest.param("“The port stays shut,” said Ostravia harbour affairs chief Lena Moor.",
                 [("Lena Moor", "Ostravia harbour affairs chief Lena Moor")],
                 id="a-place-before-an-inverted-title-is-not-the-speaker"),
    pytest.param("“Silence is consent,” said Ostravia’s Ambassador, echoing the mayor.",
                 [("Ostravia’s Ambassador", "Ostravia’s Ambassador")],
                 id="a-possessor-after-an-inverted-cue-is-not-the-speaker"),
    pytest.param("Lena Moor spoke first. “The quay is closed on Sundays,” the Herald quoted her "
                 "as saying. “The ferries will run in June.”",
                 [("Lena Moor", "her"), ("Lena Moor", "her")],
                 id="quoted-as-saying:her-is-not-the-paper-that-quoted-her"),
    pytest.param("“The quay is shut,” Lena Moor said.\nJonas Hale, cousin of the owner\n“We just "
                 "want to have justice.”", [("Lena Moor", "Lena Moor")],
                 id="label-line:a-label-of-an-unknown-name-is-not-the-last-speaker's"),
    pytest.param("Jonas Hale said the plan of harbour chief Mark Olsen would fail. “The plan is a "
                 "waste of money,” he said.", [("Jonas Hale", "he")],
                 id="pronoun:the-reporter-not-a-name-in-the-clause-she-reported"),
    pytest.param("The harbour board, however, said the new fee plan clearly hurts its members. “The "
                 "board urges the council to drop the fee at once,” it said in a statement.",
                 [("harbour board", "it")], id="pronoun:it-is-the-board-not-the-plan-it-spoke-of"),
    pytest.param("“The ferries will run,” writes Spokesperson Lena Moor.",
                 [("Lena Moor", "Spokesperson Lena Moor")], id="a-capitalised-spokesperson-is-no-name"),
    pytest.param("A spokeswoman for Lena Moor said the quay was “never closed”.",
                 [("spokeswoman for Lena Moor", "A spokeswoman")],
                 id="a-spokeswoman-for-a-name-is-not-that-name"),
    pytest.param("Lena Moor pointed out that the trust that the two towns have given the board "
                 "has resulted in reaching a new stage in the talks that began in May, adding, "
                 "“We will take our steps together from now on.”", [("Lena Moor", "Lena Moor")],
                 id="reporter-second-verb:adding-hung-on-the-reported-clause"),
    pytest.param("The council signed a law to void the “illegal” deal, which it criticized as "
                 "“aggression” against the town.", [("council", "it")],
                 id="beside-closing-mark:not-past-a-relative-clause-of-its-own"),
    pytest.param("According to Lena Moor, the group has links to the old guild and confirms "
                 "“established” ties.", [("Lena Moor", "Lena Moor")],
                 id="governing-cue:according-to-reports-both-conjuncts"),
    pytest.param("Jonas Hale noted his “special rapport” with Ostravian Prime Minister Mark Olsen, "
                 "which he said eased the talks. He also praised the port, stating: “We made "
                 "investments in the harbour.”",
                 [("Jonas Hale", "Jonas Hale"), ("Jonas Hale", "He")],
                 id="beside-closing-mark:a-name-before-a-relative-does-not-say-its-said"),
    pytest.param("“The quay is shut,” Lena Moor, who chairs the harbour board, said on Monday.",
                 [("Lena Moor", "Lena Moor")],
                 id="beside-closing-mark:who-after-the-speaker's-name"),
    pytest.param("A police officer, who spoke on condition of anonymity, said the quay was closed. "
                 "“Nobody gets in,” he said.", [("police officer", "he")],
                 id="pronoun:an-unnamed-person-the-text-speaks-of"),
    pytest.param("A spokeswoman said the quay was closed. “Nobody gets in,” he said.", [],
                 id="pronoun:a-he-is-no-spokeswoman"),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_fixed_attributions(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s, w) for s, w, _ in direct(nlp, text)] == expected


def test_participle_subject_reaches_the_cue_a_participle_governs(nlp: Any) -> None:
    """"..., going on to say that ...": the participle's sentence subject says it, even where
    the parse hangs the participle on nothing that names a speaker."""
    from briefer.extract.quotes import paragraphs, quoted_spans, speaker
    from briefer.extract.quotes.reading import Reading

    text = ("“We spent years on this wall,” Moor said, going on to say that the ferries had “no "
            "future at all in this town.”")
    doc = nlp(text)
    spans = quoted_spans(text)
    reading = Reading(doc, [(s.open, s.close) for s in spans], paragraphs(text))
    (say,) = [t for t in doc if t.text == "say"]
    found = speaker.participle_subject(reading, say)
    assert found is not None and found.text == "Moor"


@pytest.mark.parametrize(("text", "speaker"), [
    ("I rewrote my note. “The ferry was late again.” Jonas Hale said nothing.", "Jonas Hale"),
    ("I rewrote my note: “The ferry was late again.” Jonas Hale said nothing.", None)])
def test_cue_after_is_not_taken_for_a_quote_a_colon_introduces(nlp: Any, text: str,
                                                                 speaker: str | None) -> None:
    """The colon says the quote is the words of the sentence before it, whoever speaks next."""
    from briefer.extract.quotes import framing, paragraphs, quoted_spans
    from briefer.extract.quotes.reading import Reading

    (span,) = quoted_spans(text)
    reading = Reading(nlp(text), [(span.open, span.close)], paragraphs(text))
    toks = reading.tokens(span.open, span.close)
    found = framing.cue_after(reading, span.open, span.close, toks)
    assert (found.speaker if found else None) == speaker


def test_label_line_reads_a_label_ingest_blanked_as_furniture(nlp: Any) -> None:
    """A short name line is page furniture to ingest (blanked in the parsed text); the label
    above a quote is still read from the source as written."""
    from briefer.model import Mention
    from briefer.nlp import analysis_text

    text = ("The quay burned on Monday night, and Lena Moor came down at dawn.\n"
            "Lena Moor, Harbour Master\n“We are not going to charge anyone for last night.”")
    start = text.index("Lena Moor, Harbour")
    src = Source(id="t", path="t.txt", text=text,
                 furniture=[Mention(start, start + len("Lena Moor, Harbour Master"))])
    found = [(q.speaker, text[q.speaker_mention.start:q.speaker_mention.end])
             for q, _ in attributed(nlp(analysis_text(src)), src) if q.kind == "direct"]
    assert found == [("Lena Moor", "Lena Moor")]


@pytest.mark.parametrize("words", ["PM Olsen", "Spokesperson Olsen", "Minister Olsen"])
def test_titles_before_a_name_are_no_part_of_it(nlp: Any, words: str) -> None:
    from briefer.extract.quotes.names import strip_titles

    assert strip_titles(list(nlp(words))) == "Olsen"
