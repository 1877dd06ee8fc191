"""Themes: the TOML file, its errors, and which sentences match."""

from __future__ import annotations

import pytest

from briefer.config import load_themes
from briefer.errors import UsageError
from briefer.extract.themes import ThemeMatcher, themes_at
from briefer.model import Theme


def test_seed_themes(seed_themes):
    assert seed_themes.title == "US-Cambodia relations: arms embargo, Ream, assistance, ceasefire"
    assert [t.id for t in seed_themes.themes] == ["embargo", "ream", "assistance", "ceasefire"]
    assert all(t.description for t in seed_themes.themes)


@pytest.mark.parametrize("body, message", [
    ('colour = "red"\n[themes.a]\nterms = ["x"]\n', r"unknown key\(s\) 'colour'"),
    ('[themes.a]\nterms = ["x"]\nkeywords = ["y"]\n', r"\[themes\.a\]: unknown key\(s\) 'keywords'"),
    ('[themes.a]\ntitle = "A"\n', "give 'terms' or 'patterns'"),
    ('[themes.a]\nterms = "x"\n', "'terms' must be a list"),
    ('[themes.a]\npatterns = [{LOWER = "x"}]\n', "'patterns' must be a list of spaCy Matcher patterns"),
    ('title = "T"\n', r"no \[themes\.<id>\] table"),
    ('[themes.a\n', "not valid TOML"),
])
def test_bad_theme_files_name_the_problem(tmp_path, body, message):
    path = tmp_path / "themes.toml"
    path.write_text(body)
    with pytest.raises(UsageError, match=message) as info:
        load_themes(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_terms_and_patterns_match_sentences(nlp):
    themes = [Theme(id="water", title="Water", terms=["water supply", "Dam"]),
              Theme(id="power", title="Power", patterns=[[{"LOWER": "power"}, {"LOWER": "plant"}]])]
    doc = nlp("The new DAM will secure the water supply. A power plant opened nearby. Nothing else.")
    hits = ThemeMatcher(nlp, themes).sentence_hits(doc)
    starts = [s.start_char for s in doc.sents]
    assert themes_at(hits, starts[0]) == ["water"] and hits[starts[0]]["water"] == 2
    assert themes_at(hits, starts[1]) == ["power"]
    assert themes_at(hits, starts[2]) == []


def test_bad_matcher_pattern_is_a_usage_error(nlp):
    bad = [Theme(id="x", title="X", patterns=[[{"NOT_AN_ATTR": "y"}]])]
    with pytest.raises(UsageError, match="theme 'x': bad Matcher pattern"):
        ThemeMatcher(nlp, bad)
