"""Benchmark of the trained conflict model on the public stance test sets.

(a) FNC-1 competition test: the official relative score, macro-F1 over the four
    stances and per-class F1 (disagree above all), for this model and for the
    three reference submissions, all scored by the same code in this run.
(b) Emergent test (``holdout/emergent/test.csv``, evaluation only): 3-class
    accuracy and per-class F1 of the sentence model, beside the paper's 73.3%.
(c) Cost: training seconds (recorded in the artifact), sentence pairs scored
    per second on one core (raw text to P(disagree) both ways, as the pipeline
    does), artifact size.

Test files are read here only, after every choice was made on training data.
Data is read from ``../shared/data``; when it is absent the benchmark says so
and exits 0. ``--json`` prints one JSON object as the last line;
``--update-card`` writes the report into the artifact's MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_limits  # noqa: E402

from scoring.knowledge import load_knowledge  # noqa: E402
from scoring.stance import card  # noqa: E402
from scoring.stance.artifact import SHIPPED_ARTIFACT, load_artifact  # noqa: E402
from scoring.stance.data import STANCES, read_emergent, read_fnc, read_fnc_predictions  # noqa: E402
from scoring.stance.featurize import claims_model_inputs, fnc_inputs, fnc_words, statements_of  # noqa: E402
from scoring.stance.metrics import accuracy, fnc_score, macro_f1, per_class_f1  # noqa: E402
from scoring.stance.model import fnc_stances  # noqa: E402
from scoring.stance.scorer import ModelScorer  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FNC = DATA / "fnc-1"
EMERGENT_TEST = DATA / "holdout" / "emergent" / "test.csv"
PAPER_EMERGENT_ACCURACY = 0.733
PEERS = ("talos", "riedel", "athene")


def _fnc_rows(name: str, gold: list[str], predicted: list[str]) -> dict[str, Any]:
    f1 = per_class_f1(gold, predicted)
    return {
        "system": name,
        "fnc_score": round(fnc_score(gold, predicted), 2),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        **{f"f1_{k}": round(v, 4) for k, v in f1.items()},
    }


def evaluate_fnc(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """Our model and the reference submissions on the competition test set."""
    knowledge = load_knowledge()
    pairs = read_fnc(FNC / "competition_test_stances.csv", FNC / "competition_test_bodies.csv")
    gold = [p.stance for p in pairs]
    fnc = bundle["fnc"]
    ours = fnc_stances(fnc, fnc_inputs(fnc, pairs, knowledge), fnc_words(fnc, pairs))
    rows = [_fnc_rows("credscore", gold, ours)]
    for peer in PEERS:
        path = FNC / "reference_submissions" / f"{peer}_submission.csv"
        if path.is_file():
            rows.append(_fnc_rows(peer, gold, read_fnc_predictions(path)))
    return rows


def evaluate_emergent(bundle: dict[str, Any]) -> dict[str, Any]:
    """The sentence model on Emergent test (claim vs headline), 3-class."""
    pairs = read_emergent(EMERGENT_TEST)
    claims = bundle["claims"]
    inputs = claims_model_inputs(pairs, load_knowledge(), claims["vectorizer"])
    proba = claims["classifier"].predict_proba(claims["scaler"].transform(inputs))
    proba[:, STANCES.index("unrelated")] = -1.0
    predicted = [STANCES[int(i)] for i in proba.argmax(axis=1)]
    gold = [p.stance for p in pairs]
    f1 = per_class_f1(gold, predicted, STANCES[:3])
    return {
        "pairs": len(pairs),
        "accuracy": round(accuracy(gold, predicted), 4),
        "macro_f1": round(macro_f1(gold, predicted, STANCES[:3]), 4),
        "f1_for": round(f1["agree"], 4),
        "f1_against": round(f1["disagree"], 4),
        "f1_observing": round(f1["discuss"], 4),
    }


def pairs_per_second(bundle: dict[str, Any], runs: int = 3) -> tuple[float, float]:
    """Sentence pairs per second on one core (best of ``runs``), P(disagree) in both directions.

    First from raw text (reading each text into a statement included), then
    from statements already read, which is what the pipeline pays per pair.
    """
    knowledge = load_knowledge()
    pairs = read_emergent(EMERGENT_TEST)
    scorer = ModelScorer(knowledge, bundle)
    raw = read = float("inf")
    with threadpool_limits(limits=1):
        for _ in range(runs):
            started = time.perf_counter()
            texts = sorted({p.a for p in pairs} | {p.b for p in pairs})
            by_text = dict(zip(texts, statements_of(texts, knowledge), strict=True))
            middle = time.perf_counter()
            scorer.probabilities([(by_text[p.a], by_text[p.b]) for p in pairs])
            done = time.perf_counter()
            raw, read = min(raw, done - started), min(read, done - middle)
    return len(pairs) / raw, len(pairs) / read


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A right-aligned text table (``bench/conflict_cv.py`` prints its tables the same way)."""
    widths = [max(len(str(x)) for x in [h] + [r[i] for r in rows]) for i, h in enumerate(headers)]
    line = " | ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))
    rule = "-|-".join("-" * w for w in widths)
    body = [" | ".join(str(x).rjust(w) for x, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, rule, *body])


def report_text(fnc: list[dict[str, Any]], emergent: dict[str, Any], cost: dict[str, Any]) -> str:
    """The printed report (also what goes into the model card)."""
    keys = ["fnc_score", "macro_f1", "f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated"]
    parts = [
        "FNC-1 competition test (25,413 pairs; score in %, targets: score >= 83.0, macro-F1 >= 0.65, "
        "disagree-F1 >= 0.35)",
        "",
        table(["system", *keys], [[r["system"], *[r[k] for k in keys]] for r in fnc]),
        "",
        f"Emergent test ({emergent['pairs']} pairs, evaluation only; targets: accuracy >= 0.78, against-F1 >= 0.75)",
        "",
        table(
            ["system", "accuracy", "macro_f1", "f1_for", "f1_against", "f1_observing"],
            [
                [
                    "credscore",
                    emergent["accuracy"],
                    emergent["macro_f1"],
                    emergent["f1_for"],
                    emergent["f1_against"],
                    emergent["f1_observing"],
                ],
                ["Ferreira & Vlachos 2016", PAPER_EMERGENT_ACCURACY, "", "", "", ""],
            ],
        ),
        "",
        table(["cost", "value"], [[k, v] for k, v in cost.items()]),
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifact", type=Path, default=SHIPPED_ARTIFACT)
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--update-card", action="store_true", help="write the report into MODEL_CARD.md")
    args = parser.parse_args()
    needed = [FNC / "competition_test_stances.csv", FNC / "competition_test_bodies.csv", EMERGENT_TEST]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        print(f"conflict benchmark skipped: data not found ({', '.join(missing)})")
        return 0
    bundle = load_artifact(args.artifact)
    fnc = evaluate_fnc(bundle)
    emergent = evaluate_emergent(bundle)
    from_text, from_statements = pairs_per_second(bundle)
    cost = {
        "train_seconds": bundle["train_seconds"],
        "train_cpu_seconds": bundle.get("train_cpu_seconds", "not recorded"),
        "pairs_per_second": round(from_text),
        "pairs_per_second_from_statements": round(from_statements),
        "artifact_mb": round(args.artifact.stat().st_size / 1e6, 2),
    }
    text = report_text(fnc, emergent, cost)
    print(text)
    if args.update_card:
        card.set_test_report(args.artifact.parent / "MODEL_CARD.md", "```\n" + text + "\n```")
    if args.json:
        ours = fnc[0]
        summary = {
            "fnc_score": ours["fnc_score"],
            "fnc_macro_f1": ours["macro_f1"],
            "fnc_disagree_f1": ours["f1_disagree"],
            "emergent_accuracy": emergent["accuracy"],
            "emergent_against_f1": emergent["f1_against"],
            **cost,
            "fnc_per_class_f1": {k: ours[f"f1_{k}"] for k in STANCES},
            "peers": {r["system"]: {k: v for k, v in r.items() if k != "system"} for r in fnc[1:]},
            "emergent": emergent,
            "emergent_paper_accuracy": PAPER_EMERGENT_ACCURACY,
        }
        print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
