"""Figures on short sentences with the real model: value, unit, qualifier, about, as_of, and
what is not a figure."""

from __future__ import annotations

from typing import Any

import pytest

from briefer.extract.figures import AGE_UNITS, figures, parse_number, quantities
from briefer.model import Figure, Source


def run(nlp: Any, text: str, date: str | None = "2022-08") -> list[Figure]:
    src = Source(id="s", path="s.txt", text=text, date=date)
    found = list(figures(nlp(text), src))
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.source == "s" and f.id == "" and f.themes == []
    return found


@pytest.mark.parametrize(
    ("num", "scale", "value"),
    [("3,500", None, 3500.0), ("15.3", "million", 15.3e6), ("three", "million", 3e6),
     ("twenty-five", None, 25.0), ("a", "dozen", 12.0), (".5", None, 0.5), ("1/16", None, 0.0625),
     ("2 1/2", None, 2.5), ("½", None, 0.5), ("9/11", None, None), ("24/7", None, None),
     ("8.1", "bn", 8.1e9), ("35", "lakh", 3.5e6)],
)
def test_parse_number(num: str, scale: str | None, value: float | None) -> None:
    assert parse_number(num, scale) == value


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "qualifier"),
    [
        ("The United States has provided $3 billion in foreign assistance.", "$3 billion", 3e9, "USD", None),
        ("The US has invested more than $377 million in health assistance in Cambodia.",
         "more than $377 million", 377e6, "USD", "more than"),
        ("Exports account for over 40 percent of the total.", "over 40 percent", 40.0, "percent", "over"),
        ("Prices rose 4.1 per cent last month.", "4.1 per cent", 4.1, "percent", None),
        ("The rate fell 60 basis points.", "60 basis points", 60.0, "basis points", None),
        ("The agencies donated over three million safe and effective vaccine doses.",
         "over three million", 3e6, "vaccine doses", "over"),
        ("Over 3,500 Cambodians have participated in exchange programs.", "Over 3,500", 3500.0,
         "Cambodians", "over"),
        ("Analysts expect around 100 license applications per year.", "around 100", 100.0,
         "license applications", "around"),
        ("The deal is worth PS8.1bn to the group.", "PS8.1bn", 8.1e9, "GBP", None),
        ("It raised $13.6M from investors.", "$13.6M", 13.6e6, "USD", None),
        ("The fine was 10.5 million Australian dollars.", "10.5 million", 10.5e6, "AUD", None),
        ("Nintendo fell to Y=28,030 in Tokyo.", "Y=28,030", 28030.0, "JPY", None),
        ("The phone has 256GB of storage.", "256GB", 256.0, "GB", None),
        ("Nearly two-thirds of the sales came from CDs.", "Nearly two-thirds", 2 / 3, "fraction", "nearly"),
        ("The frigid atmosphere can dip to minus 130 degrees.", "minus 130 degrees", -130.0, "degrees", None),
        ("Seven new seasons of the show will air.", "Seven", 7.0, "seasons", None),
        ("The two kingdoms have kept an alliance for 70 years.", "70 years", 70.0, "years", None),
        ("The freighter weighs about 9,000 tonnes.", "about 9,000 tonnes", 9000.0, "tonnes", "about"),
        ("The town lies within a 12-mile buffer zone.", "12-mile", 12.0, "mile", None),
        ("Floods displaced over half a million villagers.", "over half a million", 5e5, "villagers", "over"),
        ("The former mayor was sentenced to 12 years in prison.", "12 years", 12.0, "years", None),
        ("Marchers numbered 12,000 by noon.", "12,000", 12000.0, None, None),
    ],
)
def test_figure(nlp: Any, text: str, figure: str, value: float, unit: str, qualifier: str | None) -> None:
    found = run(nlp, text)
    assert [f.text for f in found] == [figure]
    f = found[0]
    assert f.value == pytest.approx(value)
    assert (f.unit, f.qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "high"),
    [
        ("The convoy moved at a speed of 15 to 22 miles per hour.", 15.0, 22.0),
        ("We used a 5-10W laser.", 5.0, 10.0),
        ("Shares are priced between $62 and $68.", 62.0, 68.0),
        ("The agency could impose a fine of $3 to $5 billion.", 3e9, 5e9),
        ("He dropped from 208 pounds to 193 this year.", 208.0, 193.0),
        ("The bond price dropped from $36,040 at 9.30pm on Monday to $34,935 at 6am.", 36040.0, 34935.0),
        ("Over the past three or four years, lenders have changed.", 3.0, 4.0),
        ("Each ticket costs 5 or 6 dollars.", 5.0, 6.0),
    ],
)
def test_range(nlp: Any, text: str, value: float, high: float) -> None:
    src = Source(id="s", path="s.txt", text=text)
    (q,) = list(quantities(nlp(text), src))
    assert (q.figure.value, q.high) == (pytest.approx(value), pytest.approx(high))


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("One out of three Cambodians work in farming.", [("One out of three", 1 / 3, "fraction")]),
        ("Roughly 2 million out of a population of 8 million Cambodians died.",
         [("Roughly 2 million", 2e6, None), ("8 million", 8e6, "Cambodians")]),
        ("The vote was held in 2019 or 2020.", []),
        ("The probe read about minus 380 Fahrenheit ,minus 229 Celsius on the moon",
         [("about minus 380", -380.0, "Fahrenheit"), ("minus 229", -229.0, "Celsius")]),
    ],
)
def test_pairs_and_fractions(nlp: Any, text: str, figures: list[tuple[str, float, str | None]]) -> None:
    found = run(nlp, text)
    assert [(f.text, pytest.approx(f.value), f.unit) for f in found] == figures


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "about"),
    [
        ("Hun Sen, age 65, has led the country for decades.", "65", 65.0, "years of age", "Hun Sen"),
        ("A 50-year-old man from Lithuania pled guilty.", "50-year-old", 50.0, "years of age",
         "man from Lithuania"),
        ("Norodom Sihanouk died of heart failure, at the age of 89, in Beijing.", "89", 89.0, "years of age",
         "Norodom Sihanouk"),
        ("He lives with his 18 months old daughter.", "18 months old", 18.0, "months of age", "his daughter"),
    ],
)
def test_age(nlp: Any, text: str, figure: str, value: float, unit: str, about: str) -> None:
    src = Source(id="s", path="s.txt", text=text)
    (f,) = [q.figure for q in quantities(nlp(text), src) if q.figure.unit in AGE_UNITS]
    assert (f.text, f.value, f.unit, f.about) == (figure, value, unit, about)
    assert not any(f.unit in AGE_UNITS for f in run(nlp, text))  # an age is never a brief figure


def test_ages_are_not_brief_figures() -> None:
    from briefer.assemble import TIME_UNITS

    assert set(AGE_UNITS) <= TIME_UNITS  # the brief's figures table drops ages as it drops durations


def test_a_raise_to_a_new_level_is_two_figures(nlp: Any) -> None:
    found = run(nlp, "The deficit increased by $43.6 billion to $419.2 billion.")
    assert [f.value for f in found] == [43.6e9, 419.2e9]


@pytest.mark.parametrize(
    "text",
    [
        "The embargo was imposed in 2021 under President Joe Biden.",
        "The Secretary will travel to Phnom Penh from August 2-6.",
        "The United States lifted its embargo on Nov. 6, 2025.",
        "It will take place on March 29 in Brussels.",
        "Senard, 65, now faces the task of soothing relations.",
        "Cambodia remains in Country Group D:1 for national security reasons.",
        "Licenses are required under Sections 744.21 and 744.22 of the EAR.",
        "The rule amends Supplement No. 1 to Part 740 of the EAR.",
        "The 22nd amendment was ratified long ago.",
        "The meeting started at 10:27 PM and ended at 5 a.m.",
        "The new iPhone 11 Pro and the Boeing 787 Dreamliner were shown.",
        "Supporters of the S&P 500 index gathered.",
        "They won 2-0 at home.",
        "It was one of the best speakers around, and no one disagreed.",
        "Relations between our two countries have improved.",
        "Exports rose in the 1990s.",
        "A five-year plan was agreed.",
        "Little had changed in the 2013-14 season.",
        "The notice amends Regulation § 412.7 and § 88.3(b) of the code.",
        "Ports are listed in Table 4 and in paragraph (c)(3) of the annex.",
        "The frigate Valmont (FFX 31) sailed on Monday.",
        "A ship numbered 517 rammed the patrol boat.",
        "The festival runs from 14 to 19 March in the capital.",
        "The talks resumed at 14:45 after a break.",
        "For details call +61 3 9555 0142 or 1-800-555-0143.",
        "The 4th Extraordinary Session of the assembly opened.",
        "pageSize: 25 resultCount: 40",
        "An eleven-year-old girl was among the injured.",
        "Thousands of farmers joined millions of workers on strike.",
        "One protester climbed the gate.",
        "The road is 40 miles (64 kilometers) long.",
        "The charity has helped farmers for more than 20 years.",
        "Over the last 15 years, the bank has lent $2 billion to farmers.",
        "After six days of heavy rain, the river burst its banks.",
        "World news 4 min read",
        "The leaders of the three island states met again, and all four ministers agreed.",
        "Trade with our five neighbours and these six ports grew.",
        "They marked the two-year anniversary of the pact.",
        "The parties agreed as follows: 1. Both sides keep the peace.",
        "The pact (signed in 1970, 412 UNTS 118) binds both states.",
        "The council's vote (see Harbour Wire, 27/10/2025) was close.",
        "The harbour reopened on 5.3.2024 after the storm.",
        "The Harbour Accord and the Reef Charter,[3] were set aside.",
        "The shelling went on between the night of March 6 and 7 in the valley.",
        "The border clashes from June 7 to 10 broke every rule.",
    ],
)
def test_not_a_figure(nlp: Any, text: str) -> None:
    assert [f.text for f in run(nlp, text) if f.value not in (2e9, 40.0)] == []


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Since 1992, the United States has invested more than $377 million in health assistance in "
         "Cambodia to address infant and maternal mortality.", "health assistance in Cambodia since 1992"),
        ("Many Cambodians have relatives among the 300,000 Cambodian-Americans in the United States.",
         "Cambodian-Americans in the United States"),
        ("Over 3,500 Cambodians have participated in U.S.-funded exchange programs.",
         "Cambodians participated in U.S.-funded exchange programs"),
        ("The United States is accounting for over 40 percent of Cambodia's total exports.",
         "share of Cambodia's total exports"),
        ("Cambodia exported $8.7 billion of goods in 2021 to the United States.",
         "goods exported to the United States in 2021"),
        ("Analysts anticipate a possible increase of around 100 license applications per year.",
         "possible increase in license applications per year"),
        ("The United States has invested $4.5 million in the preservation of Cambodia's cultural sites.",
         "preservation of Cambodia's cultural sites"),
        ("The price of gasoline rose 5 cents on Monday.", "price of gasoline rose on Monday"),
        ("The storm left over 30 dead across the delta.", "dead across the delta"),
        ("The island lies within a 12-mile buffer zone.", "buffer zone"),
        ("Port Avel is about 600 kilometers away from the capital.", "Port Avel away from the capital"),
        ("The tanker, weighing about 40,000 tonnes, docked on Friday.", "tanker weighing"),
        ("Landslides in the valley killed 14 villagers.", "villagers killed by Landslides in the valley"),
        ("Four miners were rescued from the shaft.", "miners rescued from the shaft"),
        ("The new bridge, which cost $90 million, opened in May.", "new bridge cost"),
        ("The council wants to cut landfill waste by 30 percent.", "council cut landfill waste"),
        ("The vote was 41, the clerk said.", "vote"),
        ("The agency has provided $2 billion in aid for schools, including teacher training; roads; water "
         "supply; and clinics.", "aid"),
        ("The floods displaced more than 80,000 in the north.", "displaced in the north"),
        ("The army said three of its naval bases were shelled by drones.", "its naval bases shelled"),
        ("• 14 fishermen rescued off the cape", "fishermen rescued off the cape"),
    ],
)
def test_about(nlp: Any, text: str, about: str) -> None:
    (f,) = run(nlp, text)
    assert f.about == about


@pytest.mark.parametrize(
    ("text", "figure", "about"),
    [
        ("Cambodia exported $8.7 billion of goods in 2021 to the United States, an increase of 33 percent "
         "from 2020.", "33 percent", "increase in goods exported in 2021 to the United States from 2020"),
        ("Sales rose to $5 million, a 10 percent increase.", "10 percent", "increase in Sales"),
        ("The squad has just 17 sailors over the age of 21.", "17", "sailors over the age of 21"),
        ("The ministry froze grants for 12 rural clinics, totaling $8 million.", "$8 million",
         "grants for 12 rural clinics"),
    ],
)
def test_about_among_figures(nlp: Any, text: str, figure: str, about: str) -> None:
    assert {f.text: f.about for f in run(nlp, text)}[figure] == about


@pytest.mark.parametrize(("text", "figure", "about"), [
    ("The death toll from the flood in Lorvik has risen to 3,354, officials said.", "3,354",
     "death toll from the flood in Lorvik"),
    ("The toll has reached 1,644 in Lorvik after the storm.", "1,644", "toll"),
    ("Aid was pledged as the death toll hit 1,700 on Sunday.", "1,700", "death toll"),
])
def test_a_level_a_measure_reaches_measures_that_measure(nlp: Any, text: str, figure: str, about: str) -> None:
    assert {f.text: f.about for f in run(nlp, text)}[figure] == about


def test_a_labelled_value_alone_on_its_line_measures_its_label(nlp: Any) -> None:
    text = ("The duties on the sampled firms are:\n\nLorvik Motors: 17.4%;\n• Castello Cars: 19.9%;\n"
            "Other firms pay a duty of 20.8% on their exports.\n")
    got = {f.text: f.about for f in run(nlp, text)}
    assert got["17.4%"] == "Lorvik Motors" and got["19.9%"] == "Castello Cars"
    assert got["20.8%"] != ""


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("Cambodia exported $8.7 billion of goods in 2021, an increase of 33 percent from 2020.", "2021"),
        ("Since 1992, the United States has invested $377 million in health.", None),
        ("Core inflation rose 0.3% in June.", "2022-06"),
        ("The two states have kept ties for 60 years, since their treaty on 3 May 1962.", None),
        ("Some 2 million mines remain from the war that began in 1975.", None),
        ("Output is expected to reach 5 million tonnes by 2040.", None),
        ("The bank plans to lend $3 billion in 2031.", None),
        ("By the end of 2021, the scheme had reached 2 million homes.", "2021"),
        ("The plan, adopted in 2019, sets aside $40 million.", None),
    ],
)
def test_as_of(nlp: Any, text: str, as_of: str | None) -> None:
    found = run(nlp, text)
    assert found and all(f.as_of == as_of for f in found)


def test_the_second_of_two_figures_keeps_its_noun(nlp: Any) -> None:
    found = run(nlp, "Since the drought began, nearly 9,000 cattle have died and about 2,000 starved.")
    assert {f.text: f.about for f in found}["about 2,000"] == "cattle starved"


def test_a_projection_borrows_no_date_from_its_neighbour_clause(nlp: Any) -> None:
    found = run(nlp, "Sales were $5 billion in 2020 and are forecast to reach $7 billion in 2027.", None)
    assert [(f.text, f.as_of) for f in found] == [("$5 billion", "2020"), ("$7 billion", None)]


def test_brief_figures_are_a_subset_of_quantities(nlp: Any) -> None:
    text = "An eight-year-old boy and millions of others fled; 40 miles (64 kilometers) of road were lost."
    src = Source(id="s", path="s.txt", text=text)
    every = [q.figure.text for q in quantities(nlp(text), src)]
    kept = [f.text for f in run(nlp, text)]
    assert set(kept) < set(every) and kept == ["40 miles"]


def test_furniture_is_not_content(nlp: Any) -> None:
    from briefer.model import Mention

    text = "Page 12 of 40\nThe fund paid $4.5 million to 300 farmers."
    src = Source(id="s", path="s.txt", text=text, furniture=[Mention(0, 13)])
    doc = nlp(" " * 13 + text[13:])
    assert [f.text for f in figures(doc, src)] == ["$4.5 million", "300"]


@pytest.mark.parametrize(
    ("text", "figure", "about"),
    [
        # the length of a period, and a fraction broken by a space
        ("The council gave the provinces a six-month window to comply.", "six-month", "window"),
        ("A member may leave after a written one-year notice.", "one-year", "notice"),
        ("The rebels hold more than two- thirds of the valley.", "more than two- thirds", "valley"),
        ("The island, home to over one-quarter of its people, voted.", "over one-quarter", "people"),
        # the length of a happening
        ("The two towns agreed to settle the claim within three months.", "three months", "settle"),
        ("The ministers met in a session that lasted nine hours.", "nine hours", "session"),
        ("Many families ended up spending 2 to 5 days stranded at the ferry.", "2 to 5 days", "stranded"),
        ("The rebels began a 48-hour offensive on the valley.", "48-hour", "offensive"),
        ("Aid reached the eight-month blockaded town at last.", "eight-month", "blockaded"),
    ],
)
def test_the_length_of_a_period_or_happening_and_a_broken_fraction(nlp: Any, text: str, figure: str,
                                                                   about: str) -> None:
    (f,) = run(nlp, text)
    assert f.text == figure and about in f.about


def test_a_count_of_a_group_without_an_article_stays(nlp: Any) -> None:
    assert [f.text for f in run(nlp, "Three ministers resigned and 40 officials left.")] == ["Three", "40"]
    assert [f.text for f in run(nlp, "Troops may use two more ports besides the six existing ones.")] == \
        ["two", "six"]



@pytest.mark.parametrize("text", [
    "In the last 12 years the port has grown.",
    "The river rose after four days of rain.",
])
def test_a_time_frame_is_no_length(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


def test_a_sentence_that_lost_its_numbers_gives_no_figure(nlp: Any) -> None:
    from briefer.model import Mention

    text = "The port handles XNUMX percent of trade and 40 percent of fuel. The fund paid $4.5 million."
    src = Source(id="s", path="s.txt", text=text, garbled=[Mention(0, text.index(" The fund"))])
    assert [f.text for f in figures(nlp(text), src)] == ["$4.5 million"]


@pytest.mark.parametrize("text", [
    "The ruling rests on three pillars.",
    "Two videos posted online showed troops cheering at the gate.",
    "Three prominent lawyers analysed the verdict's wider meaning.",
    "The Harbour Party is one of two main blocs in the chamber.",
    "The pact was signed between Ruritania and four Baltic states.",
])
def test_a_small_count_in_words_that_only_tells_the_story_is_no_figure(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(("text", "figures_"), [
    ("Gunmen killed six villagers and wounded two of their guards.", ["six", "two"]),
    ("The navy will open four more bases next year.", ["four"]),
    ("The survey found at least five cases of the disease.", ["at least five"]),
])
def test_a_small_count_of_what_something_happened_to_stays_a_figure(nlp: Any, text: str, figures_: list[str]) -> None:
    assert [f.text for f in run(nlp, text)] == figures_


def test_over_after_a_noun_is_a_preposition_not_a_qualifier(nlp: Any) -> None:
    fig = run(nlp, "The sale gives the group control over 43 terminals in 19 countries.")[0]
    assert (fig.text, fig.qualifier, fig.about) == ("43", None, "terminals in 19 countries")
    assert run(nlp, "Floods killed over 40 people.")[0].text == "over 40"


def test_a_sum_with_no_verb_measures_what_it_is_for(nlp: Any) -> None:
    (fig,) = run(nlp, "$2 billion to build the Lorvik dam")
    assert fig.about == "to build the Lorvik dam"


def test_a_noun_the_parse_made_a_compound_of_a_verb_is_what_the_sum_sizes(nlp: Any) -> None:
    from spacy.tokens import Doc

    # the parse spaCy gave this sentence inside a longer page: "billion" heads to the verb "hands",
    # "transaction" is a compound of that verb
    words = ["The", "$", "9.5", "billion", "transaction", "hands", "control", "of", "the", "docks", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, True, True, True, True, True, True, True, False, False],
              heads=[5, 3, 3, 5, 5, 5, 5, 6, 9, 7, 5],
              deps=["det", "quantmod", "compound", "nummod", "compound", "ROOT", "dobj", "prep", "det", "pobj",
                    "punct"],
              pos=["DET", "SYM", "NUM", "NUM", "NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
              tags=["DT", "$", "CD", "CD", "NN", "VBZ", "NN", "IN", "DT", "NNS", "."])
    src = Source(id="s", path="s.txt", text=doc.text)
    assert [(f.text, f.about) for f in figures(doc, src)] == [("$9.5 billion", "transaction")]


def test_the_base_of_a_conversion_is_no_figure(nlp: Any) -> None:
    found = run(nlp, "Adjusted for prices, $100 in 1950 is equivalent to $1,300 today.")
    assert [f.text for f in found] == ["$1,300"]
    assert [f.text for f in run(nlp, "The aid of $2 billion is equal to a tenth of the budget.")][0] == "$2 billion"


def test_a_count_joined_to_its_noun_sizes_the_next_noun(nlp: Any) -> None:
    (fig,) = run(nlp, "The rebels named the head of a 15-member ruling council.")
    assert (fig.text, fig.unit) == ("15-member", "member") and "ruling council" in fig.about


@pytest.mark.parametrize(("text", "figure"), [
    ("Some 90,000 villagers have been trapped for 18 months in the valley.", "18 months"),
    ("The militia has been besieging the town for the past nine months, fighting local guards.", "nine months"),
])
def test_how_long_a_state_lasted_is_a_figure_beside_a_count(nlp: Any, text: str, figure: str) -> None:
    assert figure in [f.text for f in run(nlp, text)]


def test_a_named_part_of_a_whole_is_no_share(nlp: Any) -> None:
    assert run(nlp, "The rebels took Varna, a gate to the army-held eastern half of the country.") == []
    assert [f.text for f in run(nlp, "Nearly half of its residents fled.")] == ["Nearly half"]
