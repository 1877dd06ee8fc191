"""Assembly: bottom line, key points and sections say each thing once; time in the brief (relative
dates resolved in brackets, old statements dated); figures merged across sources. Made-up sentences."""

from __future__ import annotations

import pytest

from briefer import timing
from briefer.assemble import BriefOptions, assemble
from briefer.model import Extraction, Fact, Figure, Location, Quote, Source, Theme
from briefer.render import render

# --- timing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, anchor, shown", [
    ("The council met on Thursday to vote.", "2031-03-14",
     "The council met on Thursday [13 March 2031] to vote."),
    ("The council will meet on Friday to vote.", "2031-03-12",
     "The council will meet on Friday [14 March 2031] to vote."),
    ("Last week's vote was close.", "2031-03-14", "Last week's [March 2031] vote was close."),
    ("The port reopened yesterday, five years ago it had shut.", "2031-03-14",
     "The port reopened yesterday [13 March 2031], five years ago [2026] it had shut."),
    ("Earlier this month, the mayor resigned.", "2031-03-14",
     "Earlier this month [March 2031], the mayor resigned."),
    ("The board said on Monday, March 10, that it agreed.", "2031-03-14",
     "The board said on Monday, March 10, that it agreed."),  # already dated
    ("The board said on Monday that it agreed.", None, "The board said on Monday that it agreed."),
])
def test_relative_dates_are_resolved_in_brackets(text, anchor, shown):
    assert timing.shown(text, anchor).text == shown


def test_unresolved_relative_dates_are_counted_not_guessed():
    assert timing.shown("The board said on Monday that it agreed.", None).unresolved == 1
    assert timing.shown("The mill closed several years ago.", "2031-03-14").unresolved == 1
    assert timing.shown("The mill closed in 2029.", None).unresolved == 0


@pytest.mark.parametrize("text, date, as_of, mark", [
    ("The ministry opened a clinic.", "2029-08", "2031-03-14", "August 2029"),
    ("The ministry opened a clinic.", "2030-12-01", "2031-03-14", ""),  # recent
    ("The ministry opened a clinic in 2029.", "2029-08", "2031-03-14", ""),  # states its year
    ("The clinic, opened in 2027, is short of staff.", "2029-08", "2031-03-14", "August 2029"),  # an older year
    ("The ministry opened a clinic.", None, "2031-03-14", ""),  # date unknown
    ("The ministry opened a clinic.", "2029", "2031-03-14", "2029"),
])
def test_old_statements_carry_their_date(text, date, as_of, mark):
    assert timing.age_mark(text, date, as_of) == mark


# --- assembly ----------------------------------------------------------------------------------

NEW = Source(id="a", path="a.txt", publisher="Harbour Daily", date="2031-03-14")
OLD = Source(id="b", path="b.txt", publisher="River Post", date="2029-08-02")
UNDATED = Source(id="c", path="c.txt", publisher="Valley Times")
THEMES = [Theme(id="port", title="Port of Calder", description="The port of Calder and its new terminal."),
          Theme(id="rail", title="Rail link", description="The new rail link to the coast."),
          Theme(id="fish", title="Fisheries", description="Quotas for the northern fleet.")]


def fact(text: str, theme: str, score: float, *sources: str) -> Fact:
    return Fact(id="", text=text, themes=[theme], score=score,
                sources=[Location(s, 0, len(text)) for s in sources or ("a",)])


def extraction(facts: list[Fact], quotes: list[Quote] = (), figures: list[Figure] = ()) -> Extraction:
    return Extraction(sources=[NEW, OLD, UNDATED], facts=facts, quotes=list(quotes), figures=list(figures),
                      themes=THEMES, version="test", model="m")


PORT = [fact("The harbour board approved the new container terminal at Calder on Thursday.", "port", 5),
        fact("The terminal will double the port's capacity to two million containers a year.", "port", 4),
        fact("Dock workers at Calder said the terminal would bring four hundred jobs.", "port", 3),
        fact("The port of Calder was founded by merchants in the old town.", "port", 2, "b")]
RAIL = [fact("The transport ministry suspended work on the coastal rail link after a landslide.", "rail", 5),
        fact("Engineers found cracks in two viaducts along the coastal rail link.", "rail", 4),
        fact("Engineers found cracks in two viaducts on the coastal rail link, inspectors said.", "rail", 3, "b")]
FISH = [fact("The fisheries council cut the northern cod quota by a fifth for the season.", "fish", 5),
        fact("Trawler owners said the quota cut would idle a third of the fleet.", "fish", 4)]


def statements(brief) -> list[str]:
    return [*(f.text for f in brief.bottom_line), *(kp.fact.text for kp in brief.key_points),
            *(f.text for s in brief.sections for f in s.facts)]


def test_bottom_line_then_key_points_then_sections_each_said_once():
    brief = assemble(extraction(PORT + RAIL + FISH))
    assert 3 <= len(brief.bottom_line) <= 5
    assert len(brief.key_points) == 3 and [kp.theme for kp in brief.key_points] == ["port", "rail", "fish"]
    shown = statements(brief)
    assert len(shown) == len(set(shown))
    # the near-duplicate viaduct sentence from a second source is not said again
    assert sum("viaducts" in s for s in shown) == 1
    assert brief.bottom_line[0].text.startswith("The harbour board approved")  # newest, best


def test_found_and_shown_counts_include_the_statements_above_the_sections():
    brief = assemble(extraction(PORT + RAIL + FISH))
    port = brief.sections[0]
    (facts,) = [c for c in port.counts if c.kind == "facts"]
    shown_port = sum(f.themes[0] == "port" for f in brief.bottom_line) + 1 + len(port.facts)
    assert (facts.found, facts.shown) == (4, shown_port)


def test_a_themes_only_statement_is_its_key_point():
    only = [fact("The fisheries council cut the northern cod quota by a fifth.", "fish", 9)]
    brief = assemble(extraction(PORT + RAIL + only))
    assert [kp.fact.text for kp in brief.key_points if kp.theme == "fish"] == [only[0].text]
    assert all(f.text != only[0].text for f in brief.bottom_line)


def test_relative_dates_shown_resolved_and_old_statements_dated():
    brief = assemble(extraction(PORT + RAIL + FISH))
    md = render(brief, "md").decode()
    assert "at Calder on Thursday \\[13 March 2031\\]." in md
    old = next(f for s in brief.sections for f in s.facts if f.text.startswith("The port of Calder"))
    assert old.dated == "August 2029"
    assert "founded by merchants in the old town. (August 2029)[^" in md
    # the extraction keeps the verbatim text
    assert PORT[0].display == "" and "[13 March" not in PORT[0].text


def test_unresolvable_relative_date_is_never_shown():
    vague = fact("The harbour board approved the terminal on Monday, its chairman said.", "port", 9, "c")
    brief = assemble(extraction([vague, *PORT]))
    assert vague.text not in statements(brief)
    # not even when its theme has nothing else to say
    alone = fact("The fisheries council cut the cod quota on Monday, its chairman said.", "fish", 9, "c")
    assert alone.text not in statements(assemble(extraction([*PORT, *RAIL, alone])))
    said = Quote(id="", text="We will vote on the quota on Monday", speaker="Ana Roe", source="c", start=0, end=35,
                 themes=["fish"], kind="direct")
    brief = assemble(extraction([*PORT, *RAIL, *FISH], quotes=[said]))
    assert all(q.text != said.text for s in brief.sections for q in s.quotes)


def test_a_quote_that_repeats_a_shown_statement_is_left_out():
    text = "Dock workers at Calder said the terminal would bring four hundred jobs."
    start = text.index("the terminal")
    repeat = Quote(id="q1", source="a", text=text[start:-1], start=start, end=len(text) - 1,
                   speaker="Ann Vale", themes=["port"])
    other = Quote(id="q2", source="a", text="We have waited twenty years for this berth", start=200, end=242,
                  speaker="Ann Vale", themes=["port"])
    brief = assemble(extraction(PORT + RAIL + FISH, quotes=[repeat, other]))
    assert [q.id for q in brief.sections[0].quotes] == ["q2"]


def test_the_same_figure_from_two_sources_is_one_row_citing_both():
    figs = [Figure(id="f1", source="a", text="$40 million", start=500, end=511, value=40e6, unit="USD",
                   about="cost of the terminal", themes=["port"]),
            Figure(id="f2", source="b", text="$40 million", start=600, end=611, value=40e6, unit="USD",
                   about="terminal cost", themes=["port"]),
            Figure(id="f3", source="a", text="two million", start=PORT[1].text.index("two million"),
                   end=PORT[1].text.index("two million") + 11, value=2e6, unit="containers",
                   about="capacity", themes=["port"])]
    brief = assemble(extraction(PORT + RAIL + FISH, figures=figs))
    port = brief.sections[0]
    assert [f.id for f in port.figures] == ["f1"]  # f3 sits in a shown statement
    assert [loc.source for loc in port.figure_sources["f1"]] == ["a", "b"]
    md = render(brief, "md").decode()
    row = next(line for line in md.splitlines() if line.startswith("| $40 million"))
    assert "Harbour Daily, River Post[^" in row


def test_a_description_that_restates_the_heading_is_not_shown():
    themes = [Theme(id="port", title="Port of Calder terminal", description="The Port of Calder terminal."),
              Theme(id="rail", title="Rail link", description="Viaducts, tunnels and their safety.")]
    ex = Extraction(sources=[NEW], facts=PORT[:2], themes=themes, version="t", model="m")
    brief = assemble(ex)
    assert [s.description for s in brief.sections] == ["", "Viaducts, tunnels and their safety."]


def test_budgets_shrink_with_length():
    facts = PORT + RAIL + FISH
    short, standard = (assemble(extraction(facts), BriefOptions(length=n)) for n in ("short", "standard"))
    assert len(statements(short)) <= len(statements(standard))


def test_a_statement_in_the_words_of_a_long_heading_is_left_out():
    themes = [Theme(id="port", title="Calder port terminal expansion and harbour dredging")]
    restating = fact("The Calder port terminal expansion needs harbour dredging first.", "port", 5.5)
    others = [fact("The harbour board approved the new container terminal at Calder on Thursday.", "port", 5),
              fact("The terminal will double the port's capacity to two million containers a year.", "port", 4.9)]
    ex = Extraction(sources=[NEW], facts=[restating, *others], themes=themes, version="t", model="m")
    shown = statements(assemble(ex))
    assert restating.text not in shown  # it says the heading again
    assert all(f.text in shown for f in others)


def test_reported_speech_needs_a_named_speaker():
    named = Quote(id="q1", source="a", text="the berth would open in May", start=300, end=327, speaker="Ann Vale",
                  role="harbour master", kind="paraphrase", cue="said", themes=["port"])
    common = Quote(id="q2", source="a", text="the fees were set by the board", start=400, end=430, speaker="rule",
                   kind="paraphrase", cue="explained", themes=["port"])
    brief = assemble(extraction(PORT + RAIL + FISH, quotes=[named, common]))
    assert [q.id for q in brief.sections[0].quotes] == ["q1"]
    assert "- Ann Vale (harbour master) said: the berth would open in May[^" in render(brief, "md").decode()


# --- which sentences stand alone as facts, and how they rank -----------------------------------


def _span(nlp, text):
    doc = nlp(text)
    return next(iter(doc.sents))


@pytest.mark.parametrize("text, ok", [
    ("However, the tribunal extended the deadline for the two parties to June.", True),
    ("However, it extended the deadline for the two parties to June.", False),
    ("Consequently, the tribunal extended the deadline for the two parties to June.", False),
    ("Accordingly, Mayor Ann Roe proclaimed a state of emergency for the harbour district.", False),
    ("It was unclear whether the ministry had approved the new harbour plan.", True),
    ("It extended the deadline for the two parties to June of next year.", False),
    ("Norvale Mining discovered the Kessa field in 2011.", True),
    ("The harbour is very large.", False),
    ("The ministry did not immediately respond to requests for comment on the harbour.", False),
    ("A spokesman for the port authority declined to comment on the new tariffs.", False),
    ("The charter says the two towns will build a joint dam and ‘share the water of the valley.’", True),
    ("The charter says the two towns will build a joint dam and ‘share the water of the’", False),
])
def test_standalone_facts(nlp, text, ok):
    from briefer.extract.facts import standalone

    assert standalone(_span(nlp, text), text) is ok


def test_reported_decision_ranks_as_an_act(nlp):
    from briefer.extract.facts import kind_of_statement

    said = _span(nlp, "Valdoria says it is suspending the fishing accord with Merrin after the incident.")
    plain = _span(nlp, "Valdoria says the fishing accord with Merrin is a good arrangement for everyone.")
    assert kind_of_statement(said) > kind_of_statement(plain)


def test_what_a_document_says_will_be_done_ranks_as_an_act(nlp):
    from briefer.extract.facts import kind_of_statement

    planned = _span(nlp, "The charter states that the union will seek to open its ports and create a joint bank.")
    plain = _span(nlp, "The charter states that the union will seek to be a good neighbour to everyone.")
    assert kind_of_statement(planned) > kind_of_statement(plain)


@pytest.mark.parametrize("text, anchor, shown", [
    ("The strike began last July in the port.", "2032-02-10", "The strike began last July [July 2031] in the port."),
    ("The vote is due next March.", "2032-02-10", "The vote is due next March [March 2032]."),
])
def test_last_and_next_month_are_resolved(text, anchor, shown):
    assert timing.shown(text, anchor).text == shown


def test_a_statement_from_several_sources_is_placed_by_a_dated_one():
    ex = Extraction(sources=[Source(id="a", path="a.txt"), Source(id="b", path="b.txt", date="2031-03-14")])
    clock = timing.Clock(ex)
    fact = Fact(id="k1", text="The council met on Thursday to vote on the harbour levy.",
                sources=[Location("a", 0, 10), Location("b", 0, 10)])
    assert clock.fact(fact).display == "The council met on Thursday [13 March 2031] to vote on the harbour levy."


def test_short_facts_leave_room_for_more_within_the_section_words():
    from briefer.assemble import Shown, _take

    ex = Extraction(sources=[Source(id="a", path="a.txt", date="2031-03-14")])
    clock = timing.Clock(ex)
    long = " ".join(f"word{i}" for i in range(40)) + "."
    facts = [Fact(id=f"L{i}", text=f"Long{i} " + long, sources=[Location("a", i, i + 1)], score=3.0 - i / 10)
             for i in range(3)]
    facts += [Fact(id=f"S{i}", text=f"Short{i} ministry{i} approved plan{i} levy{i}.",
                   sources=[Location("a", 10 + i, 11 + i)], score=1.0) for i in range(3)]
    got = _take(facts, 6, Shown(), clock, words=60)
    assert [f.id for f in got] == ["L0", "S0", "S1", "S2"]  # one long fact, then only short ones fit


def test_an_undated_sources_statement_of_an_old_dated_happening_shows_its_date():
    from briefer.model import Event

    undated_words = fact("The harbour board and the rail union agreed a truce at Calder on Sunday, July 21.",
                         "rail", 9, "c")
    ex = extraction([*PORT[:2], undated_words, *RAIL[:1], *FISH])
    ex.events = [Event(id="e1", date="2029-07-21", text=undated_words.text, sources=list(undated_words.sources))]
    brief = assemble(ex)
    shown = {f.text: f for f in [*brief.bottom_line, *(kp.fact for kp in brief.key_points),
                                 *(f for s in brief.sections for f in s.facts)]}
    # its source has no date, but the text dates what it tells (an event in the same words)
    assert shown[undated_words.text].dated == "July 2029"
    assert all(f.dated == "" for t, f in shown.items() if t != undated_words.text)  # dated sources, recent


def test_a_conflict_is_shown_once_in_its_first_themes_section():
    from briefer.model import Claim, Conflict

    clash = Conflict(about="the quay's cost", themes=["rail", "port"], claims=[
        Claim(text="$2.1 billion", value="2.1e9", location=Location("a", 0, 5)),
        Claim(text="$2.4 billion", value="2.4e9", location=Location("b", 0, 5))])
    ex = extraction(PORT + RAIL + FISH)
    ex.conflicts = [clash]
    brief = assemble(ex)
    assert [s.theme.id for s in brief.sections if s.conflicts] == ["rail"]
