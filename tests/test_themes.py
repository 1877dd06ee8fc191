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


@pytest.mark.parametrize("pattern, message", [
    ('[{OP="*"},{OP="*"},{OP="*"}]', "needs a token that must match an attribute"),
    ('[{OP="+"},{OP="+"}]', "needs a token that must match an attribute"),
    ('[{LOWER="a"},{OP="*"},{OP="*"}]', "at most one repeating token without an attribute"),
    ('[{LOWER="a"},{IS_ALPHA=true,OP="*"},{IS_ALPHA=true,OP="+"},{IS_DIGIT=true,OP="*"},{IS_ALPHA=true,OP="+"}]',
     "at most 3 repeating tokens"),
    ('[{LOWER="a",OP="{1,100000}"}]', r"OP '\{1,100000\}' counts over 10"),
    ('[{LOWER="a",OP="many"}]', "unknown OP 'many'"),
    ("[" + ",".join(['{LOWER="a"}'] * 17) + "]", "17 tokens; at most 16"),
    ('[{TEXT={REGEX="(a+)+$"}}]', r"REGEX '\(a\+\)\+\$' repeats a group that itself repeats"),
    ('[{LOWER={REGEX="^(?:x*y?)*z"}}]', "repeats a group that itself repeats"),
    ('[{TEXT={REGEX="dam["}}]', r"invalid REGEX 'dam\['.*: unterminated character set"),
    ('[{TEXT={REGEX="' + "a" * 201 + '"}}]', "REGEX of 201 characters; at most 200"),
])
def test_explosive_patterns_are_refused_when_the_file_is_loaded(tmp_path, pattern, message):
    path = tmp_path / "themes.toml"
    path.write_text(f"[themes.dams]\npatterns = [{pattern}]\n")
    with pytest.raises(UsageError, match=message) as info:
        load_themes(path)
    assert str(info.value).startswith(f"{path}: [themes.dams]: ") and "\n" not in str(info.value)


def test_too_many_patterns_are_refused(tmp_path):
    path = tmp_path / "themes.toml"
    one = '[{LOWER="dam"}]'
    path.write_text(f"[themes.dams]\npatterns = [{','.join([one] * 101)}]\n")
    with pytest.raises(UsageError, match=r"\[themes\.dams\]: 101 patterns; at most 100 per theme"):
        load_themes(path)
    tables = "".join(f"[themes.t{i}]\npatterns = [{','.join([one] * 100)}]\n" for i in range(6))
    path.write_text(tables)
    with pytest.raises(UsageError, match="more than 500 patterns in all"):
        load_themes(path)


def test_patterns_match_within_a_sentence_only(nlp):
    # across sentences, `a * b` matched every a with every later b: n² matches on a long page
    themes = [Theme(id="ab", title="AB", patterns=[[{"LOWER": "alpha"}, {"OP": "*"}, {"LOWER": "beta"}]])]
    doc = nlp("Alpha met beta. " * 400)
    hits = ThemeMatcher(nlp, themes).sentence_hits(doc)
    assert sum(found["ab"] for found in hits.values()) == 400
    assert all(found == {"ab": 1} for found in hits.values())


def test_invalid_regex_given_to_the_matcher_is_a_usage_error(nlp):
    bad = [Theme(id="x", title="X", patterns=[[{"TEXT": {"REGEX": "dam["}}]])]
    with pytest.raises(UsageError, match="theme 'x': bad Matcher pattern"):
        ThemeMatcher(nlp, bad)
