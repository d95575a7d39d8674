"""Benchmark: the shipped default credibility model against the rule prior, off its own data, and its cost.

    python bench/default_model.py [--runs N] [--json]

The default model's card reports its frozen split, claims from the same
authors as its training claims. This script looks further: the story
fixtures (``fixtures/stories/``, written by other hands to test the rules)
scored with the rule prior and with the default model: mean credibility,
mean credibility of contested claims, label changes, and agreement with
the labels the fixtures expect. Then the time to score a never-seen
20-claim story with each model (in-process, one thread). Prints a table;
with ``--json``, one JSON object as its last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import Scorer, story_from_dict
from scoring.training.default import RULE_PRIOR_VERSION, default_model

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


def compare(rules: Scorer, learned: Scorer) -> dict[str, Any]:
    """Both models over every fixture story: scores, label changes and agreement with expected labels."""
    scores: dict[str, list[float]] = {"rules": [], "default": []}
    contested: dict[str, list[float]] = {"rules": [], "default": []}
    changes: Counter[str] = Counter()
    expected = agree_rules = agree_default = 0
    for path in sorted(STORIES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        story = story_from_dict(data)
        by_rules = {c["id"]: c for c in rules.score(story)["claims"]}
        by_default = {c["id"]: c for c in learned.score(story)["claims"]}
        for cid, a in by_rules.items():
            b = by_default[cid]
            scores["rules"].append(a["credibility"]["score"])
            scores["default"].append(b["credibility"]["score"])
            if a["credibility"]["label"] == "contested":
                contested["rules"].append(a["credibility"]["score"])
                contested["default"].append(b["credibility"]["score"])
            if a["credibility"]["label"] != b["credibility"]["label"]:
                changes[f"{a['credibility']['label']} -> {b['credibility']['label']}"] += 1
        for cid, label in data.get("expect", {}).get("label", {}).items():
            expected += 1
            agree_rules += by_rules[cid]["credibility"]["label"] == label
            agree_default += by_default[cid]["credibility"]["label"] == label
    return {
        "claims": len(scores["rules"]),
        "mean_score": {k: round(statistics.fmean(v), 3) for k, v in scores.items()},
        "mean_contested_score": {k: round(statistics.fmean(v), 3) for k, v in contested.items() if v},
        "contested_claims": len(contested["rules"]),
        "label_changes": dict(sorted(changes.items())),
        "expected_labels": expected,
        "expected_labels_met": {"rules": agree_rules, "default": agree_default},
    }


def story(n: int, seed: int) -> dict[str, Any]:
    """A never-seen ``n``-claim story (fresh numbers and names per seed, so nothing is remembered)."""
    mentions = ["Reuters", "a senior official", "the Ministry of Health", "people familiar with the matter"]
    return {
        "claims": [
            {
                "text": f"Officials in district {seed}-{i} said exports rose {seed % 50 + i}% after the port opened.",
                "sources": [{"mention": mentions[(seed + i) % len(mentions)]}],
            }
            for i in range(n)
        ]
    }


def timing(scorer: Scorer, runs: int) -> float:
    """Median milliseconds to score a never-seen 20-claim story."""
    took = []
    for seed in range(runs):
        built = story_from_dict(story(20, 1000 + seed))
        start = time.perf_counter()
        scorer.score(built)
        took.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(took), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="stories timed per model")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args()
    model, version = default_model()
    if version == RULE_PRIOR_VERSION:
        print("no default model ships (or it failed its SHA-256): nothing to compare")
        return
    rules, learned = Scorer(), Scorer(model=model, model_version=version)
    result = compare(rules, learned)
    result["version"] = version
    result["ms_20_claims"] = {"rules": timing(rules, args.runs), "default": timing(learned, args.runs)}
    print(f"{result['claims']} claims of fixtures/stories, rule prior vs {version}")
    print("| | rule prior | default model |\n|---|---|---|")
    rows = [
        ("mean credibility", result["mean_score"]),
        ("mean credibility, contested claims", result["mean_contested_score"]),
        (f"expected labels met (of {result['expected_labels']})", result["expected_labels_met"]),
        ("never-seen 20-claim story, median ms", result["ms_20_claims"]),
    ]
    for name, pair in rows:
        print(f"| {name} | {pair['rules']} | {pair['default']} |")
    print("label changes:", ", ".join(f"{k}: {v}" for k, v in result["label_changes"].items()) or "none")
    if args.json:
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
