"""Quality gates for the quote extractor: floors pinned a little below what
`bench/quality_quotes.py` measures on the seed gold and on the PolNeAR test split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import quality_quotes as bench
from tests.conftest import need_file

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"
POLNEAR = ROOT.parent / "shared" / "eval" / "external" / "quotes" / "polnear"


def require(path: Path) -> Path:
    """Return `path`; skip when it is missing, but fail under CI."""
    return need_file(path)


@pytest.fixture(scope="session")
def seeds(nlp: Any) -> tuple[list[Any], list[Any]]:
    pairs = bench.load_seeds(require(GOLD), ROOT / "seeds")
    return pairs, bench.extract(nlp, [src for src, _ in pairs])


def test_seed_gold(seeds: tuple[list[Any], list[Any]]) -> None:
    scores = bench.score_seeds(*seeds)
    assert scores["recall"] == 1.0, scores["errors"]  # every required quote is found
    assert scores["precision"] == 1.0, scores["errors"]
    assert scores["speaker"] == 1.0, scores["errors"]


def test_seed_offsets(seeds: tuple[list[Any], list[Any]]) -> None:
    pairs, preds = seeds
    checked = 0
    for (src, _), items in zip(pairs, preds, strict=True):
        for q in items:
            assert src.text[q.start:q.end] == q.text
            assert q.speaker and q.speaker.lower() not in ("he", "she", "it", "they")
            checked += 1
    assert checked >= 17


def test_seed_not_quotes(seeds: tuple[list[Any], list[Any]]) -> None:
    pairs, preds = seeds
    for (_, entry), items in zip(pairs, preds, strict=True):
        banned = {bench.norm(t) for t in entry.get("not_quotes", [])}
        assert not [q.text for q in items if bench.norm(q.text) in banned]


def test_fact_sheet_has_no_quotes(seeds: tuple[list[Any], list[Any]]) -> None:
    pairs, preds = seeds
    (items,) = [p for (src, _), p in zip(pairs, preds, strict=True) if src.id == "003"]
    assert [q.text for q in items if q.kind == "direct"] == []


def test_polnear_test_split(nlp: Any) -> None:
    rows = bench.load_polnear(require(POLNEAR), "test")
    preds = bench.extract(nlp, [bench.polnear_source(r) for r in rows])
    scores = bench.score_polnear(rows, preds)
    assert scores["gold"] == 676
    assert scores["precision"] >= 0.98, scores
    assert scores["recall"] >= 0.89, scores  # measured 0.8994
    assert scores["speaker"] >= 0.93, scores  # the target of issue 3; measured 0.9328
    assert scores["names"] >= 0.955, scores  # the name a reader sees; measured 0.9596


def test_names_score_reads_the_name_not_the_mention() -> None:
    """The names row compares the speaker's last word with a named gold Source and leaves out
    pronoun Sources and Sources that are only the cue."""
    text = "“It works,” IMF chief economist Pierre Gourinchas said. “Yes,” he said. “No,” said Ray."

    def unit(content: str, source: str) -> dict[str, Any]:
        c, s = text.index(content), text.index(source)
        return {"content_has_quote_marks": True,
                "contents": [{"start": c, "end": c + len(content)}],
                "sources": [{"start": s, "end": s + len(source)}]}
    row = {"text": text, "quotes": [unit("It works", "IMF chief economist Pierre Gourinchas"),
                                    unit("Yes", "he"), unit("No", "said")]}

    def quote(content: str, speaker: str) -> Any:
        start = text.index(content)
        return bench.Quote(id="", source="s", text=content, start=start,
                           end=start + len(content), speaker=speaker)
    scores = bench.score_polnear([row], [[quote("It works", "Pierre Gourinchas"),
                                          quote("Yes", "Yang Peou"), quote("No", "Ray")]])
    assert scores["names"] == 1.0  # one named Source, right; "he" and "said" left out
    scores = bench.score_polnear([row], [[quote("It works", "Hun Manet")]])
    assert scores["names"] == 0.0
