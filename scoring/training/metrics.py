"""How good a model is on held-out labels: accuracy, macro-F1, per-class recall, confusion, calibration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, recall_score

ECE_BINS = 10
"""Equal-width confidence bins of the expected calibration error."""


def _reliability(proba: NDArray[np.float64], truth: NDArray[np.int64], bins: int) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) of each non-empty equal-width confidence bin."""
    confidence = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == truth).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    found = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            found.append((float(confidence[mask].mean()), float(correct[mask].mean()), int(mask.sum())))
    return found


def expected_calibration_error(proba: NDArray[np.float64], truth: NDArray[np.int64], bins: int = ECE_BINS) -> float:
    """Top-label ECE: the gap between confidence and accuracy, averaged over confidence bins by their size."""
    n = max(1, len(truth))
    return float(
        sum(count / n * abs(observed - predicted) for predicted, observed, count in _reliability(proba, truth, bins))
    )


def evaluate(proba: NDArray[np.float64], truth: Sequence[str], classes: Sequence[str]) -> dict[str, Any]:
    """Metrics of probabilities (columns in ``classes`` order) against true class names."""
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[t] for t in truth], dtype=np.int64)
    predicted = proba.argmax(axis=1)
    labels = list(range(len(classes)))
    recalls = recall_score(y, predicted, labels=labels, average=None, zero_division=0)
    return {
        "n": len(y),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        "macro_f1": round(float(f1_score(y, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "recall": {c: round(float(r), 4) for c, r in zip(classes, recalls, strict=True)},
        "ece": round(expected_calibration_error(proba, y), 4),
        "confusion_matrix": {
            "labels": list(classes),
            "matrix": confusion_matrix(y, predicted, labels=labels).tolist(),
        },
        "calibration": calibration_bins(proba, y),
    }


def calibration_bins(
    proba: NDArray[np.float64], truth: NDArray[np.int64], bins: int = ECE_BINS
) -> list[dict[str, float]]:
    """Top-label reliability points (mean confidence, accuracy, count) per non-empty bin, for a calibration curve."""
    return [
        {"predicted": round(predicted, 4), "observed": round(observed, 4), "count": count}
        for predicted, observed, count in _reliability(proba, truth, bins)
    ]
