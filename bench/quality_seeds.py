"""Seed-brief quality against the hand-made gold: furniture, garbled text, events, merging.

Usage: python bench/quality_seeds.py --gold ../shared/eval/seeds-gold.json [--seeds seeds] [--json]

Metrics (each computed on the standard-length brief built from the seeds):
- furniture_leaks: gold `not_content` lines (longer than 3 characters, other than a source's publisher
  or title, which the brief names as metadata) found in the brief's body: target 0.
- garbled_facts: facts shown in the brief that lie in a sentence detected as missing its numbers: 0.
- garbled_detected: sentences of seed 004 with glued or missing numbers detected (count).
- events_found: gold events whose ISO date is in the timeline with a matching text (a content word of
  the gold description in the event sentence) and at least one of the gold's sources.
- events_exact_sources: of those, how many cite every gold source.
- corroborated_key_points: key points citing more than one source.
- figures_found: gold figures (value as written) present among the extracted figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(gold_path: Path, seeds: Path) -> dict[str, float]:
    from briefer.assemble import assemble
    from briefer.config import load_themes
    from briefer.corroborate import signature
    from briefer.pipeline import extract
    from briefer.render import render

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ex = extract([seeds], load_themes(seeds / "themes.toml"))
    brief = assemble(ex)
    md = render(brief, "md").decode("utf-8")
    body = md.split("\n[^1]:")[0]
    labels = {s.publisher for s in ex.sources} | {s.title for s in ex.sources}  # metadata, not furniture
    leaks = [ln for d in gold["documents"].values() for ln in d["not_content"]
             if len(ln) > 3 and ln not in labels and ln in body]
    garbled = {(s.id, m.start, m.end) for s in ex.sources for m in s.garbled}
    shown = [f for s in brief.sections for f in s.facts] + [kp.fact for kp in brief.key_points]
    bad_facts = [f for f in shown for loc in f.sources
                 if any(sid == loc.source and a <= loc.start < b for sid, a, b in garbled)]
    found = exact = 0
    for event in gold["events"]:
        words = signature(event["what"])
        for e in ex.events:
            srcs = {loc.source[:3] for loc in e.sources}
            if e.date == event["date"] and words & signature(e.text) and srcs & set(event["sources"]):
                found += 1
                exact += srcs >= set(event["sources"])
                break
    values = [f["value"] for d in gold["documents"].values() for f in d.get("figures", [])]
    texts = [f.text for f in ex.figures]
    figures = sum(any(v in t for t in texts) for v in values)
    return {
        "furniture_leaks": len(leaks),
        "garbled_facts": len(bad_facts),
        "garbled_detected": sum(1 for s in ex.sources if s.id.startswith("004") for _ in s.garbled),
        "events_found": found, "events_gold": len(gold["events"]), "events_exact_sources": exact,
        "corroborated_key_points": sum(len({loc.source for loc in kp.fact.sources}) > 1
                                       for kp in brief.key_points),
        "key_points": len(brief.key_points),
        "figures_found": figures, "figures_gold": len(values),
        "pages_words": len(re.findall(r"\w+", body)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.gold, args.seeds)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print("| metric | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
