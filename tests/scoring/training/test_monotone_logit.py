"""The last stage: a softmax regression that keeps the rules' directions whatever the data say."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from scoring.training.monotone_logit import MonotoneLogit


def _ordered_data(seed: int = 0, n: int = 600) -> tuple[np.ndarray, np.ndarray]:
    """Three ordered classes driven up by column 1 and down by column 0."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    latent = 1.5 * X[:, 1] - 1.0 * X[:, 0] + rng.normal(scale=0.7, size=n)
    return X, np.digitize(latent, [-0.7, 0.7]).astype(np.int64)


def _expected(model: MonotoneLogit, X: np.ndarray) -> np.ndarray:
    return np.asarray(model.predict_proba(X) @ model.classes_.astype(float))


def test_a_constraint_against_the_data_is_kept_for_every_input() -> None:
    X, y = _ordered_data()
    model = MonotoneLogit(monotone=(1,)).fit(X, y)  # the data say column 0 lowers the class
    grid = np.linspace(-3, 3, 13)
    for row in X[:40]:
        rows = np.repeat(row[None, :], len(grid), axis=0)
        rows[:, 0] = grid
        assert np.all(np.diff(_expected(model, rows)) >= -1e-12)


def test_a_constraint_the_data_agree_with_is_learned() -> None:
    X, y = _ordered_data()
    model = MonotoneLogit(monotone=(-1, 1)).fit(X, y)
    low, high = X[:1].copy(), X[:1].copy()
    low[0, 1], high[0, 1] = -2.0, 2.0
    assert _expected(model, high)[0] > _expected(model, low)[0] + 0.5
    assert model.coef_[-1, 0] < 0 < model.coef_[-1, 1]


def test_without_constraints_it_is_scikit_learns_multinomial_regression() -> None:
    X, y = _ordered_data(seed=3)
    X = (X - X.mean(axis=0)) / X.std(axis=0)  # the model standardises; give scikit-learn the same inputs
    ours = MonotoneLogit(C=0.5).fit(X, y)
    theirs = LogisticRegression(C=0.5, max_iter=2000, tol=1e-10).fit(X, y)
    assert np.allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-4)


def test_fitting_is_deterministic_and_absent_classes_get_no_column() -> None:
    X, y = _ordered_data(seed=5)
    y = np.where(y == 1, 2, y)  # classes 0 and 2 only
    first, second = MonotoneLogit(monotone=(-1,)).fit(X, y), MonotoneLogit(monotone=(-1,)).fit(X, y)
    assert list(first.classes_) == [0, 2]
    assert np.array_equal(first.predict_proba(X), second.predict_proba(X))
    assert set(first.predict(X)) <= {0, 2}
