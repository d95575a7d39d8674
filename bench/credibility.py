"""Benchmark: the learned credibility model on LIAR (Wang 2017), and the retraining loop's timings.

    python bench/credibility.py [--data ../shared/data/liar] [--json]

Trains the model on LIAR's six labels (train), picks its two regularisers
on valid, and reports on test once: 6-way accuracy, macro-F1, binary
accuracy (true / mostly-true / half-true against the rest, decided by the
summed probability of those three) and the expected calibration error,
beside Wang 2017's 27.4% (6-way, all metadata). The model's speaker, party,
venue and subject track records and its precedents (the verdicts of the most
similar labelled claims) are learned from train labels only (out of fold),
and valid shows what the subject record and the precedents add, and the
binary accuracy at other thresholds than 0.5;
the table also shows what LIAR's own history columns would do if used as
given (they count the row's own label) and with the own label subtracted.
Then the serving cost: a 20-claim story scored with the rule prior and with
a trained three-level model (the whole pipeline, percentiles over repeats).
Last, the time to import LIAR train into a fresh SQLite store and to train
from it. LIAR is for research use only (its licence): nothing trained here ships.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring.labels.readers import LIAR_COLUMNS, read_labels
from scoring.labels.scale import LIAR_LABELS
from scoring.training import examples_from_labels
from scoring.training.metrics import evaluate
from scoring.training.model import RECORDS, CredibilityModel

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "liar"
WANG_2017 = 0.274
BINARY_TRUE = {"half-true", "mostly-true", "true"}
HISTORY = ("barely-true", "false", "half-true", "mostly-true", "pants-fire")
"""LIAR's history columns 9-13, in file order."""


def _load(path: Path) -> tuple[list, list[str], np.ndarray]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as stream:
        labels = [row.label for row in read_labels(stream, "liar") if row.label]
    with path.open(encoding="utf-8") as stream:
        history = np.array(
            [
                [float(c) for c in line.rstrip("\n").split("\t")[8:13]]
                for line in stream
                if line.count("\t") == LIAR_COLUMNS - 1
            ]
        )
    return labels, [x.original_label for x in labels], history


def _metrics(proba: np.ndarray, truth: list[str], threshold: float = 0.5) -> dict[str, float]:
    scores = evaluate(proba, truth, LIAR_LABELS)
    true_side = np.isin(np.array(LIAR_LABELS), sorted(BINARY_TRUE))
    says_true = proba[:, true_side].sum(axis=1) >= threshold
    binary = np.mean([p == (t in BINARY_TRUE) for p, t in zip(says_true, truth, strict=True)])
    argmax_true = true_side[proba.argmax(axis=1)]
    argmax_binary = np.mean([p == (t in BINARY_TRUE) for p, t in zip(argmax_true, truth, strict=True)])
    return {
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "binary": round(float(binary), 4),
        "binary_argmax": round(float(argmax_binary), 4),
        "ece": scores["ece"],
    }


def _serving(train: list, valid: list, repeats: int = 200) -> dict[str, float]:  # type: ignore[type-arg]
    """Milliseconds to score a 20-claim story (p50, p99) with the rule prior and with a trained model."""
    from scoring import Scorer, story_from_dict
    from scoring.registry import fit_model

    rule = Scorer()
    trained = Scorer(knowledge=rule.knowledge, model=fit_model(train), model_version="bench")
    story = story_from_dict({"claims": [{"text": x.text, "sources": [dict(s) for s in x.sources]} for x in valid[:20]]})
    out: dict[str, float] = {}
    for name, scorer in (("rule", rule), ("model", trained)):
        scorer.score(story)  # warm the caches a running service has warm
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            scorer.score(story)
            times.append(1000 * (time.perf_counter() - started))
        out[f"{name}_p50_ms"] = round(float(np.percentile(times, 50)), 2)
        out[f"{name}_p99_ms"] = round(float(np.percentile(times, 99)), 2)
    return out


def _history_only(train_h: np.ndarray, y_train: list[str], test_h: np.ndarray, y_test: list[str]) -> float:
    """6-way accuracy of a logistic regression on history counts alone."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=2000).fit(np.log1p(train_h), y_train)
    return float(np.mean(model.predict(np.log1p(test_h)) == np.array(y_test)))


def _minus_own(history: np.ndarray, truth: list[str]) -> np.ndarray:
    out = history.copy()
    for i, label in enumerate(truth):
        if label in HISTORY:
            out[i, HISTORY.index(label)] = max(0.0, out[i, HISTORY.index(label)] - 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args()
    if not (args.data / "train.tsv").is_file():
        print(f"LIAR not found at {args.data}; skipping (see ../shared/data/liar/SOURCE.md)")
        return
    train, y_train, h_train = _load(args.data / "train.tsv")
    valid, y_valid, _ = _load(args.data / "valid.tsv")
    test, y_test, h_test = _load(args.data / "test.tsv")
    x_train, x_valid, x_test = (examples_from_labels(x) for x in (train, valid, test))

    tuning = {}
    for text_c, final_c in itertools.product((0.1, 0.3, 1.0), (0.1, 1.0)):
        model = CredibilityModel(classes=LIAR_LABELS, text_c=text_c, final_c=final_c).fit(x_train, y_train)
        tuning[(text_c, final_c)] = _metrics(model.predict_proba(x_valid), y_valid)["accuracy"]
    best = max(tuning, key=lambda c: (tuning[c], -c[0], -c[1]))
    ablations = {}
    for left_out in ("subject", "precedent"):
        records = tuple(r for r in RECORDS if r != left_out)
        ablated = CredibilityModel(classes=LIAR_LABELS, text_c=best[0], final_c=best[1], records=records)
        ablations[left_out] = _metrics(ablated.fit(x_train, y_train).predict_proba(x_valid), y_valid)
    started = time.perf_counter()
    model = CredibilityModel(classes=LIAR_LABELS, text_c=best[0], final_c=best[1]).fit(x_train, y_train)
    train_seconds = time.perf_counter() - started
    valid_proba = model.predict_proba(x_valid)
    valid_best = _metrics(valid_proba, y_valid)
    thresholds = {t: _metrics(valid_proba, y_valid, t)["binary"] for t in (0.45, 0.5, 0.55)}
    result = _metrics(model.predict_proba(x_test), y_test)
    serving = _serving(train, valid)

    leaky = _history_only(h_train, y_train, h_test, y_test)
    corrected = _history_only(_minus_own(h_train, y_train), y_train, _minus_own(h_test, y_test), y_test)

    from api.store import open_store
    from api.training import start_training

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        started = time.perf_counter()
        store.labels.add_batch("bench", train)
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        job = start_training(store, "bench", background=False)
        store_seconds = time.perf_counter() - started
        store.close()

    print("valid 6-way accuracy by (text C, final C): " + ", ".join(f"{k}: {v:.4f}" for k, v in tuning.items()))
    print(f"valid at {best}: 6-way accuracy {valid_best['accuracy']:.4f}, binary {valid_best['binary']:.4f}")
    for left_out, scores in ablations.items():
        print(f"  without the {left_out} record: {scores['accuracy']:.4f}, binary {scores['binary']:.4f}")
    print(
        "  binary by threshold on the true side's summed probability: "
        + ", ".join(f"{t}: {b:.4f}" for t, b in thresholds.items())
    )
    print(f"LIAR test ({len(y_test)} claims), model with (text C, final C) = {best}")
    print(f"{'model':58} {'6-way acc':>9} {'macro-F1':>8} {'binary':>7} {'ECE':>6}")
    print(
        f"{'credscore model (leak-free track records and precedents)':58} {result['accuracy']:9.4f} "
        f"{result['macro_f1']:8.4f} {result['binary']:7.4f} {result['ece']:6.4f}"
    )
    print(f"{'  (binary from the most probable class instead)':58} {'':9} {'':8} {result['binary_argmax']:7.4f}")
    print(f"{'Wang 2017, hybrid CNN, all metadata (published)':58} {WANG_2017:9.4f}")
    print(f"{'history columns as given (leak: they count the own label)':58} {leaky:9.4f}")
    print(f"{'history columns minus the own label':58} {corrected:9.4f}")
    print(f"leak: {leaky - corrected:+.4f} 6-way accuracy from the row's own label in its history")
    print(f"training on {len(y_train)} rows: {train_seconds:.1f} s")
    print(
        f"a 20-claim story, whole pipeline: rule prior p50 {serving['rule_p50_ms']:.1f} ms, "
        f"p99 {serving['rule_p99_ms']:.1f} ms; trained model p50 {serving['model_p50_ms']:.1f} ms, "
        f"p99 {serving['model_p99_ms']:.1f} ms"
    )
    print(
        f"import LIAR train into SQLite: {import_seconds:.1f} s; train from the store (3 levels, gate): "
        f"{store_seconds:.1f} s ({job.status})"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "liar_6way_accuracy": result["accuracy"],
                    "liar_macro_f1": result["macro_f1"],
                    "liar_binary_accuracy": result["binary"],
                    "liar_binary_accuracy_argmax": result["binary_argmax"],
                    "liar_ece": result["ece"],
                    "train_seconds": round(train_seconds, 2),
                    "valid_6way_accuracy": round(tuning[best], 4),
                    "valid_binary_accuracy": valid_best["binary"],
                    "valid_6way_accuracy_without_subjects": ablations["subject"]["accuracy"],
                    "valid_binary_accuracy_without_subjects": ablations["subject"]["binary"],
                    "valid_6way_accuracy_without_precedents": ablations["precedent"]["accuracy"],
                    "valid_binary_accuracy_without_precedents": ablations["precedent"]["binary"],
                    "valid_binary_accuracy_by_threshold": {str(t): b for t, b in thresholds.items()},
                    "story20_rule_p50_ms": serving["rule_p50_ms"],
                    "story20_rule_p99_ms": serving["rule_p99_ms"],
                    "story20_model_p50_ms": serving["model_p50_ms"],
                    "story20_model_p99_ms": serving["model_p99_ms"],
                    "wang2017_6way_accuracy": WANG_2017,
                    "history_as_given_accuracy": round(leaky, 4),
                    "history_minus_own_accuracy": round(corrected, 4),
                    "import_seconds": round(import_seconds, 2),
                    "train_from_store_seconds": round(store_seconds, 2),
                }
            )
        )


if __name__ == "__main__":
    main()
