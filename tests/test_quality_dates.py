"""Quality gates for dates and events: floors pinned a little below what
`bench/quality_dates.py` measures on TempEval-3 platinum and on the seed timeline gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import need_file

from bench import quality_dates as bench

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TE3 = EVAL / "external" / "timex" / "te3-platinum"


def test_te3_platinum_dates(nlp: Any) -> None:
    docs = bench.load_te3(need_file(TE3))
    assert sum(t[3] == "DATE" for d in docs for t in d["timexes"]) == 96
    scores = bench.score_te3(docs, nlp)
    # measured: normalise 0.958, value accuracy 0.948, precision 0.91
    assert scores["normalise"] >= 0.93, scores["errors"]
    assert scores["value_accuracy"] >= 0.92, scores["errors"]
    assert scores["precision"] >= 0.88


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("2013-03-22", {"2013-03-22"}), ("2013-W11", {"2013-03"}), ("2013-W09", {"2013-02", "2013-03"}),
     ("2012-SU", {"2012"}), ("PRESENT_REF", {None}), ("P5Y", {None}), ("XXXX-XX-XX", {None})],
)
def test_te3_gold_values(value: str, accepted: set[str | None]) -> None:
    assert bench.accepted(value) == accepted


def test_seed_timeline(nlp: Any) -> None:
    scores = bench.score_seeds(need_file(EVAL / "seeds-gold.json"), bench.seed_events(nlp, ROOT / "seeds"))
    assert (scores["gold"], scores["found"]) == (6, 6), scores["errors"]
    assert scores["events_004"] == 0, scores["timeline"]
    # 14: one per happening, so a sentence's second dated happening counts ("followed by a final rule
    # in November", "after Trump oversaw the signing last week"), and the fact sheet's trip is kept as
    # scheduled
    assert scores["events"] <= 14, scores["timeline"]
