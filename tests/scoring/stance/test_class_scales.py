"""The headline-body model's class scales: chosen for FNC score, macro-F1 and disagree-F1 together."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.stance.training import TrainingConfig, _class_scales, balanced_score

# Columns: agree, disagree, discuss, unrelated. The two disputes lose to `discuss` unless P(disagree) is
# scaled by more than 1.5; the restatement's disagree share is low enough that only a scale of 8 flips it.
PROBA = np.array(
    [
        [0.10, 0.35, 0.55, 0.00],
        [0.05, 0.32, 0.58, 0.05],
        [0.70, 0.00, 0.30, 0.00],
        [0.20, 0.07, 0.50, 0.23],
        [0.00, 0.00, 0.10, 0.90],
    ]
)
GOLD = ["disagree", "disagree", "agree", "discuss", "unrelated"]


def test_the_balanced_score_weighs_one_fnc_point_like_a_hundredth_of_f1() -> None:
    report = {"fnc_score": 80.0, "macro_f1": 0.6, "f1_disagree": 0.3}
    assert balanced_score(report) == pytest.approx(1.7)


def test_the_smallest_scale_that_finds_the_disputes_wins() -> None:
    config = TrainingConfig(agree_scales=(1.0,), disagree_scales=(1.0, 1.5, 2.0, 3.0, 8.0))
    scales, report = _class_scales(PROBA, GOLD, config)
    assert scales == (1.0, 2.0, 1.0, 1.0)  # 2 and 3 tie; 8 also flips the discuss row to disagree
    assert report["f1_disagree"] == 1.0 and report["fnc_score"] == 100.0


def test_without_a_useful_scale_the_probabilities_are_left_alone() -> None:
    config = TrainingConfig(agree_scales=(1.0,), disagree_scales=(1.0, 8.0))
    scales, _ = _class_scales(PROBA[2:], GOLD[2:], config)
    assert scales == (1.0, 1.0, 1.0, 1.0)
