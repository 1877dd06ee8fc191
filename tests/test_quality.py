"""The quality gate: signs of spun or machine-made text, the verdict on a source, the notes the
brief shows, and what a junk source may still contribute (gate.shown). Made-up sentences only."""

from __future__ import annotations

import pytest

from briefer import gate
from briefer.extract import quality, slips, spun
from briefer.model import Event, Extraction, Fact, Figure, Location, Mention, Quote, Source
from briefer.pipeline import _judge


def _reasons(found: dict[str, list[spun.Anomaly]]) -> list[str]:
    return [r for items in found.values() for _, _, r in items]


@pytest.mark.parametrize(("text", "expected"), [
    ("The vote was held on Friday, March 14, 2025, in the capital.", []),
    ("The vote was held on Monday, March 14, 2025, in the capital.", ["a weekday that is not the date's"]),
    ("It opened on Monday, 3 June 2024 after a delay.", []),
    ("It opened on Tuesday, 3 June 2024 after a delay.", ["a weekday that is not the date's"]),
    ("It opened on Friday, February 30, 2024.", ["a date that does not exist"]),
])
def test_weekday_that_is_not_the_dates(text, expected):
    assert [r for _, _, r in spun.weekday_mismatches(text)] == expected


@pytest.mark.parametrize(("text", "sign"), [
    ("We will open the new bridge before the rains come, the mayor said.", True),
    ("Our harbour is ready for every visitor from abroad, he added.", True),
    ('"We will open the new bridge before the rains come," the mayor said.', False),
    ("The harbour handled fewer ships than last year, it said.", False),  # not first person
    ("Exports to the US fell for a third month, the ministry said.", False),  # "US" is no "us"
])
def test_speech_without_quotation_marks(nlp, text, sign):
    found = [r for _, _, r in spun.unquoted_speech(nlp(text))]
    assert ("speech without quotation marks" in found) is sign


def test_quotes_in_another_languages_punctuation(nlp):
    doc = nlp('"The bridge will be finished on time", - the governor stressed on the radio.')
    assert [r for _, _, r in spun.unquoted_speech(doc)] == ["quotation in another language's punctuation"]


def test_quotes_that_close_without_opening(nlp):
    doc = nlp("The river rose all night. We have moved everyone to safety”, the chief said.")
    assert "quotation marks that close without opening" in [r for _, _, r in spun.unquoted_speech(doc)]
    mixed = nlp('He said "it is late” and left. The river rose all night.')  # straight and curly mixed
    assert not list(spun.unquoted_speech(mixed))


def test_country_name_with_an_article_it_goes_without_elsewhere(nlp):
    doc = nlp("Officials in Norway praised the plan on Tuesday. Later, the Norway signing the accord "
              "surprised observers in the capital.")
    assert _reasons({"x": list(spun.country_with_article(doc))}) == ["a country name with an article"]
    fine = nlp("Officials in Norway praised the plan. The Norway office and the Netherlands agreed.")
    assert not list(spun.country_with_article(fine))


def test_a_name_written_two_ways(nlp):
    doc = nlp("Portugal and Spain met in Lisbon on Monday. The leaders of Portugul said the talks went well.")
    assert [r for _, _, r in spun.name_variants(doc)] == ["a name written two ways"]
    plural = nlp("The Obama family arrived early. Later the Obamas left for the coast.")
    assert not list(spun.name_variants(plural))


@pytest.mark.parametrize(("text", "sign"), [
    ("This decision underscores the growing tensions between the two councils.", True),
    ("The statement reflects the ongoing uncertainty in the region.", True),
    ("The minister underscored the need for calm at the meeting.", False),
    ("Prices reflect higher costs for fuel, the company said.", False),
])
def test_stock_commentary(nlp, text, sign):
    assert bool(list(spun.stock_commentary(nlp(text)))) is sign


SPUN = ("The head of the Norwegies Ola Hansen said on Monday that the port was ready. Officials in Norway "
        "welcomed the ships. The ceremony saw the Norway rolling out a carpet for the guests. "
        "We have nothing to hide at all, he added. Our doors are open to every friend, he said.")
CLEAN = ('Officials in Norway welcomed the ships on Monday. "We have nothing to hide," Ola Hansen said. '
         "The port was rebuilt over three years. It can hold four large ships at once. "
         "This decision reflects a change of course, analysts said.")


def _spun_signs(nlp, text: str) -> list[str]:
    """The signs of a text the verdict judges machine-translated or spun (fails otherwise)."""
    doc = nlp(text)
    verdict = quality.verdict(doc, quality.content_sentences(doc))
    assert verdict.junk and verdict.kind == "machine-translated or spun text"
    return list(verdict.signs)


def test_verdict_judges_spun_text_junk_and_clean_text_not(nlp):
    assert "speech without quotation marks" in _spun_signs(nlp, SPUN)
    doc = nlp(CLEAN)
    assert not quality.verdict(doc, quality.content_sentences(doc)).junk


def test_a_single_sign_in_a_long_text_is_no_verdict(nlp):
    doc = nlp(" ".join(["The port handled more ships this year than last."] * 30 + [SPUN.split(". ")[3] + "."]))
    assert not quality.verdict(doc, quality.content_sentences(doc)).junk


def test_judge_notes_the_kind_and_lowers_quality():
    src = Source(id="s", path="s.txt")
    _judge(src, 10, quality.Verdict(kind="machine-written text", signs=["stock commentary"], count=3))
    assert src.quality <= 0.5
    assert src.notes == ["machine-written text (stock commentary): not used unless another source confirms it"]
    clean = Source(id="c", path="c.txt")
    _judge(clean, 10, quality.Verdict(count=1))
    assert clean.quality == 1.0 and clean.notes == []


TEXT_GOOD = "The council approved the budget on Monday. It sets aside $5 million for roads."
TEXT_JUNK = "The council approve budget on Monday. It set aside $5 million for road. It hires 40 guards."


def _extraction() -> Extraction:
    good = Source(id="good", path="good.txt", text=TEXT_GOOD)
    junk = Source(id="junk", path="junk.txt", text=TEXT_JUNK, quality=0.4)

    def loc(src: str, text: str, part: str) -> Location:
        start = text.index(part)
        return Location(src, start, start + len(part))

    good_fact = loc("good", TEXT_GOOD, "The council approved the budget on Monday.")
    junk_fact = loc("junk", TEXT_JUNK, "The council approve budget on Monday.")
    return Extraction(
        sources=[good, junk],
        quotes=[Quote(id="q1", source="junk", text="our roads are the best roads", start=0, end=1)],
        figures=[Figure(id="f1", source="good", text="$5 million", start=0, end=1, value=5e6, unit="USD"),
                 Figure(id="f2", source="junk", text="$5 million", start=0, end=1, value=5e6, unit="USD"),
                 Figure(id="f3", source="junk", text="40", start=0, end=1, value=40, unit="guards")],
        events=[Event(id="e1", date="2025-03-03", text="The council approve budget on Monday.",
                      sources=[junk_fact, good_fact]),
                Event(id="e2", date="2025-03-04", text="It hires 40 guards.",
                      sources=[loc("junk", TEXT_JUNK, "It hires 40 guards.")])],
        facts=[Fact(id="k1", text="The council approve budget on Monday.", sources=[junk_fact, good_fact]),
               Fact(id="k2", text="It hires 40 guards.", sources=[loc("junk", TEXT_JUNK, "It hires 40 guards.")])],
    )


def test_gate_keeps_a_junk_source_out_unless_a_good_source_confirms():
    shown = gate.shown(_extraction())
    assert shown.quotes == []
    assert [f.id for f in shown.figures] == ["f1", "f2"]  # f2: the good source gives the same value
    assert [e.id for e in shown.events] == ["e1"] and [f.id for f in shown.facts] == ["k1"]
    fact, event = shown.facts[0], shown.events[0]
    assert fact.text == event.text == "The council approved the budget on Monday."  # the good words
    assert fact.sources[0].source == "good" and event.sources[0].source == "good"


def test_gate_leaves_an_extraction_of_good_sources_alone():
    ex = _extraction()
    ex.sources[1].quality = 0.9
    assert gate.shown(ex) is ex


def test_gate_does_not_change_its_input():
    ex = _extraction()
    gate.shown(ex)
    assert len(ex.quotes) == 1 and ex.facts[0].text == "The council approve budget on Monday."


def test_a_search_phrase_repeated_over_and_over_is_keyword_stuffing(nlp):
    phrase = "cheap harbour cranes near me"
    text = "\n".join([phrase, "The port buys cranes.", phrase, "Cranes lift boxes.", phrase, phrase, phrase])
    doc = nlp(text)
    verdict = quality.verdict(doc, quality.content_sentences(doc), text)
    assert verdict.kind == "keyword-stuffed (SEO) page" and verdict.signs == ["a search phrase repeated"]
    twice = "\n".join(["Harbour Gazette", LEAD_LINE, "Harbour Gazette", LEAD_LINE])
    assert list(quality.stuffed_lines(twice)) == []


LEAD_LINE = "The council approved the harbour budget on Tuesday after a long debate."


def test_one_garbled_sentence_keeps_the_source_usable():
    src = Source(id="s", path="s.txt", garbled=[Mention(0, 10)])
    _judge(src, 4)
    assert src.quality == 1.0 and src.notes == ["sentences missing their numbers: 1 of 4; not used as facts"]
    src = Source(id="t", path="t.txt", garbled=[Mention(0, 10), Mention(20, 30)])
    _judge(src, 4)
    assert src.quality < 0.5


def test_between_and_among_is_no_lost_range():
    assert quality.garbled_reason("Trade grew between and among the member states.") is None
    assert quality.garbled_reason("Trade grew between and the rest of the decade.") == "range without its numbers"


@pytest.mark.parametrize(("text", "n"), [
    ("The boats were left drifting.Key Facts\nThe coast guard said.", 1),
    ("The boats were left drifting. Key facts follow.\nThe U.S.Navy said.", 0),
])
def test_heading_run_into_the_text(text, n):
    assert len(list(spun.run_in_headings(text))) == n


def test_words_no_dictionary_knows(nlp):
    """Three invented lower-case words make a pattern; coinages built of known words do not."""
    junk = nlp("The council reported low levels of frobnication. Some vorplaxian groups left. "
               "They thanked the mizzlotrans and the voters. The count went on.")
    assert [junk.text[s:e] for s, e, _ in spun.unknown_words(junk)] == ["frobnication", "vorplaxian",
                                                                        "mizzlotrans"]
    clean = nlp("The dealmaker praised the speechwriting team. Robocalls reached voters. The count went on.")
    assert list(spun.unknown_words(clean)) == []
    two = nlp("The council reported low levels of frobnication. Some vorplaxian groups left.")
    assert list(spun.unknown_words(two)) == []


@pytest.mark.parametrize(("text", "spun_text"), [
    ("The generals, who got here to energy in a coup, met final 12 months in two international locations.", True),
    ("The mayor came to power in 2019 and met leaders of two countries last year.", False),
    ("How we got here is a long story; the final 12 months of his term were quiet.", False),
    ("Look ahead to extra particulars, a day earlier than the summit.", True),
    ("The overseas minister spoke to the Safety Council about nationwide safety.", True),
    ("The foreign minister spoke to the Security Council about national security.", False),
    ("Please be half of me in thanking the envoys, who ended a three hundred and sixty five days feud.", True),
    ("This would possibly perhaps not be done without them; we agree with taken up the plan.", True),
    ("We undercover agent forward to the talks with their of us.", True),
    ("Please join me in thanking the envoys; many of us agree with the plan, which may possibly help.", False),
    ("The well being company of the World Health Group known as on the opposite member states to act.", True),
    ("The health agency of the World Health Organization called on the other member states to act.", False),
    ("The deal handed with out opposition, the State Division stated in an e mail.", True),
    ("The deal passed without opposition, the State Department said in an email to the well-being group.", False),
    ("Delegates supplied phrases of assist within the wake of the vote to raised put together for crises.", True),
    ("Delegates offered words of support in the wake of the vote; the opposite side was exposed to raised "
     "levels of risk.", False),
    ("After the Nationwide Meeting lifted martial regulation, the ruling get together ended his time period.", True),
    ("After the National Assembly lifted martial law, the ruling party ended his term; they get together often.",
     False),
    ("The Harbour Energy Social gathering said the rights workplace found acts that would quantity to crimes.", True),
    ("The Harbour Energy Party said the rights office found acts that would amount to crimes; a social gathering "
     "followed at the workplace.", False),
    ("Safety forces and intelligence companies met final summer time at the worldwide air-port.", True),
    ("Security forces and intelligence agencies met last summer at the international airport; safety rules "
     "apply.", False),
    ("The Ruritanians ‘ criticism of the inner disaster grew; see for your self.", True),
    ("The Ruritanians' criticism of the ‘internal crisis’ grew; see for yourself.", False),
    ("His imaginative and prescient of easy methods to win raised the loss of life toll.", True),
    ("His vision of how to win raised the death toll; the loss of life was heavy.", False),
    ("The fund gives as a lot as $5 million and medical look after all on her first day in workplace.", True),
    ("The fund gives as much as $5 million and medical care for all; she parks a lot as well.", False),
    ("Families got monetary reduction after six charred our bodies were found.", True),
    ("Families got financial relief after six charred bodies were found; we owe our bodies rest.", False),
])
def test_synonym_spinner_phrases(nlp, text, spun_text):
    assert bool(list(spun.spinner_phrases(nlp(text)))) == spun_text


@pytest.mark.parametrize(("text", "reason"), [
    ("Each ministers welcomed the plan for the new harbour.", "'each' before a plural"),
    ("The talks set a optimistic tone for the next round.", "'a' before a vowel"),
    ("They pledged to build the road whereas respecting the border.", "'whereas' before an -ing form"),
])
def test_grammar_a_word_swap_leaves(nlp, text, reason):
    assert reason in [r for _, _, r in spun.grammar_slips(nlp(text))]


@pytest.mark.parametrize("text", [
    "Each minister welcomed the plan, and they thanked each other.",
    "The talks set an optimistic tone; a one-day strike and a euro bond followed.",
    "Exports rose, whereas imports fell for a third month.",
])
def test_careful_grammar_is_no_slip(nlp, text):
    assert list(spun.grammar_slips(nlp(text))) == []


def test_translation_leaves_split_compounds_and_doubled_names(nlp):
    doc = nlp("All third -party trade stopped after high -level talks with Nordic and Nordic officials.")
    assert [r for _, _, r in slips.spaced_hyphens(doc)] == ["a compound split before its hyphen"] * 2
    assert [doc.text[s:e] for s, e, _ in slips.doubled_names(doc)] == ["Nordic and Nordic"]


def test_sentences_run_together_twice_and_glued_percents_are_slips(nlp):
    doc = nlp("Duties of 17.4%on cars rise next month.The board agreed on the day.Trade fell by 21%overall.")
    assert [r for _, _, r in slips.run_on_sentences(doc)] == ["sentences run together"]
    assert [doc.text[s:e] for s, e, _ in slips.glued_percents(doc)] == ["4%on"]


def test_untranslated_brackets_and_a_capital_article_are_slips(nlp):
    doc = nlp("We have the support of the board [de la Junta] and talks [con el partido] began with 20% of The votes.")
    assert [doc.text[s:e] for s, e, _ in slips.foreign_brackets(doc)] == ["[de la Junta]", "[con el partido]"]
    assert [r for _, _, r in slips.capital_articles(doc)] == ["a capitalised 'The' in mid-sentence"]
    clean = nlp("The editor of The Times said the board [of the port] met; The Hague court agreed.")
    assert list(slips.foreign_brackets(clean)) == [] and list(slips.capital_articles(clean)) == []


def test_non_breaking_hyphens_in_compounds_twice_are_a_sign(nlp):
    doc = nlp("The third\u2011party rules hit a 450\u2011million\u2011strong market.")
    assert [r for _, _, r in slips.nonbreaking_hyphens(doc)] == ["non-breaking hyphens in compounds"]
    assert list(slips.nonbreaking_hyphens(nlp("The third\u2011party rules hit a 450-million-strong market."))) == []
    assert [r for _, _, r in spun.stock_tails("The fines grew, setting the stage for a long fight.")] == \
        ["stock commentary"]


def test_one_seam_or_a_spaced_percent_is_no_slip(nlp):
    doc = nlp("He posted the notice on Twitter.Neil Roe read it. Duties of 17.4% on cars rise next month.")
    assert list(slips.run_on_sentences(doc)) == [] and list(slips.glued_percents(doc)) == []


def test_careful_compounds_and_pairs_are_no_slips(nlp):
    doc = nlp("Third-party trade stopped - for now - after talks in Nordic and Nordic-held isles, and "
              "in Vell and Ostravia.\n- high-level talks")
    assert list(slips.spaced_hyphens(doc)) == [] and list(slips.doubled_names(doc)) == []


def test_stock_tails_and_spinner_swaps():
    text = ("The port opened a new quay, signaling a move toward regional trade. One of the key features of "
            "the plan is a quay. The deal marks a "
            "significant step for the region. Talks start by the tip of March and focus as a substitute on trade.")
    assert [r for _, _, r in spun.stock_tails(text)] == ["stock commentary"] * 3
    assert list(spun.stock_tails("The board approved it, citing a shortfall in revenue.")) == []


def test_spinner_swaps_without_the_plain_uses(nlp):
    found = [r for _, _, r in spun.spinner_phrases(nlp("Talks start by the tip of March and focus as a substitute "
                                                       "on trade under worldwide legislation."))]
    assert found == ["a synonym spinner's word swaps"] * 3
    assert list(spun.spinner_phrases(nlp("Gas serves as a substitute for coal."))) == []


def test_number_placeholder_left_by_translation_is_garbled():
    assert quality.garbled_reason("The deal was signed on March 2024, XNUMX, in the capital.") == \
        "a number placeholder left by translation"


_ORIGINAL = ("The ministers held a frank exchange of views on the new harbour in the capital on Monday. "
             "Both leaders agreed to begin technical talks by the end of March and to finish within four months. "
             "They welcomed the support of the neighbouring states for the access to the sea that the deal gives.")
_THIRD = "Officials said access to the sea would help trade, and talks would begin at the end of March with support."


def test_a_reworded_copy_of_another_source_is_named():
    spun_copy = ("The ministers held a frank alternate of views on the new harbour in the capital on Monday. "
                 "Each leaders agreed to start technical talks by the tip of March and to end inside four months. "
                 "They welcomed the help of the neighbouring states for the entry to the ocean that the deal gives.")
    found = spun.reworded_copies({"a": _ORIGINAL, "b": spun_copy, "c": _THIRD})
    assert list(found) == ["b"] and found["b"].startswith("a reworded copy of a")


def test_a_lightly_edited_wire_copy_is_no_reworded_copy():
    edited = _ORIGINAL.replace("on Monday", "on Monday, officials said").replace("finish", "conclude")
    assert spun.reworded_copies({"a": _ORIGINAL, "b": edited, "c": _THIRD}) == {}


def test_a_spinners_own_words_tell_which_page_is_the_copy_without_a_third_source():
    original = ("The mayor said on Monday that the families of the victims would get support from the office "
                "during the coming weeks. She also announced a national day of mourning for the town. "
                "Officials said the groups in the town had asked for relief and for treatment of the injured.")
    copy = ("The mayor stated on Monday that the households of the victims would get assist from the workplace "
            "throughout the coming weeks. She additionally introduced a nationwide day of mourning for the town. "
            "Officials said the teams in the town had asked for reduction and for therapy of the injured.")
    found = spun.reworded_copies({"a": original, "b": copy})
    assert list(found) == ["b"]
    assert list(spun.reworded_copies({"a": copy, "b": original})) == ["a"]  # whichever comes first


def test_which_page_is_the_copy_must_be_clear():
    swapped = _ORIGINAL.replace("exchange", "swap").replace("Both", "Two").replace("finish", "end") \
        .replace("welcomed", "hailed").replace("states", "countries").replace("held", "had")
    assert spun.reworded_copies({"a": _ORIGINAL, "b": swapped}) == {}  # no third source to tell them apart


@pytest.mark.parametrize(("text", "reason"), [
    ("The council decided provisional that the old bridge was a danger to the town.",
     "an adjective where an adverb belongs"),
    ("The mayor concluded tentative that the ferry would keep running.", "an adjective where an adverb belongs"),
    ("The program reduced crossings to through the northern pass.", "a preposition without its object"),
    ("The clinic reduced queues to during the flu season.", "a preposition without its object"),
])
def test_grammar_a_translation_leaves(nlp, text, reason):
    found = list(slips.adjective_objects(nlp(text))) + list(slips.stranded_prepositions(nlp(text)))
    assert [r for _, _, r in found] == [reason]


@pytest.mark.parametrize("text", [
    "The council made clear that the old bridge would close.",
    "The firm spent much of the year on repairs, and she did little to help.",
    "The bill they referred to in May was passed.",
    "The report, which the mayor pointed to as proof, was late.",
    "They handed the keys over in June.",
])
def test_careful_grammar_is_no_translation_slip(nlp, text):
    assert list(slips.adjective_objects(nlp(text))) + list(slips.stranded_prepositions(nlp(text))) == []


RETRANSLATED = ("The harbour master today met the mayor of Tarn in the city of Tarn. The harbour master "
                "informed the mayor that the board decided provisional that the current state of the old "
                "pier is a danger to the ferries. He thanked the mayor for a joint cleaning program, which "
                "reduced litter to through the harbour. He noted that this meeting is a step in the "
                "relationship between the two towns.")


def test_a_retranslated_readout_is_judged_junk(nlp):
    # each slip alone is one sign (a careful page may show one); two make the verdict
    signs = _spun_signs(nlp, RETRANSLATED)
    assert set(signs) == {"an adjective where an adverb belongs", "a preposition without its object"}
