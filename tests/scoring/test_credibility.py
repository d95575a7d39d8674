"""The rule prior behaves as a scikit-learn classifier and as the rules say."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from scoring.credibility import CLASSES, FEATURES, RulePrior, expected_score, label_for


def _row(**values: float) -> list[float]:
    return [values.get(f, 0.0) for f in FEATURES]


def test_follows_the_estimator_conventions() -> None:
    model = RulePrior(intercept=-1.0)
    assert clone(model).get_params() == {"intercept": -1.0, "weights": None}
    with pytest.raises(NotFittedError):
        model.predict_proba(np.zeros((1, len(FEATURES))))
    fitted = model.fit(np.zeros((2, len(FEATURES))))
    assert fitted is model
    assert list(model.classes_) == list(CLASSES)
    with pytest.raises(ValueError, match="columns"):
        RulePrior().fit(np.zeros((2, 3)))


def test_probabilities_are_distributions_with_expected_value_p() -> None:
    model = RulePrior().fit(np.zeros((1, len(FEATURES))))
    rows = np.array([_row(independence=x, sourced=1) for x in np.linspace(0, 1, 11)])
    proba = model.predict_proba(rows)
    assert np.allclose(proba.sum(axis=1), 1.0)
    p = 1 / (1 + np.exp(-model.decision_function(rows)))
    assert np.allclose(expected_score(model, proba), p)


def test_monotone_in_the_directions_the_rules_say() -> None:
    model = RulePrior().fit(np.zeros((1, len(FEATURES))))
    base = _row(independence=0.5, anonymity=0.5, conflict=0.2, sourced=1)
    score = expected_score(model, model.predict_proba(np.array([base])))[0]
    for feature, step in (("independence", 0.1), ("anonymity", -0.1), ("conflict", -0.1)):
        row = list(base)
        row[FEATURES.index(feature)] += step
        assert expected_score(model, model.predict_proba(np.array([row])))[0] > score


def test_explain_lists_the_strongest_contributions_first() -> None:
    model = RulePrior().fit(np.zeros((1, len(FEATURES))))
    parts = model.explain(_row(independence=0.7, conflict=0.8, sourced=1))
    assert [p.feature for p in parts][:2] == ["independence", "conflict"]


@pytest.mark.parametrize(
    ("score", "conflict", "sourced", "label"),
    [
        (0.9, 0.0, False, "unsourced"),
        (0.9, 0.8, True, "contested"),
        (0.7, 0.0, True, "well-sourced"),
        (0.3, 0.0, True, "thin"),
    ],
)
def test_labels(score: float, conflict: float, sourced: bool, label: str) -> None:
    assert label_for(score, conflict, sourced) == label
