"""Multinomial logistic regression over ordered classes, monotone in the features the rules give a direction.

A constrained feature ``j`` gets one slope ``a_j`` shared by all classes and
scaled by the class's place on the scale (``w[k, j] = a_j * step_k`` with
``step`` increasing), and ``a_j`` is bounded to the rule's sign. A
nondecreasing weight across ordered classes makes the expected verdict
nondecreasing in the feature (its derivative is the covariance of the class
with its weight, never negative), so "more independent support never lowers
credibility" holds for every input, not only on average. Other features get
a free weight per class. Fitted by L-BFGS-B from zeros: deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted


class MonotoneLogit(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Softmax regression on standardised features; ``monotone[j]`` is +1, -1 or 0 (free)."""

    def __init__(self, monotone: Sequence[int] = (), C: float = 1.0, max_iter: int = 500) -> None:
        self.monotone = monotone
        self.C = C
        self.max_iter = max_iter

    def fit(self, X: NDArray[np.float64], y: NDArray[np.int64]) -> MonotoneLogit:
        """Learn from ``X`` and ordered class codes ``y`` (smaller is worse; absent codes get no column)."""
        X = np.asarray(X, dtype=np.float64)
        self.classes_, y = np.unique(np.asarray(y, dtype=np.int64), return_inverse=True)
        n, d = X.shape
        direction = np.zeros(d, dtype=np.int64)
        direction[: len(self.monotone)] = np.asarray(self.monotone, dtype=np.int64)
        k = len(self.classes_)
        self.mean_ = X.mean(axis=0)
        scale = X.std(axis=0)
        self.scale_ = np.where(scale > 1e-12, scale, 1.0)
        Z = (X - self.mean_) / self.scale_
        mono, free = np.flatnonzero(direction), np.flatnonzero(direction == 0)
        steps = _steps(k)
        onehot = np.eye(k)[y]
        penalty = 1.0 / (self.C * n)

        def loss(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
            a, W, b = theta[: len(mono)], theta[len(mono) : len(mono) + k * len(free)].reshape(k, -1), theta[-k:]
            logits = Z[:, free] @ W.T + np.outer(Z[:, mono] @ a, steps) + b
            logits -= logits.max(axis=1, keepdims=True)
            log_norm = np.log(np.exp(logits).sum(axis=1, keepdims=True))
            log_p = logits - log_norm
            value = -float((onehot * log_p).sum()) / n + 0.5 * penalty * (float(a @ a) + float((W * W).sum()))
            G = (np.exp(log_p) - onehot) / n
            grad_a = Z[:, mono].T @ (G @ steps) + penalty * a
            grad_W = G.T @ Z[:, free] + penalty * W
            return value, np.concatenate([grad_a, grad_W.ravel(), G.sum(axis=0)])

        bounds: list[tuple[float | None, float | None]] = [
            (0.0, None) if direction[j] > 0 else (None, 0.0) for j in mono
        ]
        bounds += [(None, None)] * (k * len(free) + k)
        start = np.zeros(len(bounds))
        result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": self.max_iter})
        theta = result.x
        coef = np.zeros((k, d))
        coef[:, mono] = np.outer(steps, theta[: len(mono)])
        coef[:, free] = theta[len(mono) : len(mono) + k * len(free)].reshape(k, -1)
        self.coef_ = coef
        self.intercept_ = theta[-k:].copy()
        self.n_features_in_ = d
        return self

    def predict_proba(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Class probabilities, worst class first."""
        check_is_fitted(self, "coef_")
        logits = ((np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_) @ self.coef_.T + self.intercept_
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

    def predict(self, X: NDArray[np.float64]) -> NDArray[Any]:
        """The most probable class index of each row."""
        return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])


def _steps(k: int) -> NDArray[np.float64]:
    """Increasing, centred class positions: the shape of a constrained feature's weights."""
    return np.linspace(-0.5, 0.5, k)
