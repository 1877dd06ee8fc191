"""Metadata a page states about itself (dates, publisher, authors, headline) and datelines, on
made-up pages in the shapes pages are saved with."""

from __future__ import annotations

import pytest

from briefer.ingest.metadata import furniture, infer, leading_dateline, statement_bounds
from briefer.ingest.pagedate import dateline, find_date, stamp

BODY = ("The council approved the new harbour budget after a long debate on Tuesday, officials "
        "said, adding that work on the northern pier would start next spring.\n\n"
        "Critics said the plan left out the fishing villages along the southern coast entirely.\n")


def test_wire_dateline_with_date_credits_the_agency():
    meta = infer(f"Port Vell, Ruritania (AFP) March 3, 2024\n\n{BODY}")
    assert (meta["publisher"], meta["date"], meta["kind"]) == ("AFP", "2024-03-03", "wire")


def test_caps_city_wire_dateline_and_reporting_credit():
    text = ("OSTRAVIA (Reuters) - The council approved the harbour budget on Tuesday, officials said.\n\n"
            "(Reporting by Ana Kovac in Ostravia and Piet de Wit; editing by Lena Moor)\n")
    meta = infer(text)
    assert meta["publisher"] == "Reuters"
    assert meta["authors"] == ["Ana Kovac", "Piet de Wit"]
    assert "date" not in meta  # a dateline without a date states none


def test_city_date_wire_shape():
    meta = infer(f"NORTH HAVEN, Nov 10, 2025 (Bernama) -- {BODY}")
    assert (meta["publisher"], meta["date"]) == ("Bernama", "2025-11-10")


def test_agency_alone_with_dash():
    assert infer(f"(NTV) -- {BODY}")["publisher"] == "NTV"


def test_sign_off_agency_at_the_end():
    text = f"CASTELLO: {BODY.strip()} - Bernama\n"
    assert infer(text)["publisher"] == "Bernama"


def test_sign_off_name_is_the_author():
    text = BODY.strip() + " — Maren T. Olsson\n"
    assert infer(text)["authors"] == ["Maren T. Olsson"]


def test_web_archive_date_line():
    meta = infer(f" date 2024-02-29 Harbour Weekly\n Council backs a new harbour budget\n{BODY}")
    assert meta["date"] == "2024-02-29"
    assert meta["title"] == "Council backs a new harbour budget"


def test_date_line_above_the_headline_is_the_page_date():
    meta = infer(f"Pier at dusk\n\n3 March 2024\n\nCouncil backs a new harbour budget: key points\n\n{BODY}")
    assert meta["date"] == "2024-03-03"
    assert meta["title"] == "Council backs a new harbour budget: key points"


def test_masthead_today_line_is_not_the_page_date():
    text = f"Coastal Times\n\nMonday, Mar 4, 2024\n\nCouncil backs a new harbour budget\n\n{BODY}\nCoastal Times\n"
    meta = infer(text)
    assert "date" not in meta
    assert meta["publisher"] == "Coastal Times"


def test_date_and_time_lines_below_the_headline():
    meta = infer(f"Council backs a new harbour budget after debate\n\nMar 4, 2024\n01:09 pm\n\n{BODY}")
    assert meta["date"] == "2024-03-04"


def test_published_line_wins_over_updated():
    text = f"Council backs a new harbour budget\nUpdated: 5 March 2024\nPublished: 4 March 2024\n\n{BODY}"
    assert infer(text)["date"] == "2024-03-04"


def test_timeline_entry_is_not_a_date_line():
    text = f"How the harbour plan came together over the year\nMay 2, 2024: The council meets.\n{BODY}"
    assert "date" not in infer(text)


@pytest.mark.parametrize("line, iso", [
    ("Harbour Weekly 04/03/2024 | 10:15 CET", "2024-03-04"),  # a day-first zone
    ("Harbour Weekly 04/03/2024 | 10:15 EDT", "2024-04-03"),  # a month-first zone
    ("Harbour Weekly 25/03/2024 | 10:15", "2024-03-25"),  # a day over 12
])
def test_numeric_dates_read_on_evidence(line, iso):
    meta = infer(f"Council backs a new harbour budget\n\n{line}\n\n{BODY}")
    assert (meta["date"], meta["publisher"]) == (iso, "Harbour Weekly")


def test_ambiguous_numeric_date_stays_unknown():
    assert "date" not in infer(f"Council backs a new harbour budget\n\nHarbour Weekly 04/03/2024\n\n{BODY}")


def test_author_pipe_date_line():
    meta = infer(f"Council backs a new harbour budget\n\nIlse Brandt | June 20, 2024, 07:06 PM\n\n{BODY}")
    assert (meta["authors"], meta["date"]) == (["Ilse Brandt"], "2024-06-20")


def test_byline_with_outlet_and_date():
    meta = infer(f"Council backs a new harbour budget\nBy Ilse Brandt and Tomas Ek, Reuters | March 3, 2024\n{BODY}")
    assert meta["authors"] == ["Ilse Brandt", "Tomas Ek"]


def test_copyright_line_names_the_publisher():
    assert infer(f"{BODY}\n© 2024 Harbour Weekly. All rights reserved.\n")["publisher"] == "Harbour Weekly"


def test_legal_list_marker_is_no_copyright():
    assert "publisher" not in infer(f"{BODY}\n(c) exports of listed items;\n")


def test_page_naming_itself():
    text = ("Explainer: how the harbour plan came together\n"
            "After a year of talks the council agreed. Coast Review takes a look at how it unfolded.\n" + BODY)
    assert infer(text)["publisher"] == "Coast Review"


def test_contributor_line_names_the_publisher_not_an_author():
    meta = infer(BODY + "Harbour Network senior producer Ola Berg contributed to this report.\n")
    assert meta["publisher"] == "Harbour Network"
    assert "authors" not in meta


def test_official_page_signed_at_its_end():
    meta = infer(BODY + "\nMinistry of Maritime Affairs\n\nRelated: Ten years of port reform\n")
    assert meta["publisher"] == "Ministry of Maritime Affairs"


def test_wire_story_run_by_another_site():
    text = "A ferry ran aground near the northern pier on Monday, the coast guard said, reported Reuters.\n" + BODY
    assert infer(text)["publisher"] == "Reuters"


def test_photo_credits_name_nobody():
    text = ("Council backs a new harbour budget\n"
            "Workers repair the old pier on Monday. REUTERS/Ana Kovac\n" + BODY +
            "Fishermen wave flags during a rally on May 2, 2024. (Piet de Wit/HARBOUR WEEKLY)\n")
    meta = infer(text)
    assert "publisher" not in meta and "authors" not in meta


@pytest.mark.parametrize("text, rest", [
    ("WASHINGTON (Reuters) - The council approved the harbour budget on Tuesday.", "The council"),
    ("OSTRAVIA: The council approved the harbour budget on Tuesday, officials said.", "The council"),
    ("(Port Vell): The council approved the harbour budget on Tuesday, officials said.", "The council"),
    ("PORT VELL, Ruritania (AP) — The council approved the harbour budget on Tuesday.", "The council"),
    ("Port Vell, Ruritania (AFP) April 5, 2025 The council approved the harbour budget.", "The council"),
    ("Port Vell, Ruritania — The council approved the harbour budget on Tuesday, officials said.", "The council"),
    ("Port Vell, D.C. – February 5, 2026 – The council approved the harbour budget on Tuesday.", "The council"),
    ("5-4-2025 (Port Vell): The council approved the harbour budget on Tuesday, officials said.", "The council"),
    (" date 2024-02-29 The council approved the harbour budget on Tuesday, officials said.", "The council"),
    ("(MENAFN- Harbour News Agency (HNA)) PORT VELL, Oct 4 (HNA) -- The council approved the budget.",
     "The council"),
    ("(MENAFN- The Castello Herald) The council approved the harbour budget on Tuesday.", "The council"),
    ("Lorvik/Port Vell: The council approved the harbour budget on Tuesday, officials said.", "The council"),
])
def test_leading_dateline_is_stripped(text, rest):
    assert text[leading_dateline(text):].startswith(rest)


@pytest.mark.parametrize("text", [
    "The Armed Forces (AFP) chief said the troops were ready for the mission on Monday.",
    "Ilse Brandt said on Saturday that the council had nothing to hide at the harbour.",
    "Meanwhile the council approved the harbour budget on Tuesday, officials said today.",
])
def test_no_dateline_in_an_ordinary_sentence(text):
    assert leading_dateline(text) == 0


@pytest.mark.parametrize(("credit", "publisher"), [
    ("(MENAFN- Harbour News Agency (HNA)) PORT VELL, Oct 4 (HNA) --", "HNA"),
    ("(MENAFN- The Castello Herald)", "The Castello Herald"),
])
def test_a_syndication_credit_names_the_outlet_it_relays(credit, publisher):
    text = ("Ruritania and Borduria sign a port accord\n\n"
            f"{credit} The two governments signed the accord on Friday after three days of talks.\n\n"
            "The talks ended with a joint statement on the border.\n")
    assert infer(text).get("publisher") == publisher


def test_an_agency_credit_with_its_site_and_date_in_brackets():
    text = ("Port Vell, (APP - Harbour Point News - 11th May, 2024) The council approved the harbour budget "
            "on Friday after a long debate.\n\nThe plan sets aside money for new cranes.\n")
    meta = infer(text)
    assert (meta.get("publisher"), meta.get("date")) == ("APP", "2024-05-11")
    assert text[leading_dateline(text):].startswith("The council")


def test_a_line_naming_whose_text_the_page_relays_gives_the_publisher():
    text = ("From the HPA\n\nThe harbour authority today adopted the new port rules by consensus after two "
            "years of talks.\n\nThe rules take effect in May.\n")
    assert infer(text).get("publisher") == "HPA"
    assert "From the HPA" in [text[s:e] for s, e, _ in furniture(text)]


def test_numeric_dateline_is_day_first():
    found = dateline("5-4-2025 (Port Vell): The council met.")
    assert found is not None and found.iso == "2025-04-05"


@pytest.mark.parametrize("line, iso, weekday", [
    ("Thursday, Sep 18, 2025", "2025-09-18", True),
    ("Published: 12 September 2025, 10:02 AM EDT", "2025-09-12", False),
    ("September 12, 2025", "2025-09-12", False),
])
def test_stamps(line, iso, weekday):
    st = stamp(line)
    assert st is not None and (st.iso, st.weekday) == (iso, weekday)


def test_a_sentence_is_no_stamp():
    assert stamp("July 28, 2025: the two leaders agree to a ceasefire") is None
    assert find_date("on 31/02/2024") is None or find_date("on 31/02/2024")[0] is None


@pytest.mark.parametrize("text", [
    f"World News\n\nCouncil backs a new harbour budget\n\n{BODY}World News\n",  # a section, not a masthead
    f"{BODY}\n(c) Definitions\n",  # a legal list marker
    f"{BODY}\nDefense Department Announces New Harbour Aid\nRelated: Ten years of port reform\n",  # a link
    f"Asia Pacific | 12 Sep 2025\n\nCouncil backs a new harbour budget\n\n{BODY}",  # a section label
])
def test_no_invented_publisher_or_author(text):
    meta = infer(text)
    assert "publisher" not in meta and "authors" not in meta


def test_agency_story_with_caps_byline_and_updated_line():
    text = ("Council backs a new harbour budget after debate\n\nBy ANA KOVAC and PIET SMIT\n\n"
            "Updated 3:04 PM EDT, March 12, 2024\n\nOSTRAVIA (AP) — " + BODY)
    meta = infer(text)
    assert (meta["publisher"], meta["date"]) == ("AP", "2024-03-12")
    assert meta["authors"] == ["ANA KOVAC", "PIET SMIT"]


def test_posted_by_with_a_date():
    meta = infer(f"Council backs a new harbour budget after debate\nPosted by Ilse Brandt on March 3, 2024\n{BODY}")
    assert (meta["authors"], meta["date"]) == (["Ilse Brandt"], "2024-03-03")


def test_iso_timestamp_and_relative_update_stay_a_stamp():
    assert infer(f"Council backs a new harbour budget\n2024-03-12T10:00:00Z\n{BODY}")["date"] == "2024-03-12"
    assert stamp("March 12, 2024 10:30 AM GMT Updated 2 hours ago") is not None


def test_source_line_names_the_agency():
    assert infer(f"Council backs a new harbour budget\nSource: Xinhua | 2024-03-12\n{BODY}")["publisher"] == "Xinhua"


def test_saved_page_title_names_its_outlet():
    meta = infer(f"Council backs a new harbour budget after debate | Harbour Weekly\n\n{BODY}")
    assert (meta["publisher"], meta["title"]) == ("Harbour Weekly", "Council backs a new harbour budget after debate")


def test_heading_after_a_notice_paragraph_is_the_title():
    text = ("The Minister will travel to Port Vell from May 2-6 to attend the regional ministerial meetings "
            "and hold talks with the Prime Minister.\n\nHarbour-Ruritania Relations\n\n" + BODY)
    assert infer(text)["title"] == "Harbour-Ruritania Relations"
    sentence_case = text.replace("Harbour-Ruritania Relations", "What happened next")
    assert "title" not in infer(sentence_case)


def test_possessive_contributor_line():
    assert infer(BODY + "CNN's Ola Berg contributed to this report.\n")["publisher"] == "CNN"


def test_place_in_parentheses_with_a_dash_is_no_credit():
    text = f"(Port Vell) — {BODY}"
    assert "publisher" not in infer(text)
    assert text[leading_dateline(text):].startswith("The council")


def test_byline_stamps_are_furniture_but_table_rows_are_content():
    from briefer.ingest.metadata import furniture

    text = "Ilse Brandt | June 20, 2024, 07:06 PM\nMay 2, 2024 | Talks resume in the capital\n" + BODY
    assert [text[s:e] for s, e, _ in furniture(text)] == ["Ilse Brandt | June 20, 2024, 07:06 PM"]


def test_weekday_line_above_a_headline_below_a_tagline_is_still_the_masthead():
    text = (f"Latest News And Views From Around The Coast\n\nMonday, Mar 4, 2024\n\n"
            f"Council backs a new harbour budget after debate\n\n{BODY}")
    assert "date" not in infer(text)
    below = "Council backs a new harbour budget after debate\n\nMonday, Mar 4, 2024\n\n" + BODY
    assert infer(below)["date"] == "2024-03-04"


def test_site_credit_with_date_and_dash():
    text = f"Port Vell (PV), Mar 4 – {BODY}"
    assert infer(text)["publisher"] == "PV"
    assert text[leading_dateline(text):].startswith("The council")


# --- further page shapes: labelled fields, role bylines, author boxes, releases, wire lines ---------

def test_labelled_fields_run_together_by_a_scraper():
    text = ("Harbour dues: a note on the new tariff\n\n"
            "Date: March 4, 2024Author: Castello Maritime Blog2 Comments\n\n"
            "by Ilse M. Varga, Lecturer in Maritime Law, University of Castello, Ruritania\n\n" + BODY)
    meta = infer(text)
    assert meta["date"] == "2024-03-04"
    assert meta["publisher"] == "Castello Maritime Blog"
    assert meta["authors"] == ["Ilse M. Varga"]


def test_labelled_author_who_is_a_person():
    meta = infer(f"Council backs a new harbour budget\n\nAuthor: Teodor Vasko\nDate: 12 May 2023\n\n{BODY}")
    assert (meta["authors"], meta["date"]) == (["Teodor Vasko"], "2023-05-12")
    assert "publisher" not in meta


def test_labelled_authors_list():
    meta = infer(f"Council backs a new harbour budget\n\nAuthors: Teodor Vasko and Ilse M. Varga\n\n{BODY}")
    assert meta["authors"] == ["Teodor Vasko", "Ilse M. Varga"]


def test_lower_case_byline_inside_a_wrapped_paragraph_is_no_byline():
    text = ("Council backs a new harbour budget\n\n"
            "The plan was approved on Tuesday after a long debate that was led\n"
            "by Ana Kovac, Mayor of Castello, and then adopted\n"
            "and that the pier would open next spring.\n\n" + BODY)
    assert "authors" not in infer(text)


def test_author_box_name_twice_then_bio():
    text = ("Council backs a new harbour budget\n\nMira Kovalenko\nMira Kovalenko\n"
            "Mira holds a degree in history. As the Europe desk chief for Harbour Ledger, she covers ports.\n\n"
            + BODY)
    meta = infer(text)
    assert meta["authors"] == ["Mira Kovalenko"]
    assert meta["publisher"] == "Harbour Ledger"


def test_author_box_without_a_newsroom_bio_names_no_publisher():
    text = ("Council backs a new harbour budget\n\nMira Kovalenko\nMira Kovalenko\n"
            "Mira is a fellow of the Castello Institute and writes on ports.\n\n" + BODY)
    meta = infer(text)
    assert meta["authors"] == ["Mira Kovalenko"]
    assert "publisher" not in meta


def test_organisation_with_its_city_and_a_press_release_line():
    text = ("Ruritania: Ministry Urges Calm Over Harbour Dues\n\n4 March 2024\n"
            "Ministry of Ports and Shipping (Castello)\npress release\n\n" + BODY)
    meta = infer(text)
    assert meta["publisher"] == "Ministry of Ports and Shipping"
    assert meta["date"] == "2024-03-04"


def test_name_with_place_in_parentheses_alone_is_no_publisher():
    text = "Council backs a new harbour budget\n\nHarbour Works (Phase Two)\n\n" + BODY
    assert "publisher" not in infer(text)


def test_wire_name_alone_under_the_lead():
    text = ("Council backs a new harbour budget\n\nThe mayor, centre, at the pier on Tuesday\nAFP\n\n" + BODY)
    meta = infer(text)
    assert (meta["publisher"], meta["kind"]) == ("AFP", "wire")


def test_photo_credit_naming_a_wire_is_no_wire_line():
    text = "Council backs a new harbour budget\n\nPhoto: AFP/Pool\n\n" + BODY
    assert "publisher" not in infer(text)


@pytest.mark.parametrize("stamp", ["Last updated: March 8, 2024, 01:08 IST",
                                   "Final Up to date: March 08, 2024, 01:08 IST"])
def test_updated_stamp_at_the_end_of_a_page(stamp):
    assert infer(f"{BODY}{stamp}\nHarbour Crux\n")["date"] == "2024-03-08"


@pytest.mark.parametrize("label", ["Closing date", "Election date"])
def test_a_labelled_date_of_something_else_is_not_the_page_date(label):
    assert "date" not in infer(f"{BODY}{label}: March 8, 2024\n")
    assert "date" not in infer(f"Council backs a new harbour budget\n\n{label}: March 8, 2024\n\n{BODY}")


def test_inverted_wire_credit_in_an_early_paragraph():
    text = ("The council approved the new harbour budget on Tuesday after a long debate, officials said "
            "in a statement.\n\nThe dispute has raised fears for the fishing villages, reports the AFP. "
            "The mayor blasted critics for what she called bad faith over the northern pier plan.\n")
    assert infer(text)["publisher"] == "AFP"


def test_wire_cited_in_a_later_paragraph_is_no_credit():
    text = BODY + "\nA third paragraph follows here with more detail on the plan for the pier and docks.\n\n" \
        "The mayor later resigned, reports Reuters. Critics said the plan would cost far more than stated.\n"
    assert "publisher" not in infer(text)


def test_headline_on_a_web_archive_date_line():
    meta = infer(f" date 2024-03-04 Ruritania: Ministry Urges Calm Over Harbour Dues\n\n{BODY}")
    assert (meta["date"], meta["title"]) == ("2024-03-04", "Ruritania: Ministry Urges Calm Over Harbour Dues")


def test_first_paragraph_on_a_web_archive_date_line_is_no_title():
    assert "title" not in infer(f" date 2024-03-04 {BODY}")


def test_issuing_organisation_line_is_not_the_headline():
    text = "4 March 2024\nMinistry of Ports and Shipping of Ruritania (Castello)\npress release\n\n" + BODY
    meta = infer(text)
    assert meta.get("title") is None and meta["publisher"] == "Ministry of Ports and Shipping of Ruritania"


def test_section_label_in_capitals_is_not_part_of_the_title():
    meta = infer(f"MARITIME LAW: Reading the New Harbour Tariff: Ruritania v. Ostravia\n\n{BODY}")
    assert meta["title"] == "Reading the New Harbour Tariff: Ruritania v. Ostravia"
    assert infer(f"Explainer: How the council agreed on harbour dues\n\n{BODY}")["title"].startswith("Explainer:")


# --- credits, self-naming and dated lists in further shapes -----------------------------------


@pytest.mark.parametrize("line, wire", [
    ("Castello (MFARuritania) – The Federal Government of Ruritania rejects the accord.", "MFARuritania"),
    ("Lorvik (RNA/QNA) – Ruritania and Borduria agreed to set aside their differences.", "RNA/QNA"),
])
def test_city_credit_dash_names_the_outlet(line, wire):
    found = dateline(line)
    assert found is not None and found.wire == wire


@pytest.mark.parametrize("line", [
    "Castello (HO) - The president signed the bill into law on Saturday.",  # a bare short abbreviation
    "Harbour Guard (Coast) – the unit said it would patrol the strait.",
    "Ministers (Health) – who met on Friday – agreed a plan.",
])
def test_unnamed_or_phrase_credit_is_no_wire(line):
    found = dateline(line)
    assert found is None or found.wire is None


def test_month_in_capitals_is_a_date():
    assert stamp("12 OCTOBER 2025").iso == "2025-10-12"
    text = "WORLD – EUROPE\n12 OCTOBER 2025\n- The dispute over the river islands began in 1911 and has flared again.\n"
    assert infer(text).get("date") == "2025-10-12"


def test_dated_list_first_entry_is_not_the_page_date():
    text = ("Chronology\n\nMarch 3, 2024\nRuritania and Borduria agreed to reopen the border crossing at "
            "Lorvik after two years of closure, officials said.\n\nJanuary 9, 2024\nBorduria withdrew its "
            "monitors from the demilitarised zone along the river.\n")
    assert "date" not in infer(text)


def test_one_date_line_above_the_story_is_still_the_page_date():
    text = ("Ruritania and Borduria reopen the border crossing\n\nMarch 3, 2024\n"
            "Ruritania and Borduria agreed to reopen the border crossing at Lorvik after two years of "
            "closure, officials said on Sunday.\n")
    assert infer(text).get("date") == "2024-03-03"


@pytest.mark.parametrize("lead, pub", [
    ("The two governments will sign a transit accord in Castello next week. This was reported by "
     "Reuters, citing unnamed officials, informs RNN.", "RNN"),
    ("The foreign ministers of Ruritania and Borduria signed a declaration in Castello on peaceful "
     "relations between the two countries, Harbour.kz reports.", "Harbour.kz"),
    ("According to Lorvik.Az, citing the foreign ministry, the documents describe the meeting as a "
     "step towards a lasting settlement of the dispute.", "Lorvik.Az"),
])
def test_outlet_naming_itself_as_the_teller(lead, pub):
    text = (f"Ruritania and Borduria sign a declaration on peace\n{lead}\n"
            "The talks lasted three days and ended with a joint statement on the border.\n")
    assert infer(text).get("publisher") == pub


@pytest.mark.parametrize("lead", [
    "The minister told the Castello Herald that the accord would be signed within two months.",
    "The two governments will sign a transit accord next week, the Harbour Times reports.",
])
def test_another_outlet_named_in_the_story_is_not_the_publisher(lead):
    text = (f"Ruritania and Borduria sign a declaration on peace\n{lead}\n"
            "The talks lasted three days and ended with a joint statement on the border.\n")
    assert "publisher" not in infer(text)


def test_an_outlet_citing_its_own_earlier_dispatch_by_day_is_the_publisher():
    text = ("Ruritania and Borduria sign a declaration on peace\n"
            "The two governments signed the accord in Castello on Monday (see Harbour Wire, 27/10/2025).\n"
            "The talks lasted three days and ended with a joint statement on the border.\n")
    assert infer(text).get("publisher") == "Harbour Wire"
    assert "publisher" not in infer(text.replace("Harbour Wire, 27/10/2025", "Smith, 2019"))


@pytest.mark.parametrize(("line", "pub"), [
    ("A port engineer told Lorvik Courant that the new quay would open in May.", "Lorvik Courant"),
    ("A port engineer told the Castello Herald on Sunday that the new quay would open in May.", "Castello Herald"),
    ("A port engineer told AFP that the new quay would open in May.", None),  # a rewrite of AFP's copy keeps it
    ("A port engineer told Vesna Rozhen that the new quay would open in May. Rozhen visited the quay.", None),
    ("The mayor told Prime Minister Vesna Rozhen that the new quay would open in May.", None),
    ("When Lorvik contacted the port office for the figures, it was told they were not final.", "Lorvik"),
    ("The Castello Herald has learnt that the new quay would open in May.", "Castello Herald"),
    ("When Vesna Rozhen contacted the port office, she was told the quay would open in May.", None),
    ("When the Governor contacted the port office, it was told the quay would open in May.", None),
])
def test_the_outlet_sources_spoke_to_further_down_the_story_is_the_publisher(line, pub):
    text = ("Ruritania and Borduria sign a declaration on peace\n"
            "The two governments signed the accord in Castello on Monday after three days of talks.\n"
            f"{line}\n")
    assert infer(text).get("publisher") == pub


def test_region_section_label_is_not_the_publisher():
    text = ("Southeast Asia\nHarbour Weekly brings you the latest news, analysis and features from the region "
            "every day.\n\nRuritania Plans to Sign a Port Agreement With Borduria\n\nIn early March, Ruritania "
            "and Borduria signed a memorandum to secure access to the sea for the landlocked country.\n"
            "Southeast Asia\n")
    assert infer(text).get("publisher") == "Harbour Weekly"


def test_a_story_opening_with_a_name_and_a_verb_is_no_blurb():
    text = ("Ruritania brings you closer to the border, the minister joked at the opening of the new road "
            "between the two capitals on Monday.\nThe road cost 40 million and took three years to build.\n")
    assert "publisher" not in infer(text)


@pytest.mark.parametrize(("text", "shown"), [
    ("“[…] The two councils agreed never to close the bridge.”",
     "The two councils agreed never to close the bridge."),
    ("[...] Both towns will share the water.", "Both towns will share the water."),
    ("Floods spread to the delta towns, reports the AFP.", "Floods spread to the delta towns"),
    ("Grain prices rose again in the capital, Reuters reported.", "Grain prices rose again in the capital"),
    ("Grain prices rose again in the capital, the minister said.",
     "Grain prices rose again in the capital, the minister said."),
    ("The bridge reopened on Monday (see Harbour Wire, 27/10/2025).", "The bridge reopened on Monday"),
    ("The bridge reopened on Monday (see map).", "The bridge reopened on Monday"),
    ("The fund will pay for new roads (Roe and Lee, 2025).", "The fund will pay for new roads"),
    ("The fund will pay for new roads (Harbour Times, 2025a).", "The fund will pay for new roads"),
    ("The fund grew fast in 2025 (up 3%).", "The fund grew fast in 2025 (up 3%)."),
])
def test_an_omission_mark_and_a_wire_credit_are_no_part_of_a_statement(text: str, shown: str) -> None:
    start, end = statement_bounds(text, 0, len(text))
    assert text[start:end] == shown


def test_a_statement_inside_a_page_loses_its_omission_mark() -> None:
    text = "The pledge reads:\n“[…] Both towns will share the water.”"
    start, end = statement_bounds(text, 18, len(text))
    assert text[start:end] == "Both towns will share the water."
