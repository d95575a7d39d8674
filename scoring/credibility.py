"""One credibility score per claim, from the sourcing signals, with its reasons.

:class:`RulePrior` is an explicit, documented logistic rule behind the
scikit-learn estimator interface (``fit`` / ``predict_proba`` / ``classes_``),
so that a model trained on editors' labels can replace it without the rest of
the pipeline noticing. Its weights are set by hand: they say what the rules
believe (independent support raises credibility; anonymity and open conflict
lower it), and every score is explained weight by weight.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

FEATURES = (
    "independence",
    "anonymity",
    "conflict",
    "sourced",
    "opposed_agreement",
    "interested_only",
    "hedged",
)
"""The signals a credibility model sees, in column order."""

CLASSES = ("unreliable", "uncertain", "reliable")
"""The ordinal verdict scale; a score is the expected verdict on [0, 1]."""

DEFAULT_WEIGHTS = {
    "independence": 3.2,
    "anonymity": -1.5,
    "conflict": -2.5,
    "sourced": 0.6,
    "opposed_agreement": 0.8,
    "interested_only": -0.6,
    "hedged": -0.4,
}

FEATURE_TEXT = {
    "independence": "independent support",
    "anonymity": "reliance on anonymous sources",
    "conflict": "contradiction by another claim",
    "sourced": "having any source",
    "opposed_agreement": "agreement of opposed parties",
    "interested_only": "support only from interested parties",
    "hedged": "hedged wording",
    # Parts a learned model (scoring/training) adds beside the signals.
    "wording": "the claim's wording",
    "speaker_record": "the track record of who made or backs the claim",
    "party_record": "the track record of the backing parties",
    "venue_record": "the track record of the venue where the claim was made",
    "subject_record": "the track record of the claim's subjects",
    "precedent_record": "the verdicts of the most similar labelled claims",
}

WELL_SOURCED = 0.6
CONTESTED = 0.5


@dataclass(frozen=True)
class ClaimContext:
    """What a learned model may read beside the signals: the claim's words and who backs it.

    ``speakers`` are the names of the people or bodies the claim is attributed
    to, ``parties`` the parties they resolve to; a model keeps a track record of
    each from earlier labels.
    """

    text: str
    speakers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contribution:
    """One feature's push on the log-odds of a claim being reliable."""

    feature: str
    value: float
    effect: float


class RulePrior(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """A hand-set logistic rule over the sourcing signals.

    ``p = sigmoid(intercept + sum(weights[f] * x[f]))`` is the probability that
    the claim is reliable; the three ordinal classes get the probabilities of
    a binomial with two trials, so the expected verdict equals ``p``. ``fit``
    learns nothing: it records the feature layout so the estimator can be
    validated and swapped like any scikit-learn classifier.
    """

    def __init__(self, weights: dict[str, float] | None = None, intercept: float = -1.6) -> None:
        self.weights = weights
        self.intercept = intercept

    def fit(self, X: NDArray[np.float64], y: Sequence[str] | None = None) -> RulePrior:
        """Record the feature layout; the rule has no parameters to learn."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(FEATURES):
            raise ValueError(f"expected a matrix with {len(FEATURES)} columns ({', '.join(FEATURES)})")
        self.classes_ = np.array(CLASSES)
        self.n_features_in_ = X.shape[1]
        self.coef_ = np.array([(self.weights or DEFAULT_WEIGHTS)[f] for f in FEATURES])
        return self

    def decision_function(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Log-odds of reliability for each row."""
        check_is_fitted(self, "coef_")
        X = np.asarray(X, dtype=np.float64)
        return np.asarray(X @ self.coef_ + self.intercept, dtype=np.float64)

    def predict_proba(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Probabilities of ``unreliable``, ``uncertain`` and ``reliable``."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([(1 - p) ** 2, 2 * p * (1 - p), p**2])

    def predict(self, X: NDArray[np.float64]) -> NDArray[np.str_]:
        """The most probable verdict of each row."""
        return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])

    def explain(self, x: Sequence[float]) -> list[Contribution]:
        """Each feature's contribution to one row's log-odds, largest first."""
        check_is_fitted(self, "coef_")
        parts = [Contribution(f, float(v), float(w * v)) for f, v, w in zip(FEATURES, x, self.coef_, strict=True)]
        return sorted((c for c in parts if c.effect), key=lambda c: (-abs(c.effect), c.feature))


def expected_score(model: ClassifierMixin, proba: NDArray[np.float64]) -> NDArray[np.float64]:
    """The expected verdict on [0, 1] from class probabilities in ``CLASSES`` order."""
    del model
    return np.asarray(proba @ np.array([0.0, 0.5, 1.0]), dtype=np.float64)


@dataclass(frozen=True)
class CredibilityScore:
    """A claim's overall credibility."""

    score: float
    label: str
    reasons: tuple[str, ...]


def label_for(score: float, conflict: float, sourced: bool) -> str:
    """The label a reader sees: unsourced and contested come before the score."""
    if not sourced:
        return "unsourced"
    if conflict >= CONTESTED:
        return "contested"
    return "well-sourced" if score >= WELL_SOURCED else "thin"


def describe(label: str, score: float, contributions: Sequence[Contribution], limit: int = 4) -> tuple[str, ...]:
    """Readable reasons: the label, then the strongest contributions."""
    lead = {
        "unsourced": "No source is given for this claim.",
        "contested": "Another claim in the story contradicts this one.",
        "well-sourced": "Independent, checkable support and no contradiction.",
        "thin": "Support is too thin to rely on.",
    }[label]
    reasons = [f"{lead} Credibility {score:.2f}."]
    for part in contributions[:limit]:
        direction = "raises" if part.effect > 0 else "lowers"
        reasons.append(
            f"{FEATURE_TEXT[part.feature].capitalize()} ({part.value:.2f}) {direction} it "
            f"({part.effect:+.2f} log-odds)."
        )
    return tuple(reasons)


def sigmoid(z: float) -> float:
    """The logistic function."""
    return 1.0 / (1.0 + math.exp(-z))
