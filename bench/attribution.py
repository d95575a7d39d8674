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
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.attribution import KINDS, extract_attributions  # noqa: E402
from scoring.attribution.kinds import ANONYMOUS, UNNAMED_GROUP  # noqa: E402
from scoring.attribution.sourcing import statement_source_kind  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
POLNEAR = DATA / "attribution" / "polnear"
SOURCING = DATA / "holdout" / "sourcing-types" / "gt"
_WORD = re.compile(r"\w+|[^\w\s]")
_RECORD = re.compile(r"[TE#]\d+\t")

Spans = list[tuple[int, int]]


def _annotator_files(split: str) -> dict[str, Path]:
    """One .ann file per article of ``split``: the first listed annotator's."""
    chosen: dict[str, Path] = {}
    annotators: dict[str, list[str]] = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                annotators[row["filename"]] = row["annotators"].split("|")
    for name, ids in sorted(annotators.items()):
        for ann in ids:
            path = POLNEAR / split / "attributions" / f"{name}_{ann}.ann"
            if path.exists():
                chosen[name] = path
                break
    return chosen


def parse_ann(path: Path) -> dict[str, Spans]:
    """Gold source, cue and content spans of one brat file (two passes: E lines may refer ahead)."""
    records: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if _RECORD.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    tspans: dict[str, tuple[int, int]] = {}
    for rec in records:
        if rec.startswith("T"):
            parts = rec.split("\t")
            if len(parts) < 2:
                continue
            label_offsets = parts[1].split(" ", 1)
            if len(label_offsets) < 2:
                continue
            frags = [f.split() for f in label_offsets[1].split(";")]
            starts = [int(f[0]) for f in frags if len(f) == 2]
            ends = [int(f[1]) for f in frags if len(f) == 2]
            if starts:
                tspans[parts[0]] = (min(starts), max(ends))
    gold: dict[str, set[tuple[int, int]]] = {"source": set(), "cue": set(), "content": set()}
    for rec in records:
        if rec.startswith("E"):
            for arg in rec.split("\t", 1)[-1].split():
                role, _, tid = arg.partition(":")
                key = role.lower()
                if key in gold and tid in tspans:
                    gold[key].add(tspans[tid])
    return {k: sorted(v) for k, v in gold.items()}


def _token_sets(text: str, spans: Spans) -> list[frozenset[int]]:
    """Token indices covered by each span (tokens are words or single symbols)."""
    starts = [m.start() for m in _WORD.finditer(text)]
    ends = [m.end() for m in _WORD.finditer(text)]
    out: list[frozenset[int]] = []
    import bisect

    for a, b in spans:
        lo = bisect.bisect_right(ends, a)
        hi = bisect.bisect_left(starts, b)
        out.append(frozenset(range(lo, hi)))
    return out


def match_counts(text: str, gold: Spans, pred: Spans) -> tuple[int, int, int]:
    """(true positives, predicted, gold) with greedy one-to-one matching at ≥ 50 % token overlap."""
    g_sets = _token_sets(text, gold)
    p_sets = _token_sets(text, pred)
    used: set[int] = set()
    tp = 0
    for p in p_sets:
        if not p:
            continue
        best = -1
        best_score = 0.0
        for gi, g in enumerate(g_sets):
            if gi in used or not g:
                continue
            inter = len(p & g)
            if not inter:
                continue
            score = inter / max(len(p), len(g))
            if score >= 0.5 and score > best_score:
                best, best_score = gi, score
        if best >= 0:
            used.add(best)
            tp += 1
    return tp, len([p for p in p_sets if p]), len([g for g in g_sets if g])


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bench_polnear(split: str) -> dict[str, float]:
    """Span P/R/F1 and speed on one PolNeAR split."""
    files = _annotator_files(split)
    totals = {k: [0, 0, 0] for k in ("source", "cue", "content")}
    words = 0
    elapsed = 0.0
    for name, ann in files.items():
        text = (POLNEAR / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = parse_ann(ann)
        t0 = time.perf_counter()
        atts = extract_attributions(text)
        elapsed += time.perf_counter() - t0
        words += len(text.split())
        pred: dict[str, Spans] = {"source": [], "cue": [], "content": []}
        for a in atts:
            if a.cue is None and a.source is None:
                continue
            if a.source is not None:
                pred["source"].append((a.source.start, a.source.end))
            if a.cue is not None:
                pred["cue"].append((a.cue.start, a.cue.end))
            if a.content:
                pred["content"].append((a.content[0].start, a.content[-1].end))
        for key in totals:
            tp, npred, ngold = match_counts(text, gold[key], sorted(set(pred[key])))
            totals[key][0] += tp
            totals[key][1] += npred
            totals[key][2] += ngold
    out: dict[str, float] = {"articles": float(len(files))}
    for key, (tp, npred, ngold) in totals.items():
        p, r, f = _prf(tp, npred, ngold)
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = p, r, f
    out["ms_per_1000_words"] = 1000 * elapsed / words * 1000 if words else 0.0
    out["articles_per_second"] = len(files) / elapsed if elapsed else 0.0
    return out


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
    out: dict[str, float] = {"statements": float(len(pairs))}
    out["accuracy"] = sum(g == p for g, p in pairs) / len(pairs)
    for kind in KINDS:
        tp = sum(g == p == kind for g, p in pairs)
        out[f"f1 {kind}"] = _prf(tp, sum(p == kind for _, p in pairs), sum(g == kind for g, _ in pairs))[2]
    unnamed = {ANONYMOUS, UNNAMED_GROUP}
    tp = sum(g in unnamed and p in unnamed for g, p in pairs)
    out["anonymous_f1"] = _prf(tp, sum(p in unnamed for _, p in pairs), sum(g in unnamed for g, _ in pairs))[
        2
    ]
    out["confusion"] = 0.0
    confusion = Counter(pairs)
    for (g, p), c in sorted(confusion.items()):
        out[f"  gold={g} pred={p}"] = float(c)
    return out


def bench_speed() -> float:
    """ms per 1,000 words on a synthetic 1,000-word article with many attributions."""
    para = (
        "“The plan will cut costs,” said Jane Doe, a spokeswoman for the ministry. "
        "According to officials familiar with the matter, the talks stalled on Monday. "
        "He added that the deal was close, while analysts warned of delays. "
    )
    text = (para + "\n\n") * (1000 // len(para.split()) + 1)
    n_words = len(text.split())
    t0 = time.perf_counter()
    for _ in range(20):
        extract_attributions(text)
    return (time.perf_counter() - t0) / 20 * 1000 * 1000 / n_words


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (and a JSON line with ``--json``)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"), help="PolNeAR split")
    parser.add_argument("--no-holdout", action="store_true", help="skip the sourcing-types holdout")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"attribution bench skipped: {POLNEAR} not found (needs ../shared/data)")
        return 0
    pol = bench_polnear(args.split)
    print(f"PolNeAR {args.split}: {int(pol['articles'])} articles")
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
    synthetic = bench_speed()
    print(
        f"\nspeed: {synthetic:.2f} ms per 1,000 words (synthetic), "
        f"{pol['ms_per_1000_words']:.2f} ms per 1,000 words (PolNeAR), "
        f"{pol['articles_per_second']:.1f} PolNeAR articles/s"
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
            "polnear_articles_per_second": round(pol["articles_per_second"], 2),
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
