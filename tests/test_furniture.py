"""Page furniture recognised by a line's shape (ingest/furniture.py through metadata.furniture):
captions, credits, date and byline lines, related links, prompts, hashtags, sub-heads, alt text,
a site's notes about itself. Made-up pages; real headlines, leads and sentences stay content."""

from __future__ import annotations

import pytest

from briefer.ingest.metadata import furniture

LEAD = "The city council approved a new budget for the harbour on Tuesday after a long debate."
MORE = "The plan sets aside money for new cranes and a second quay, officials said in a statement."


def _furniture(text: str) -> dict[str, str]:
    return {text[s:e]: reason for s, e, reason in furniture(text)}


@pytest.mark.parametrize(("line", "reason"), [
    ("Workers unload a ship at the harbour on Monday. HARBOUR NEWS/Jane Doe", "caption"),
    ("Dock workers gather at the gate on Monday. (Mark Lee/THE HARBOUR GAZETTE)", "caption"),
    ("The new quay seen from the air. / Photo: AP / AP", "caption"),
    ("Wednesday, Mar 5, 2025", "date line"),
    ("5 March 2025", "date line"),
    ("10:45 am", "date line"),
    ("Jane Doe | March 5, 2025, 10:45 AM", "byline"),
    ("Harbour Gazette 05/03/2025 | 10:45 GMT", "byline"),
    ("Published March 5, 2025 by The Harbour Gazette", "byline"),
    ("ALSO READ: Mayor Opens Fish Market After Long Delay", "related links"),
    ("LOADING...", "interface text"),
    ("Summarize", "interface text"),
    ("4 min read", "interface text"),
    ("pageSize: 20", "interface text"),
    ("#Harbour #Budget #City news", "hashtags"),
    ("In this article, we explain what the new rules mean for shippers.", "site boilerplate"),
    ("Staff writer Ann Smith contributed to this report.", "site boilerplate"),
    ("This blog is now closed.", "site boilerplate"),
    ("In it we covered developments on Monday, March 3, 2031, after the harbour vote.", "site boilerplate"),
    ("Mayor Ann Lee and Governor Tom Reyes shake hands after the harbour deal on 4 March 2025.", "caption"),
    ("Port workers wave at the first ship in Lagos, March 4, 2025.", "caption"),
    ("Harbour Authority of the Western Region (Lagos)", "credit line"),
    ("Mayor Ann Lee is seen on a screen during the harbour debate on Monday. | HARBOUR-NEWS", "caption"),
    ("Provisional result 2027 2031 25.7% Greens 24.1% Centre 14.7% Harbour Party", "chart text"),
])
def test_line_shapes_that_are_furniture(line, reason):
    text = f"{LEAD}\n{line}\n{MORE}\n"
    assert _furniture(text).get(line) == reason


def test_related_block_takes_the_headlines_under_it():
    text = (f"{LEAD}\n{MORE}\nRelated Articles\nMayor Opens Fish Market After Long Delay\n"
            "Storm Closes Coastal Road for Two Days as Crews Clear Debris and Check Bridges Along the Shore\n")
    found = _furniture(text)
    assert found.get("Related Articles") == "related links"
    assert found.get("Mayor Opens Fish Market After Long Delay") == "related links"
    assert LEAD not in found and MORE not in found


def test_sub_heads_inside_the_story_but_not_the_headline():
    text = ("Council Approves Harbour Budget After Long Debate\n"
            f"{LEAD}\nWhat comes next\nNew cranes ordered\n{MORE}\n")
    found = _furniture(text)
    assert found.get("What comes next") == "sub-head" and found.get("New cranes ordered") == "sub-head"
    assert "Council Approves Harbour Budget After Long Debate" not in found


def test_dated_timeline_labels_stay():
    text = f"{LEAD}\nTuesday, March 4, 2025:\n{MORE}\n"
    assert "Tuesday, March 4, 2025:" not in _furniture(text)


def test_alt_text_and_kicker_above_the_headline():
    text = ("Aerial view of cranes\nBUSINESS\nCouncil Approves Harbour Budget After Long Debate\n"
            f"{LEAD}\n{MORE}\n")
    found = _furniture(text)
    assert found.get("Aerial view of cranes") == found.get("BUSINESS") == "image text or kicker"
    assert "Council Approves Harbour Budget After Long Debate" not in found


def test_archive_date_line_alone_or_before_the_lead():
    alone = f" date 2025-03-05 Harbour News\n{LEAD}\n"
    assert _furniture(alone).get("date 2025-03-05 Harbour News") == "archive date"
    joined = f" date 2025-03-05 {LEAD}\n{MORE}\n"
    spans = furniture(joined)
    assert [(joined[s:e], r) for s, e, r in spans] == [("date 2025-03-05", "archive date")]


def test_a_city_and_a_dash_after_an_archive_date_are_its_dateline():
    text = f" date 2025-03-05 Lorvik — {LEAD}\n{MORE}\n"
    spans = furniture(text)
    assert [(text[s:e], r) for s, e, r in spans] == [("date 2025-03-05 Lorvik — ", "archive date")]


@pytest.mark.parametrize("line", [
    LEAD,
    "Officials said the harbour handled 4,000 ships in 2024.",
    "July 28, 2025: the council and the port agree on a timetable for the new quay",
    "The new budget, approved on March 5, 2025, runs until the end of next year.",
    '"We will finish the quay by the summer," the mayor said.',
])
def test_content_lines_stay(line):
    text = f"Council Approves Harbour Budget\n{LEAD}\n{line}\n{MORE}\n"
    assert line not in _furniture(text)


@pytest.mark.parametrize("line", ["He said:", "The agency reports:", "incites", "'All Bets Are Off.'"])
def test_lead_ins_and_broken_lines_are_no_sub_heads(line):
    text = f"{LEAD}\n{line}\n{MORE}\n"
    assert line not in _furniture(text)


def test_a_caption_shown_twice_is_furniture_both_times():
    caption = "A crane operator works at the new quay in Lagos on July 27, 2024."
    text = f"{LEAD}\n{caption}\n{caption} HARBOUR NEWS/Jane Doe\n{MORE}\n"
    found = _furniture(text)
    assert found.get(caption) == "caption" and found.get(f"{caption} HARBOUR NEWS/Jane Doe") == "caption"
    assert LEAD not in found and MORE not in found


@pytest.mark.parametrize("line", [
    "The two mayors shook hands after the harbour deal on 4 March 2025.",
    "The ministers will speak at the opening on 4 March 2025.",
    "Dock workers stand by their demand, the union said on 4 March 2025.",
    "The Harbour Authority (Lagos) said the quay would open in May.",
    "The vote was 12 to 3 | Harbour Gazette",
    "Turnout rose to 82.5% from 76.6% and 71.2% in the two votes before.",
])
def test_sentences_like_captions_stay_content(line):
    text = f"{LEAD}\n{line}\n{MORE}\n"
    assert line not in _furniture(text)


def test_a_kicker_before_the_headline_is_furniture_and_the_headline_stays():
    text = f"HARBOUR NEWS: Mayor Opens the New Quay\n\n{LEAD}\n{MORE}\n"
    found = _furniture(text)
    assert found.get("HARBOUR NEWS: ") == "kicker"
    assert not any("Mayor Opens" in k for k in found)


def test_the_title_leaves_out_the_kicker():
    from briefer.ingest.stated import infer

    text = f"HARBOUR NEWS: Mayor Opens the New Quay\n\n{LEAD}\n{MORE}\n"
    assert infer(text).get("title") == "Mayor Opens the New Quay"


@pytest.mark.parametrize("line", ["Reading Time: < 1 minute", "Estimated reading time: 4 min", "Read time: 3 minutes"])
def test_reading_time_is_interface_text(line):
    assert _furniture(f"{line}\n{LEAD}\n{MORE}\n").get(line) == "interface text"


def test_reading_time_after_an_archive_date_is_no_title():
    from briefer.ingest.metadata import infer

    meta = infer(f" date 2025-02-03 Reading Time: 2 minutes\n\n{LEAD}\n{MORE}\n")
    assert "title" not in meta and meta["date"] == "2025-02-03"


def test_a_section_trail_in_capitals_at_the_top_is_furniture():
    text = f"WORLD – HARBOURS\n{LEAD}\n{MORE}\n"
    assert _furniture(text).get("WORLD – HARBOURS") == "image text or kicker"
    assert "THE HARBOUR BILL" not in _furniture(f"THE HARBOUR BILL\n{LEAD}\n{MORE}\n")


def test_date_lines_heading_a_timeline_are_content_a_lone_masthead_date_is_not():
    timeline = ("Harbour dispute: a chronology\n\nMay 2, 2024\nThe port authority closed the north quay after "
                "a crane collapsed onto two barges.\n\nMarch 14, 2024\nDock workers walked out over night "
                "shifts and unpaid overtime at the terminal.\n")
    assert "May 2, 2024" not in _furniture(timeline) and "March 14, 2024" not in _furniture(timeline)
    masthead = f"Wednesday, Mar 5, 2025\n{LEAD}\n{MORE}\n"
    assert _furniture(masthead).get("Wednesday, Mar 5, 2025") == "date line"


def test_a_picture_caption_at_the_top_is_furniture_and_no_title():
    from briefer.ingest.stated import infer

    caption = "Fishermen with a placard saying that the bay belongs to the town of Marro"
    text = f"{caption}\n\nChronology\n\n{LEAD}\n{MORE}\n"
    assert _furniture(text).get(caption) == "caption"
    assert infer(text).get("title") != caption
    headline = "Fishermen block the harbour of Marro over new quotas"
    assert headline not in _furniture(f"{headline}\n{LEAD}\n{MORE}\n")


def test_a_related_block_ends_at_prose_or_a_dated_timeline_entry():
    text = (f"{LEAD}\nMarch 3: Council opens the budget debate\n{MORE}\nAlso Read\n"
            "March 4: Council approves the harbour budget\n"
            "The council voted after a long session. A list of projects was published:\n"
            "New cranes for the east quay\n"
            "March 5: Mayor signs the budget into law\n")
    found = _furniture(text)
    assert found.get("Also Read") == "related links"
    for line in ("March 4: Council approves the harbour budget",
                 "The council voted after a long session. A list of projects was published:",
                 "March 5: Mayor signs the budget into law"):  # the last: a timeline entry, not a trailing label
        assert line not in found, line


def test_a_caption_closed_by_its_date_and_an_agency_credit():
    caption = ("Ruritania's premier Jane Roe looks on during a press conference while responding to the tariffs, "
               "in Lorvik, February 1, 2031.(Reuters)")
    story = "The premier said the tariffs were unjustified and that Ruritania would answer with its own measures."
    found = _furniture(f"Lorvik answers\n\n{caption}\n\n{story} (Reuters)\n")
    assert found.get(caption) == "caption" and story + " (Reuters)" not in found


def test_a_title_case_link_under_a_related_label_and_an_agency_closing_note():
    link = "Minister Vows Tough Action on Fuel Smuggling: “We Will Reach the Final Consequences”"
    prose = "The agreement also keeps the trade deal between the three countries, she said on Thursday."
    note = "This report by The Harbour Press was first published Oct. 7, 2031."
    found = _furniture(f"Lorvik answers\n\n{prose}\n\nRELATED:\n\n{link}\n\n{prose}\n{note}\n")
    assert found.get(link) == "related links" and found.get(note) == "credit line" and prose not in found


def test_a_newsletter_box_saved_as_one_line_even_after_an_archive_date():
    box = ("For free real time breaking news alerts sent straight to your inbox sign up to our breaking news "
           "emails Please enter a valid email address Read our privacy notice Thanks for signing up to the")
    found = _furniture(f" date 2031-01-10 {box}\n\n{LEAD}\n\n{MORE}\n")
    assert any(box in line for line in found) and LEAD not in found
    story = "Users who sign up to the service must now accept a privacy policy that lets it sell their data."
    assert story not in _furniture(f"{LEAD}\n\n{story}\n\n{MORE}\n")  # two of the phrases: a story about them
