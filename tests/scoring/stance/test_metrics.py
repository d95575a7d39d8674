"""The FNC-1 score and F1 on small cases worked out by hand."""

from __future__ import annotations

import pytest

from scoring.stance.metrics import accuracy, fnc_score, macro_f1, per_class_f1

GOLD = ["agree", "disagree", "discuss", "unrelated"]


def test_a_perfect_run_scores_100() -> None:
    assert fnc_score(GOLD, GOLD) == pytest.approx(100.0)


def test_related_confusions_earn_a_quarter_and_unrelated_confusions_nothing() -> None:
    # best = 3 * 1.0 + 0.25; got: disagree for agree 0.25, discuss right 1.0, unrelated for disagree 0, unrelated 0.25
    predicted = ["disagree", "unrelated", "discuss", "unrelated"]
    assert fnc_score(GOLD, predicted) == pytest.approx(100 * 1.5 / 3.25)


def test_f1_per_class_and_macro() -> None:
    predicted = ["agree", "agree", "discuss", "unrelated"]
    f1 = per_class_f1(GOLD, predicted)
    assert f1 == {"agree": pytest.approx(2 / 3), "disagree": 0.0, "discuss": 1.0, "unrelated": 1.0}
    assert macro_f1(GOLD, predicted) == pytest.approx((2 / 3 + 2) / 4)
    assert accuracy(GOLD, predicted) == 0.75


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        fnc_score(GOLD, GOLD[:2])
