"""Benchmark: in-process time and peak memory to score stories of growing size.

    python bench/score.py [--runs N] [--sizes 20,100,1000,5000]

Stories are synthetic but shaped like news: Zipf-distributed vocabulary,
attribution mentions from a realistic pool, contrast phrases, negations and
counted numbers, so every rule and the candidate index do real work. Prints a
table; targets: 20 claims <= 5 ms, 1,000 claims <= 2 s, and growth from 1,000
to 5,000 claims well under 25x (the quadratic ratio). Both the rules alone and
the rules with the trained conflict model (the default ``Scorer``) are timed,
each run on a story the scorer has not seen; "again ms" is the same story
scored a second time (the scorer remembers claims and pair judgements).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import Scorer, story_from_dict
from scoring.claims import Story

MENTIONS = [
    "a Ukrainian intelligence officer",
    "the Laotian Ministry of Defense",
    "a spokesperson from Vientiane",
    "people familiar with the matter",
    "Reuters",
    "CNN, citing Reuters",
    "a spokesperson for Acme Corp",
    "Dr. Jane Moreau, an economist at the Sorbonne",
    "two U.S. officials",
    "court filings",
    "a NATO official",
    "Kremlin spokesman Dmitry Peskov",
    "analysts",
    "the World Health Organization",
]
PHRASES = [
    "non-combat demining",
    "helping fortify positions",
    "denied the report",
    "confirmed the deal",
    "is not in talks",
    "fewer than 200 troops",
    "about 1,000 troops",
    "at least 120 civilians were killed",
    "prices rose sharply",
    "prices fell sharply",
]


def make_story(n_claims: int, seed: int = 7) -> Story:
    """A reproducible synthetic story of ``n_claims`` claims."""
    rnd = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(max(200, n_claims * 3))]
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    claims: list[dict[str, Any]] = []
    for index in range(n_claims):
        words = rnd.choices(vocabulary, weights=weights, k=rnd.randint(10, 22))
        if rnd.random() < 0.3:
            words.insert(rnd.randrange(len(words)), rnd.choice(PHRASES))
        sources = [{"mention": m} for m in rnd.sample(MENTIONS, rnd.randint(0, 3))]
        claims.append({"id": f"c{index}", "text": " ".join(words) + ".", "sources": sources})
    return story_from_dict({"claims": claims})


def measure(scorer: Scorer, size: int, runs: int) -> tuple[float, float, float, int]:
    """Median seconds of ``runs`` never-seen stories, median of scoring the last one again, peak MiB, pairs.

    Each run is a story the scorer has not read (its own seed): the scorer remembers claims and pair judgements,
    so timing one story ``runs`` times would time its memory. The second figure is that memory: the same story
    scored again, as a widget does on every page view.
    """
    times = []
    for run in range(runs):
        story = make_story(size, seed=1000 * size + run)
        start = time.perf_counter()
        scorer.score(story)
        times.append(time.perf_counter() - start)
    again = []
    for _ in range(runs):
        start = time.perf_counter()
        scorer.score(story)
        again.append(time.perf_counter() - start)
    tracemalloc.start()
    scorer.score(make_story(size, seed=1000 * size + runs))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pairs = scorer.detector.stats.get("pairs_compared", 0)
    return statistics.median(times), statistics.median(again), peak / (1024 * 1024), pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median reported)")
    parser.add_argument("--sizes", default="20,100,1000,5000", help="comma-separated claim counts")
    parser.add_argument("--rules-only", action="store_true", help="only the rules, without the trained conflict model")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    configurations = [("rules", Scorer(use_trained_conflict=False))]
    if not args.rules_only:
        configurations.append(("rules+model", Scorer()))
    header = (
        f"{'pairs':>11} | {'claims':>7} | {'median ms':>10} | {'ms/claim':>8} | {'again ms':>8} | "
        f"{'pairs compared':>14} | {'peak MiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, scorer in configurations:
        scorer.score(make_story(20))  # warm caches (knowledge files, model)
        results: dict[int, float] = {}
        for size in sizes:
            runs = args.runs if size <= 1000 else max(1, min(args.runs, 3))
            seconds, again, peak, pairs = measure(scorer, size, runs)
            results[size] = seconds
            print(
                f"{name:>11} | {size:>7} | {seconds * 1000:>10.1f} | {seconds * 1000 / size:>8.3f} | "
                f"{again * 1000:>8.1f} | {pairs:>14} | {peak:>8.1f}"
            )
        if 1000 in results and 5000 in results:
            print(f"{name:>11} | growth 1,000 -> 5,000 claims: {results[5000] / results[1000]:.1f}x (quadratic: 25x)")


if __name__ == "__main__":
    main()
