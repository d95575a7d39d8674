"""Benchmark of the article attribution extractor on human-annotated data.

(a) PolNeAR (split TEST by default): precision / recall / F1 of source, cue and
    content spans; a prediction matches a gold span when they share at least
    half of the tokens of the longer of the two (one-to-one, greedy).
(b) holdout/sourcing-types (evaluation only): predicted kind of source per
    human-labelled sourced statement vs the label.
(c) speed: ms per 1,000 words and PolNeAR articles per second.

Data is read from ``../shared/data`` relative to the project root; when it is
absent the benchmark says so and exits 0. ``--json`` prints one JSON object as
the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.attribution import extract_attributions  # noqa: E402
from scoring.attribution.evaluation import score_articles, score_kinds  # noqa: E402
from scoring.attribution.polnear import read_split  # noqa: E402
from scoring.attribution.reading import ANONYMOUS, UNNAMED_GROUP  # noqa: E402
from scoring.attribution.sourcing import statement_source_kind  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
POLNEAR = DATA / "attribution" / "polnear"
SOURCING = DATA / "holdout" / "sourcing-types" / "gt"


def bench_polnear(split: str, rules_only: bool = False) -> dict[str, float]:
    """Span P/R/F1 and speed on one PolNeAR split (first listed annotator per article).

    The tagger is loaded (and its hash checked) before the clock starts, as a
    server does once at start-up.
    """
    extract_attributions("The mayor said the bridge would reopen.", rules_only=rules_only)
    return score_articles(read_split(POLNEAR, split), lambda text: extract_attributions(text, rules_only=rules_only))


def _label(raw: str) -> str:
    """Normalise a human label to one of :data:`KINDS` ("" when blank or unknown)."""
    low = " ".join(raw.lower().replace("unamed", "unnamed").split())
    if not low:
        return ""
    if "anonymous" in low or "unnamed individual" in low:
        return ANONYMOUS
    if "group" in low:
        return UNNAMED_GROUP
    if "document" in low:
        return "document"
    if "organi" in low:
        return "named organization"
    if "individual" in low or "person" in low:
        return "named individual"
    return ""


def bench_sourcing() -> dict[str, float] | None:
    """Accuracy and F1 of the predicted kind of source on the sourcing-types holdout."""
    if not SOURCING.is_dir():
        return None
    pairs: list[tuple[str, str]] = []
    for path in sorted(SOURCING.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader, [])]
            try:
                s_col = next(i for i, h in enumerate(header) if "statement" in h)
                t_col = next(i for i, h in enumerate(header) if "type of source" in h)
            except StopIteration:
                continue
            for row in reader:
                if len(row) <= max(s_col, t_col):
                    continue
                gold = _label(row[t_col])
                if gold and row[s_col].strip():
                    pairs.append((gold, statement_source_kind(row[s_col].strip())))
    if not pairs:
        return None
    out = score_kinds(pairs)
    out["confusion"] = 0.0
    confusion = Counter(pairs)
    for (g, p), c in sorted(confusion.items()):
        out[f"  gold={g} pred={p}"] = float(c)
    return out


def bench_speed(rules_only: bool = False) -> tuple[float, float]:
    """Wall and CPU ms per 1,000 words on a synthetic 1,000-word article with many attributions."""
    para = (
        "“The plan will cut costs,” said Jane Doe, a spokeswoman for the ministry. "
        "According to officials familiar with the matter, the talks stalled on Monday. "
        "He added that the deal was close, while analysts warned of delays. "
    )
    text = (para + "\n\n") * (1000 // len(para.split()) + 1)
    n_words = len(text.split())
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(20):
        extract_attributions(text, rules_only=rules_only)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return wall / 20 * 1000 * 1000 / n_words, cpu / 20 * 1000 * 1000 / n_words


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (and a JSON line with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"), help="PolNeAR split")
    parser.add_argument("--no-holdout", action="store_true", help="skip the sourcing-types holdout")
    parser.add_argument("--rules-only", action="store_true", help="PolNeAR spans without the trained tagger")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"attribution bench skipped: {POLNEAR} not found (needs ../shared/data)")
        return 0
    pol = bench_polnear(args.split, args.rules_only)
    print(f"PolNeAR {args.split}: {int(pol['articles'])} articles" + (" (rules only)" if args.rules_only else ""))
    print(f"{'span':<10}{'P':>8}{'R':>8}{'F1':>8}")
    for key in ("source", "cue", "content"):
        print(f"{key:<10}{pol[key + '_p']:>8.3f}{pol[key + '_r']:>8.3f}{pol[key + '_f1']:>8.3f}")
    src = None if args.no_holdout else bench_sourcing()
    if src is not None:
        print(f"\nsourcing-types holdout: {int(src['statements'])} statements")
        for key, value in src.items():
            if key not in ("statements", "confusion"):
                count = key.startswith("  gold=")
                print(f"{key:<55}{int(value):>8d}" if count else f"{key:<55}{value:>8.3f}")
    synthetic, synthetic_cpu = bench_speed(args.rules_only)
    print(
        f"\nspeed: {synthetic:.2f} ms per 1,000 words (synthetic), "
        f"{pol['ms_per_1000_words']:.2f} ms per 1,000 words (PolNeAR), "
        f"{pol['articles_per_second']:.1f} PolNeAR articles/s"
    )
    print(
        f"CPU time of this process (other jobs on a shared machine excluded): {synthetic_cpu:.2f} ms per 1,000 "
        f"words (synthetic), {pol['cpu_ms_per_1000_words']:.2f} (PolNeAR)"
    )
    if args.json:
        result = {
            "polnear_split": args.split,
            "polnear_source_f1": round(pol["source_f1"], 4),
            "polnear_cue_f1": round(pol["cue_f1"], 4),
            "polnear_content_f1": round(pol["content_f1"], 4),
            "sourcing_types_accuracy": round(src["accuracy"], 4) if src else None,
            "sourcing_anonymous_f1": round(src["anonymous_f1"], 4) if src else None,
            "ms_per_1000_words": round(max(synthetic, pol["ms_per_1000_words"]), 3),
            "cpu_ms_per_1000_words": round(max(synthetic_cpu, pol["cpu_ms_per_1000_words"]), 3),
            "polnear_articles_per_second": round(pol["articles_per_second"], 2),
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
