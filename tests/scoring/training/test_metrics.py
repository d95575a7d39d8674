"""Held-out metrics, including what the desk's charts draw."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.training.metrics import evaluate

CLASSES = ["unreliable", "uncertain", "reliable"]


def test_metrics_by_hand() -> None:
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.5, 0.4, 0.1]])
    truth = ["unreliable", "reliable", "reliable", "uncertain"]
    got = evaluate(proba, truth, CLASSES)
    assert got["accuracy"] == 0.5
    assert got["confusion_matrix"] == {"labels": CLASSES, "matrix": [[1, 0, 0], [1, 0, 0], [0, 1, 1]]}
    assert got["calibration"] == [
        {"predicted": 0.5, "observed": 0.0, "count": 2},
        {"predicted": 0.6, "observed": 1.0, "count": 1},
        {"predicted": 0.7, "observed": 1.0, "count": 1},
    ]
    # ECE = 2/4 * |0 - 0.5| + 1/4 * |1 - 0.6| + 1/4 * |1 - 0.7|
    assert got["ece"] == pytest.approx(0.425)


def test_a_perfectly_calibrated_confident_model_has_zero_ece() -> None:
    proba = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert evaluate(proba, ["unreliable", "reliable"], CLASSES)["ece"] == 0.0
