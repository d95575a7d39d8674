"""Cross-validation of the conflict model's training on training data only: FNC-1 by story, Emergent by claim.

(a) FNC-1 train (all 49,972 pairs), 5 folds by story (:mod:`scoring.stance.story_folds`): each fold refits
    the vectorizers and the headline-body estimators on pairs whose body and headline lie outside its
    stories and scores every pair whose body is in them. Printed per fold at the shipped artifact's class
    scales (or ``--scales``), and pooled over all folds at a grid of disagree scales, for the model and for
    its boosted trees alone (without the related-pairs model), both from the same fitted estimators.
(b) Emergent train, 5 folds grouped by claim: the sentence model's 3-class accuracy and per-class F1 for
    each regularisation strength training tries (the same code path as ``credscore train-conflict``).

This is the bench to choose features, weights and scales on; the competition test and Emergent test are
never read here (``bench/conflict.py`` scores those). Data is read from ``../shared/data``; when it is
absent the benchmark says so and exits 0. ``--cache DIR`` keeps each fold's feature matrix on disk (keyed
by the fold, the feature code and the knowledge), so a second run that changes only the estimators skips
the minute of reading per fold. ``--json`` prints one JSON object as the last line.
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

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from bench.conflict import table  # noqa: E402
from scoring.knowledge import load_knowledge  # noqa: E402
from scoring.stance.artifact import SHIPPED_ARTIFACT, load_artifact  # noqa: E402
from scoring.stance.data import STANCES, StancePair, read_fnc  # noqa: E402
from scoring.stance.metrics import fnc_score, macro_f1, per_class_f1  # noqa: E402
from scoring.stance.story_cv import out_of_fold_probabilities  # noqa: E402
from scoring.stance.story_folds import story_folds  # noqa: E402
from scoring.stance.training import TrainingConfig, read_corpora, train_claims  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FNC = DATA / "fnc-1"
DISAGREE_GRID = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
"""P(disagree) scales the pooled table is printed at (besides the training grid and the chosen scale)."""


def _row(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    f1 = per_class_f1(gold, predicted)
    return {
        "pairs": len(gold),
        "disagree_pairs": gold.count("disagree"),
        "fnc_score": round(fnc_score(gold, predicted), 2),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        **{f"f1_{k}": round(v, 4) for k, v in f1.items()},
    }


def _predict(proba: np.ndarray, scales: tuple[float, ...]) -> list[str]:
    return [STANCES[int(i)] for i in (proba * np.asarray(scales)).argmax(axis=1)]


KEYS = ["pairs", "disagree_pairs", "fnc_score", "macro_f1", "f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated"]


def fnc_story_cv(
    pairs: list[StancePair],
    config: TrainingConfig,
    scales: tuple[float, ...],
    only: list[int] | None,
    cache: Path | None,
) -> dict[str, Any]:
    """Per-fold rows at ``scales`` and pooled rows at each disagree scale, for the model and its trees alone."""
    knowledge = load_knowledge()
    folds = story_folds(pairs, config.folds)
    power = config.fnc_weight_powers[0]
    probabilities = out_of_fold_probabilities(
        pairs, folds, knowledge, config, power, only=only, cache=cache, log=lambda m: print(m, flush=True)
    )
    proba = probabilities["model"]
    gold = [p.stance for p in pairs]
    per_fold = {}
    for fold in range(folds.n_folds) if only is None else only:
        test = folds.test(fold)
        per_fold[str(fold)] = _row([gold[i] for i in test], _predict(proba[test], scales))
    scored = np.flatnonzero(~np.isnan(proba[:, 0]))
    pooled_gold = [gold[i] for i in scored]
    pooled: dict[str, dict[str, Any]] = {}
    for name, array in probabilities.items():
        for disagree in sorted({*DISAGREE_GRID, *config.disagree_scales, scales[1]}):
            grid_scales = (scales[0], disagree, *scales[2:])
            pooled[f"{name} x{disagree:g}"] = _row(pooled_gold, _predict(array[scored], grid_scales))
    return {
        "scales": list(scales),
        "weight_power": power,
        "related_mix": config.related_mix,
        "per_fold": per_fold,
        "pooled": pooled,
    }


def emergent_cv(config: TrainingConfig) -> dict[str, Any]:
    """The sentence model's claim-grouped cross-validation, as training runs it."""
    corpora = read_corpora(DATA)
    claims = train_claims(corpora, load_knowledge(), config, lambda m: print(m, flush=True))
    return {"chosen_c": claims["c"], "threshold": claims["threshold"], "tried": claims["tried"]}


def report_text(fnc: dict[str, Any] | None, emergent: dict[str, Any] | None) -> str:
    """The printed tables."""
    parts: list[str] = []
    if fnc is not None:
        scales = "/".join(f"{s:g}" for s in fnc["scales"])
        parts += [
            f"FNC-1 train, cross-validation by story (class-weight power {fnc['weight_power']}, related-pairs "
            f"model mix {fnc['related_mix']}; score in %), per fold at class scales {scales} "
            "(agree/disagree/discuss/unrelated)",
            "",
            table(["fold", *KEYS], [[k, *[r[key] for key in KEYS]] for k, r in fnc["per_fold"].items()]),
            "",
            "Pooled over the folds, by P(disagree) scale: the model, and its boosted trees without the "
            "related-pairs model",
            "",
            table(["predictor", *KEYS], [[k, *[r[key] for key in KEYS]] for k, r in fnc["pooled"].items()]),
        ]
    if emergent is not None:
        keys = ["accuracy", "macro_f1", "f1_agree", "f1_disagree", "f1_discuss"]
        parts += [
            "" if parts else "",
            f"Emergent train, cross-validation grouped by claim (3-class; for = agree, against = disagree, "
            f"observing = discuss); chosen {emergent['chosen_c']}, conflict threshold {emergent['threshold']}",
            "",
            table(["C", *keys], [[k, *[r[key] for key in keys]] for k, r in emergent["tried"].items()]),
        ]
    return "\n".join(parts).strip("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--only", choices=("fnc", "emergent"), help="run one of the two cross-validations")
    parser.add_argument("--folds", help="comma-separated FNC-1 folds to run (default: all)")
    parser.add_argument("--cache", type=Path, help="directory for the per-fold FNC-1 feature matrices")
    parser.add_argument(
        "--scales", help="class scales agree,disagree,discuss,unrelated (default: the shipped artifact's)"
    )
    args = parser.parse_args()
    needed = [FNC / "train_stances.csv", FNC / "train_bodies.csv", DATA / "emergent" / "train.csv"]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        print(f"conflict cross-validation skipped: data not found ({', '.join(missing)})")
        return 0
    config = TrainingConfig()
    if args.scales:
        scales = tuple(float(s) for s in args.scales.split(","))
    else:
        scales = tuple(load_artifact(SHIPPED_ARTIFACT)["fnc"]["class_scales"])
    only = [int(f) for f in args.folds.split(",")] if args.folds else None
    started = time.perf_counter()
    with threadpool_limits(limits=1):
        fnc = emergent = None
        if args.only != "emergent":
            pairs = read_fnc(FNC / "train_stances.csv", FNC / "train_bodies.csv")
            fnc = fnc_story_cv(pairs, config, scales, only, args.cache)
        if args.only != "fnc":
            emergent = emergent_cv(config)
    print(report_text(fnc, emergent))
    seconds = round(time.perf_counter() - started, 1)
    print(f"\n{seconds} s")
    if args.json:
        summary: dict[str, Any] = {"seconds": seconds}
        if fnc is not None:
            chosen = fnc["pooled"][f"model x{scales[1]:g}"]
            summary.update(
                {
                    "cv_fnc_score": chosen["fnc_score"],
                    "cv_fnc_macro_f1": chosen["macro_f1"],
                    "cv_fnc_disagree_f1": chosen["f1_disagree"],
                    "fnc_story_cv": fnc,
                }
            )
        if emergent is not None:
            best = emergent["tried"][f"C={emergent['chosen_c']}"]
            summary.update(
                {
                    "cv_emergent_accuracy": best["accuracy"],
                    "cv_emergent_against_f1": best["f1_disagree"],
                    "emergent_claim_cv": emergent,
                }
            )
        print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
