"""What a fact is worth: list items are facts, courtesies and descriptions rank low, a statement that
sizes its subject does not (made-up sentences, the real spaCy model)."""

from __future__ import annotations

import pytest

from briefer.extract.facts import facts, kind_of_statement
from briefer.model import Source


def _span(nlp, text):  # type: ignore[no-untyped-def]
    return next(iter(nlp(text).sents))


def test_every_item_of_a_bulleted_list_is_a_fact(nlp):  # type: ignore[no-untyped-def]
    text = ("Measures announced by the council of Valdoria:\n\n"
            "  • The fishing accord with Merrin suspended with immediate effect.\n"
            "  • Visas for Merrin nationals cancelled and holders ordered to leave.\n"
            "  • Embassy staff in the capital limited to 20 persons.\n")
    src = Source(id="s", path="s.txt", text=text)
    got = [f.text for f in facts(nlp(text), src, {})]
    assert got == ["The fishing accord with Merrin suspended with immediate effect.",
                   "Visas for Merrin nationals cancelled and holders ordered to leave.",
                   "Embassy staff in the capital limited to 20 persons."]


@pytest.mark.parametrize("courtesy", [
    "President Arlo Venn thanked the foreign leaders who attended the signing of the Valdoria accord.",
    "Minister Tomas Reyl recognised the mediation team for its efforts on the Valdoria accord.",
    "Please join me in welcoming Minister Tomas Reyl to the signing of the Valdoria accord.",
    "Minister Tomas Reyl commended the partners of Valdoria, particularly Merrin and Ostland.",
])
def test_courtesies_rank_below_an_act(nlp, courtesy: str):  # type: ignore[no-untyped-def]
    act = _span(nlp, "Minister Tomas Reyl suspended the Valdoria accord after the border clash.")
    assert kind_of_statement(_span(nlp, courtesy)) < 0 < kind_of_statement(act)


def test_welcoming_a_decision_is_a_stance_not_a_courtesy(nlp):  # type: ignore[no-untyped-def]
    assert kind_of_statement(_span(nlp, "The ministry of Valdoria welcomed the court ruling on the dam.")) >= 0


def test_a_statement_that_ranks_its_subject_is_no_mere_description(nlp):  # type: ignore[no-untyped-def]
    ranks = _span(nlp, "Merrin is Valdoria's largest export market, taking over 40 percent of its exports.")
    describes = _span(nlp, "Merrin is a country of hills and rivers east of Valdoria, with many old towns.")
    assert kind_of_statement(ranks) > kind_of_statement(describes)


@pytest.mark.parametrize("courtesy", [
    "Congratulations to both countries on their wisdom and restraint. Thank you for your attention!",
    "I want to thank the mediators of Ostland for their tireless work on this accord over many months.",
])
def test_a_quote_of_thanks_gives_way_to_one_of_substance(courtesy: str):
    from briefer.assemble import Shown, _quote_worth
    from briefer.model import Quote

    def quote(text: str) -> Quote:
        return Quote(id="", source="s", text=text, start=0, end=len(text), speaker="Arlo Venn", role="President")

    substance = quote("After a long night of talks, Valdoria and Merrin have agreed to stop all firing on land "
                      "and at sea.")
    assert _quote_worth(quote(courtesy), Shown()) < _quote_worth(substance, Shown())


def test_a_subject_that_points_back_says_little_on_its_own(nlp):  # type: ignore[no-untyped-def]
    back = _span(nlp, "The decision came after a three-hour meeting of the security council of Valdoria.")
    whole = _span(nlp, "The council's trade ban came after a three-hour meeting of the security council of Valdoria.")
    assert kind_of_statement(back) < kind_of_statement(whole)


def test_a_captured_city_is_an_act(nlp):  # type: ignore[no-untyped-def]
    captured = _span(nlp, "In late March the Ostland rebels captured Kessa, the largest city in the north.")
    described = _span(nlp, "In late March the Ostland rebels lived near Kessa, the largest city in the north.")
    assert kind_of_statement(captured) > kind_of_statement(described)


def test_a_speakers_own_words_rank_below_a_report(nlp):  # type: ignore[no-untyped-def]
    own = _span(nlp, "I must acknowledge the work of Ostland in reaching the Valdoria accord this spring.")
    report = _span(nlp, "Ostland worked for months on the Valdoria accord reached this spring.")
    assert kind_of_statement(own) < kind_of_statement(report)


def test_old_statements_never_make_the_bottom_line():
    from briefer.assemble import assemble
    from briefer.model import Extraction, Fact, Location, Theme

    new = Source(id="a", path="a.txt", date="2031-03-14")
    old = Source(id="b", path="b.txt", date="2029-08-02")

    def fact(text: str, theme: str, score: float, source: str = "a") -> Fact:
        return Fact(id="", text=text, themes=[theme], score=score, sources=[Location(source, 0, len(text))])

    facts = [fact("Over ten years Ostland has given 300 million dollars in aid to Valdoria's clinics.", "aid", 6, "b"),
             fact("Ostland has trained four thousand nurses and midwives in Valdoria since 2019.", "aid", 5.5, "b"),
             fact("Ostland suspended its aid to Valdoria's clinics after the border clash.", "aid", 4),
             fact("The harbour board approved the new container terminal at Calder.", "port", 5),
             fact("Dock workers at Calder said the terminal would bring four hundred jobs.", "port", 3),
             fact("The transport ministry suspended work on the coastal rail link.", "rail", 5),
             fact("Engineers found cracks in two viaducts along the coastal rail link.", "rail", 4)]
    themes = [Theme(id=t, title=t.title(), description="") for t in ("aid", "port", "rail")]
    brief = assemble(Extraction(sources=[new, old], facts=facts, themes=themes, version="t", model="m"))
    assert all(loc.source == "a" for f in brief.bottom_line for loc in f.sources)
    assert "Ostland suspended its aid to Valdoria's clinics after the border clash." in \
        [f.text for f in brief.bottom_line]


@pytest.mark.parametrize("text, ok", [
    ("Minister Tomas Reyl made a similar statement on the radio.", False),
    ("A similar ban was imposed by the council of Valdoria in March.", False),
    ("Ostland made a statement similar to the one from Valdoria on the dam.", True),
    ("The same day, the council of Valdoria cut the cod quota by a fifth.", True),
])
def test_a_statement_like_the_one_before_does_not_stand_alone(nlp, text: str, ok: bool):  # type: ignore[no-untyped-def]
    from briefer.extract.facts import standalone

    assert standalone(_span(nlp, text), text) is ok


@pytest.mark.parametrize(("guess", "report"), [
    ("Leaving the bloc could raise tariffs on grain from Valdoria.",
     "Leaving the bloc raised tariffs on grain from Valdoria."),
    ("The new force might strengthen the army of Valdoria against the rebels.",
     "The new force strengthened the army of Valdoria against the rebels."),
])
def test_a_guess_at_what_may_happen_ranks_below_what_happened(nlp, guess: str, report: str):  # type: ignore[no-untyped-def]
    assert kind_of_statement(_span(nlp, guess)) < kind_of_statement(_span(nlp, report))


def test_could_not_is_a_report_not_a_guess(nlp):  # type: ignore[no-untyped-def]
    told = kind_of_statement(_span(nlp, "Officials in Valdoria could not confirm the death toll."))
    assert told == kind_of_statement(_span(nlp, "Officials in Valdoria did not confirm the death toll."))
