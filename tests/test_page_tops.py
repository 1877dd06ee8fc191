"""What the top of a saved page states about the page: a "date | place | newsroom credit" line, an
agency's name before the date, a byline that names an agency or a newsroom, an e-mail's delivery
notice, a commentary's standfirst naming its author, and a photo credit with a file-photo tail.
Made-up pages."""

from __future__ import annotations

import pytest

from briefer.ingest import pagedate
from briefer.ingest.metadata import furniture, infer

BODY = ("The council approved the new harbour budget after a long debate on Tuesday, officials "
        "said, adding that work on the northern pier would start next spring.\n\n"
        "Critics said the plan left out the fishing villages along the southern coast entirely.\n")


def _furniture(text: str) -> dict[str, str]:
    return {text[s:e]: why for s, e, why in furniture(text)}


@pytest.mark.parametrize("written, iso", [("12 March,2024", "2024-03-12"), ("March 12,2024", "2024-03-12"),
                                          ("12 March, 2024", "2024-03-12")])
def test_a_year_after_a_comma_without_a_space_is_read(written: str, iso: str) -> None:
    found = pagedate.find_date(f"on {written} the council met")
    assert found is not None and found[0] == iso


def test_date_place_and_newsroom_credit_line_gives_date_and_publisher_and_is_furniture() -> None:
    line = "12 March,2024 08:15 AM IST | Port Vell | harbour-day online correspondent"
    text = f"{line}\n{BODY}"
    meta = infer(text)
    assert meta["date"] == "2024-03-12"
    assert meta["publisher"] == "harbour-day"
    assert _furniture(text).get(line) == "credit line"


@pytest.mark.parametrize("credit", ["Port Vell correspondent", "Our Diplomatic Correspondent", "Staff Reporter",
                                    "in-house staff"])
def test_a_place_a_beat_or_a_role_in_the_credit_names_no_publisher(credit: str) -> None:
    meta = infer(f"12 March,2024 08:15 AM IST | Port Vell | {credit}\n{BODY}")
    assert meta["date"] == "2024-03-12"
    assert "publisher" not in meta


@pytest.mark.parametrize("line, publisher", [("Kyodo March 3, 2024", "Kyodo"),
                                             ("Harbour Times 3 March 2024 10:02 IST", "Harbour Times")])
def test_an_agency_or_outlet_before_the_date_is_the_publisher(line: str, publisher: str) -> None:
    text = f"Council backs pier budget after a long debate\n\n{line}\n\n{BODY}"
    meta = infer(text)
    assert meta["publisher"] == publisher
    assert meta["date"] == "2024-03-03"
    assert line in _furniture(text)


def test_a_place_before_the_date_names_no_publisher() -> None:
    meta = infer(f"Council backs pier budget after a long debate\n\nPort Vell March 3, 2024\n\n{BODY}")
    assert "publisher" not in meta


@pytest.mark.parametrize("byline, publisher", [("By Bernama", "Bernama"), ("By Harbour Times Staff", "Harbour Times")])
def test_a_byline_naming_an_agency_or_a_newsroom_is_a_credit_not_an_author(byline: str, publisher: str) -> None:
    meta = infer(f"Council backs pier budget after a long debate\n{byline}\n\n{BODY}")
    assert meta["publisher"] == publisher
    assert "authors" not in meta


def test_photo_credit_with_a_file_photo_tail_makes_the_line_a_caption() -> None:
    caption = ("Mayor Ana Okafor and Governor Tomas Lindqvist shake hands at the pier in Port Vell, "
               "March 3, 2024. HBC/Jane Roe/File Photo")
    assert _furniture(f"Council backs pier budget after a long debate\n\n{caption}\n\n{BODY}").get(caption) \
        == "caption"


def test_mailing_list_notice_names_the_sender_and_is_furniture() -> None:
    notice = "You are subscribed to Press Releases for Ruritania Ministry of Harbours. This page has been updated."
    footer = ("This email was sent to reader@example.org using Mailer Cloud on behalf of: Ruritania Ministry "
              "of Harbours · 1 Pier Road · Port Vell")
    text = f"Ministry welcomes pier budget vote\n\n{notice}\n\n{BODY}\n{footer}\n"
    assert infer(text)["publisher"] == "Ruritania Ministry of Harbours"
    marks = _furniture(text)
    assert marks.get(notice) == marks.get(footer) == "mail notice"
    only_footer = f"Ministry welcomes pier budget vote\n\n{BODY}\n{footer}\n"
    assert infer(only_footer)["publisher"] == "Ruritania Ministry of Harbours"


def test_commentary_standfirst_names_the_author_and_is_no_content() -> None:
    lead = "Jane Roe examines the rules the pier dispute broke and what they mean for the coast."
    text = f"Commentary\nThe Pier Dispute of 2024\nOld Rules, New Limits\n{lead}\n{BODY}"
    assert infer(text)["authors"] == ["Jane Roe"]
    assert _furniture(text).get(lead) == "standfirst"
    in_this = "In this commentary, Jane Roe argues that the pier dispute changed the rules of the coast."
    assert infer(f"The Pier Dispute of 2024\n{in_this}\n{BODY}")["authors"] == ["Jane Roe"]


def test_news_summary_naming_a_speaker_names_no_author() -> None:
    dek = "Mayor Ana Okafor argues the pier will pay for itself within a decade."
    text = f"Council backs pier budget after a long debate\n{dek}\n{BODY}"
    assert "authors" not in infer(text)
    assert dek not in _furniture(text)
