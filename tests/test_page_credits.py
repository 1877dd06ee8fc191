"""Who made a page, read from further shapes pages are saved with: a site's name after a dash
ending the headline, a web address opening the story, a masthead matching the saved address, a
verification disclaimer, an agency in a "City, AGENCY –" dateline, a byline in capitals above the
dateline or split from its date; and a page in another language kept and flagged. Made-up pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer import ingest
from briefer.ingest.metadata import furniture, infer

BODY = ("The council approved the new harbour budget after a long debate on Tuesday, officials "
        "said, adding that work on the northern pier would start next spring.\n\n"
        "Critics said the plan left out the fishing villages along the southern coast entirely.\n")


def test_site_after_a_dash_ending_the_headline_is_the_publisher_and_leaves_the_title() -> None:
    meta = infer(f"Harbour Council Backs Pier Budget After Long Debate -- Harbourtimes.com\n\n{BODY}")
    assert meta["publisher"] == "Harbourtimes.com"
    assert meta["title"] == "Harbour Council Backs Pier Budget After Long Debate"


def test_a_speaker_after_a_dash_in_the_headline_is_no_publisher() -> None:
    meta = infer(f"Ruritania and Ostravia Sign Pier Deal for Navy Ships - Mayor Okafor\n\n{BODY}")
    assert "publisher" not in meta


def test_web_address_opening_the_story_credits_the_site() -> None:
    text = ("Pier deal in doubt as council balks\n\n"
            "Harbourwire.net -- The council approved the new harbour budget after a long debate on "
            "Tuesday, officials said, adding that work would start next spring.\n\n" + BODY)
    assert infer(text)["publisher"] == "Harbourwire.net"


def test_yearless_copyright_under_the_headline_credits_a_photo_not_the_page() -> None:
    text = "Pier deal in doubt as council balks\n\nPublished 17/07/2025, 12:52\n© Lantern Wire\n\n" + BODY
    assert infer(text).get("publisher") != "Lantern Wire"
    assert infer(BODY + "\n© Lantern Wire\n")["publisher"] == "Lantern Wire"  # at the foot: the page's


def test_masthead_line_matching_the_saved_address_is_the_publisher() -> None:
    text = (" date 2025-04-10 https://lanternglobe.com/20250410/pier-deal-123.html\n\n"
            "Council Backs Pier Budget\n\nLantern International\n\n" + BODY)
    assert infer(text)["publisher"] == "Lantern International"
    unrelated = (" date 2025-04-10 https://harbourpost.org/pier-deal\n\nCouncil Backs Pier Budget\n\n"
                 "Lantern International\n\n" + BODY)
    assert infer(unrelated).get("publisher") != "Lantern International"


def test_outlet_disclaiming_verification_is_the_teller() -> None:
    text = BODY + "\nVideos shared online, which HBC has not independently verified, show the pier.\n"
    assert infer(text)["publisher"] == "HBC"
    officials = BODY + "\nOfficials could not confirm the figure on Tuesday.\n"
    assert "publisher" not in infer(officials)


def test_city_and_listed_agency_abbreviation_before_a_dash_is_a_wire_credit() -> None:
    meta = infer(" date 2025-11-07 Port Vell, MINA – The council approved the harbour budget on "
                 "Thursday after a long debate, officials said, adding work would start soon.\n\n" + BODY)
    assert (meta["publisher"], meta["kind"]) == ("MINA", "wire")
    country = infer("Port Vell, RURITANIA – The council approved the harbour budget on Thursday after "
                    "a long debate, officials said, adding work would start soon.\n\n" + BODY)
    assert "publisher" not in country  # a country in capitals credits no one


def test_name_in_capitals_above_the_dateline_is_the_author() -> None:
    text = ("Council backs pier budget\n\nJANE ROEBUCK\nPORT VELL -- The council approved the new "
            "harbour budget after a long debate on Tuesday, officials said.\n\n" + BODY)
    assert infer(text)["authors"] == ["Jane Roebuck"]


def test_name_above_a_dashed_date_line_is_the_author() -> None:
    text = "Council backs pier budget\n\nJane Roebuck\n– November 4, 2025\n6 min read\n\n" + BODY
    meta = infer(text)
    assert meta["authors"] == ["Jane Roebuck"] and meta["date"] == "2025-11-04"


def test_page_in_another_language_is_kept_and_flagged_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(
        "Le conseil municipal a approuvé le budget du port après un long débat mardi, selon les élus.\n"
        "Les pêcheurs des villages de la côte sud ont dénoncé un plan qui les oublie entièrement.\n"
        "Les travaux sur la jetée nord devraient commencer au printemps prochain, a-t-on appris.\n")
    sources, skipped = ingest.load([tmp_path])
    flagged = next(s for s in sources if s.path.endswith("b.txt"))
    assert not skipped and flagged.quality < 0.5
    assert any("not in English" in n for n in flagged.notes)


# --- more shapes a page names its outlet, date and author in (made-up pages) ---------------------

STORY = ("The harbour council approved the new quay budget on Tuesday after a debate that lasted most of "
         "the day and ended with a clear vote.\n\nThe plan sets aside money for two cranes and a second "
         "berth, officials said in a statement after the vote.\n")


@pytest.mark.parametrize(("top", "field", "value"), [
    ("Published May 2, 2031last updated May 3, 2031What you need to know", "date", "2031-05-02"),
    ("LORVIK, May 6. /TASS/. The council met.", "publisher", "TASS"),
    ("PORT VELL — (AP) — The council met.", "publisher", "AP"),
    ("DPA dpa", "publisher", "dpa"),
    ("Harbour works: Situation Report No. 4 (As of 25 April 2031)", "date", "2031-04-25"),
    ("Jane Roe March 29, 2031 0", "authors", ["Jane Roe"]),
    ("Jane Roe March 29, 2031 0", "date", "2031-03-29"),
    ("Jane Roe\n\n28.4.2031", "authors", ["Jane Roe"]),
    ("24 April 2031 | By Jane Roe", "authors", ["Jane Roe"]),
    ("by Jane Roe – Managing Editor", "authors", ["Jane Roe"]),
    ("Lorvik, November 24, AZERTAC", "publisher", "AZERTAC"),
    ("Lorvik, November 24, AZERTAC", "day", "11-24"),
])
def test_credit_and_date_shapes_above_the_story(top, field, value):
    text = f"Lorvik approves a new quay\n\n{top}\n\n{STORY}"
    assert infer(text).get(field) == value


@pytest.mark.parametrize(("bottom", "publisher"), [
    ("Source: AFP", "AFP"),
    ("Sign up for Harbour Times's News Headlines newsletter.", "Harbour Times"),
    ("BDST: 1048 HRS, MAR 31, 2031", None),
])
def test_credit_lines_at_the_end_of_the_page(bottom, publisher):
    text = f"Lorvik approves a new quay\n\n{STORY}\n{bottom}\n"
    assert infer(text).get("publisher") == publisher


def test_a_bare_day_stamp_closing_the_page_dates_it():
    assert infer(f"Lorvik approves a new quay\n\n{STORY}\nBDST: 1048 HRS, MAR 31, 2031\n").get("date") == "2031-03-31"
    chronology = f"Lorvik: a chronology\n\nMay 2, 2031\n{STORY}\nApril 23, 2031\nThe cou"
    assert "date" not in infer(chronology)  # a chronology cut short after its last entry's date


def test_a_report_naming_who_produced_it():
    text = ("Lorvik: Harbour Works Update No. 2\n\nThis situation report is produced by HPA in collaboration with "
            f"the port's partners and its working groups.\n\n{STORY}")
    assert infer(text).get("publisher") == "HPA"


def test_an_agency_dateline_under_a_summary_names_the_agency():
    text = ("Lorvik approves a new quay\n\nThe council voted for the quay on Tuesday after a long debate.\n"
            "Workers and cranes at the old berth. © Photo / Jane Roe\n"
            f"LORVIK (AFP) - {STORY}")
    assert infer(text).get("publisher") == "AFP"


def test_the_agency_sources_spoke_to_is_not_the_publisher_but_the_site_is():
    told = STORY + "A port engineer told Reuters that the new quay would open in May.\n"
    assert "publisher" not in infer(f"Lorvik approves a new quay\n\n{told}")
    told = STORY + "A port engineer told HTV that the new quay would open in May, and said more.\n"
    assert infer(f"Lorvik approves a new quay\n\n{told}https://p.htv.com/p/4rvFn\n").get("publisher") == "HTV"


def test_skip_links_are_navigation():
    text = "Skip to content\nSkip to more Harbour sites\nSkip next section What you need to know\n" + STORY
    found = {text[s:e]: r for s, e, r in furniture(text)}
    assert found.get("Skip to more Harbour sites") == "navigation"
    assert found.get("Skip next section What you need to know") == "navigation"


def test_a_dateline_day_without_a_year_is_kept_for_the_set_to_place():
    meta = infer(f"Lorvik approves a new quay\n\nLORVIK, May 6 (Reuters) - {STORY}")
    assert (meta.get("publisher"), meta.get("day"), meta.get("date")) == ("Reuters", "05-06", None)


def test_an_outlet_named_before_the_date_opening_the_story_is_the_publisher():
    text = f"Lorvik approves a new quay\n\nHarbour Climate News, 24 November 2031 – {STORY}"
    meta = infer(text)
    assert (meta.get("publisher"), meta.get("date")) == ("Harbour Climate News", "2031-11-24")
    assert "publisher" not in infer(f"Lorvik approves a new quay\n\nPort Vell, 24 November 2031 – {STORY}")


@pytest.mark.parametrize(("top", "field", "value"), [
    ("LORVIK (12 February 2031) – The council met on the quay and voted for it after a long day.", "date",
     "2031-02-12"),
    ("March 12, 2031 - Lorvik, Ruritania - Ministry of Ports Ruritania", "date", "2031-03-12"),
    ("March 12, 2031 - Lorvik, Ruritania - Ministry of Ports Ruritania", "publisher", "Ministry of Ports Ruritania"),
    ("July 31, 2031 Hour: 2:13 pm", "date", "2031-07-31"),
    ("Update: 2031-10-16 14:10:46", "date", "2031-10-16"),
    ("Senior Correspondent | harbournews24.com", "publisher", "harbournews24.com"),
    ("by HarbourTribune Staff, March 4, 2031 Real Harbour News", "publisher", "HarbourTribune"),
])
def test_release_lines_stamps_and_newsroom_credits(top, field, value):
    text = f"Lorvik approves a new quay\n\n{top}\n\n{STORY}"
    assert infer(text).get(field) == value


def test_a_web_archive_date_before_a_newsroom_byline():
    meta = infer(f" date 2031-03-04 by HarbourTribune Staff, March 4, 2031 Real Harbour News\n\n{STORY}")
    assert (meta.get("publisher"), meta.get("date"), meta.get("title")) == ("HarbourTribune", "2031-03-04", None)


def test_an_agency_closing_note_names_and_dates_the_page():
    meta = infer(f"{STORY}This report by The Harbour Press was first published Oct. 7, 2031.\n")
    assert (meta.get("publisher"), meta.get("date")) == ("The Harbour Press", "2031-10-07")


def test_a_news_agency_credited_in_the_first_paragraph():
    lede = ("The council on Tuesday approved the new quay after a long debate, news agency AFP reported, "
            "ending a year of argument over the port.\n\n")
    assert infer(f"{lede}{STORY}").get("publisher") == "AFP"
    lede = lede.replace("news agency AFP", "the Castello Herald")
    assert "publisher" not in infer(f"{lede}{STORY}")


def test_an_outlet_a_source_confirmed_something_to():
    told = STORY + ("Among them, the chief engineer of the port authority has confirmed the matter to "
                    "The Harbour Standard.\n")
    assert infer(f"Lorvik approves a new quay\n\n{told}").get("publisher") == "The Harbour Standard"


def test_the_pages_own_written_stamp_beats_a_web_archives_day():
    text = f" date 2031-02-21 Menu Content\n\nLorvik approves a new quay\n\nWritten: 2031-02-26 08:06:13Updated: " \
           f"2031-02-26 12:56:18\n\n{STORY}"
    assert infer(text).get("date") == "2031-02-26"
    assert infer(f" date 2031-02-21 Menu Content\n\nLorvik approves a new quay\n\n{STORY}").get("date") == "2031-02-21"


@pytest.mark.parametrize(("top", "field", "value"), [
    ("Published by Jane Roe Verified by 7 de marzo, 2031", "authors", ["Jane Roe"]),
    ("By the Harbour Union of Dock Lawyers — North Chapter", "publisher", "Harbour Union of Dock Lawyers"),
    ("7 May 2031 (HARBOURLINE)", "date", "2031-05-07"),
])
def test_editor_credits_organisation_bylines_and_named_stamps(top, field, value):
    assert infer(f"Lorvik approves a new quay\n\n{top}\n\n{STORY}").get(field) == value


def test_a_release_opening_with_today_and_its_date():
    lede = ("Today, 12 March 2031, the harbour council approved the new quay budget after a debate that lasted "
            "most of the day.\n\n")
    assert infer(f"Quay approved\n\n{lede}{STORY}").get("date") == "2031-03-12"


def test_a_wire_credited_with_per_closing_the_lede():
    lede = ("The harbour council approved the new quay budget after a debate that lasted most of the day, "
            "per the AP.\n\n")
    assert infer(f"{lede}{STORY}").get("publisher") == "AP"


@pytest.mark.parametrize(("page", "field", "value"), [
    # an outlet and its city before a colon, alone on its line
    ("Lorvik approves a new quay\nHarbour Monitor/Port Vell:\n{story}", "publisher", "Harbour Monitor"),
    ("Lorvik approves a new quay\nLorvik/Port Vell:\n{story}", "publisher", None),
    # the day and the agency with no place; a city in capitals in brackets is no agency
    ("Lorvik approves a new quay\n\nMarch 10 (UPI) -- {story}", "publisher", "UPI"),
    ("Lorvik approves a new quay\n\n(LORVIK) — {story}", "publisher", None),
    # a date stamp whose byline's "By" was left at the end of its line
    ("Lorvik approves a new quay\n[April 09, 2031]  By\nJANE ROE\n{story}", "date", "2031-04-09"),
    # a name above a date line that carries its time; a blog's name / day / "4 min read" block
    ("Ports\nJane Roe\nSep 09, 2031, 02:47 PM | Updated 02:47 PM IST\n{story}", "authors", ["Jane Roe"]),
    ("Lorvik approves a new quay\nJane Roe\nMay 28\n4 min read\n{story}", "authors", ["Jane Roe"]),
    ("Lorvik approves a new quay\nJane Roe\nMay 28\n{story}", "authors", None),
    # the page naming itself: a release's issuer under its headline, a reprint note, a prompt, an
    # agency's closing credit
    ("Lorvik approves a new quay\n\nRuritanian Ministry of Ports\n\n{story}", "publisher",
     "Ruritanian Ministry of Ports"),
    ("Lorvik approves a new quay\nThis commentary was first published by the Harbour in a Changing Sea.\n{story}",
     "publisher", "Harbour in a Changing Sea"),
    ("Lorvik approves a new quay\nI would like to be emailed about offers, events and updates from The Harbour "
     "Times. Read our privacy notice\n\n{story}", "publisher", "The Harbour Times"),
    ("Lorvik approves a new quay\nBookmark stories for easy access on any device or the Harbourline app.\n{story}",
     "publisher", "Harbourline"),
    ("Lorvik approves a new quay\n\n{story}\n– PTI", "publisher", "PTI"),
    ("Lorvik approves a new quay\n\n{story}\n– Jane Roe", "publisher", None),
])
def test_more_shapes_a_page_names_its_outlet_date_and_author_in(page, field, value):
    assert infer(page.format(story=STORY)).get(field) == value


def test_a_sites_menu_and_breadcrumb_hide_no_headline_date_or_masthead():
    menu = "\n".join(f"  • {w}" for w in ("Home", "News", "World", "Politics", "Opinion", "Business", "U.S.",
                                           "Science", "Sports", "Food"))
    page = (f"HARBOURLY\n{menu}\nNo Result\nView All Result\nHARBOURLY\nHome News Business Economy\n\n"
            f"Lorvik Approves a New Quay for Its Fishing Fleet\n\nOctober 1, 2031\nin Economy, News\n\n{STORY}")
    meta = infer(page)
    assert meta.get("title") == "Lorvik Approves a New Quay for Its Fishing Fleet"
    assert meta.get("date") == "2031-10-01" and meta.get("publisher") == "HARBOURLY"
    found = {page[s:e]: why for s, e, why in furniture(page)}
    assert found.get("Politics") == "navigation" and found.get("Home News Business Economy") == "navigation"


def test_a_short_bulleted_list_in_a_story_is_no_menu():
    listed = "\n".join(f"  • {w}" for w in ("Cranes", "Berths", "Tugs"))
    page = f"Lorvik approves a new quay\n\nThe budget covers:\n{listed}\n\nHomeless Shelters Open\n\n{STORY}"
    found = {page[s:e] for s, e, _ in furniture(page)}
    assert "Cranes" not in found and "Homeless Shelters Open" not in found


def test_a_timeline_entry_opening_with_its_weekday_is_no_dateline():
    from briefer.ingest import pagedate

    assert pagedate.dateline("Wednesday, July 23, 2031: Ruritania recalls its ambassador.") is None
    assert pagedate.dateline("Lorvik, Sept 13: The council met.").day == "09-13"
