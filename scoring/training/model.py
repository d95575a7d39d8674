"""The learned credibility model: an ordinal, monotone, calibrated classifier.

Inputs are :class:`~scoring.training.examples.Example` rows: the spine's
signals, the claim's words and who backs it. The design, left to right:

- the words: a TF-IDF logistic regression gives class probabilities (out of
  fold for training rows) and :mod:`~scoring.training.wording` adds cue counts;
- the backers: speaker and party track records (:mod:`~scoring.training.track_record`);
- the verdict: one gradient-boosted binary model per threshold of the ordinal
  scale, ``P(verdict >= k)``, each with monotonic constraints where the rules
  say so (more independence never lowers it; more anonymity or conflict never
  raises it), each calibrated by isotonic regression. Threshold probabilities
  are made non-increasing and differenced into class probabilities, so the
  expected verdict inherits the constraints.

Everything is seeded: the same data gives the same model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from scoring.credibility import CLASSES, FEATURES, ClaimContext, Contribution
from scoring.training.examples import Example
from scoring.training.track_record import count_table, out_of_fold, record_features
from scoring.training.wording import WORDING_FEATURES, wording_matrix

MONOTONE = {"independence": 1, "anonymity": -1, "conflict": -1}
"""Directions the rules impose on the learned verdict."""

GROUPS = (*FEATURES, "wording", "speaker_record", "party_record")
"""What an explanation attributes a score to."""


class CredibilityModel(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Ordinal classifier over ``classes`` (worst first) from signals, wording and track records."""

    def __init__(
        self,
        classes: Sequence[str] = CLASSES,
        text_c: float = 0.5,
        record_alpha: float = 4.0,
        n_folds: int = 5,
        max_iter: int = 150,
        learning_rate: float = 0.05,
        max_leaf_nodes: int = 15,
        random_state: int = 0,
    ) -> None:
        self.classes = classes
        self.text_c = text_c
        self.record_alpha = record_alpha
        self.n_folds = n_folds
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.random_state = random_state

    # fitting -------------------------------------------------------------------------------------

    def fit(self, X: Sequence[Example], y: Sequence[str]) -> CredibilityModel:
        """Learn from labelled examples; ``y`` holds class names from ``classes``.

        Runs on one thread: on a small, shared machine OpenMP's threads contend
        and made boosting ten times slower than a single thread.
        """
        with threadpool_limits(limits=1):
            return self._fit(X, y)

    def _fit(self, X: Sequence[Example], y: Sequence[str]) -> CredibilityModel:
        examples = _examples(X)
        self.classes_ = np.array(self.classes)
        index = {c: i for i, c in enumerate(self.classes)}
        unknown = sorted({v for v in y if v not in index})
        if unknown:
            raise ValueError(f"unknown classes {unknown}; expected some of {list(self.classes)}")
        target = np.array([index[v] for v in y], dtype=np.int64)
        if len(examples) != len(target) or len(target) < 2 * len(self.classes):
            raise ValueError(f"need as many labels as examples and at least {2 * len(self.classes)} of them")
        n_classes = len(self.classes)
        folds = self._folds(target)
        self.prior_ = (np.bincount(target, minlength=n_classes) + 1.0) / (len(target) + n_classes)
        texts = [e.context.text for e in examples]
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=50_000)
        try:
            words = self.vectorizer_.fit_transform(texts)
        except ValueError:  # too few texts for min_df=2
            self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
            words = self.vectorizer_.fit_transform(texts)
        if hasattr(self.vectorizer_, "stop_words_"):
            del self.vectorizer_.stop_words_  # only for introspection, and large in an artifact
        text_proba = np.tile(self.prior_, (len(texts), 1))
        self.text_model_: LogisticRegression | None = None
        if len(set(target.tolist())) > 1:
            for held in folds:
                rest = np.setdiff1d(np.arange(len(target)), held)
                if len(set(target[rest].tolist())) > 1:
                    fold_model = self._text_model().fit(words[rest], target[rest])
                    text_proba[held] = _spread(fold_model.predict_proba(words[held]), fold_model.classes_, n_classes)
            self.text_model_ = self._text_model().fit(words, target)
        speakers = [e.context.speakers for e in examples]
        parties = [e.context.parties for e in examples]
        self.speaker_table_ = count_table(speakers, target, n_classes)
        self.party_table_ = count_table(parties, target, n_classes)
        design = np.hstack(
            [
                np.array([e.signals for e in examples], dtype=np.float64),
                text_proba,
                wording_matrix(texts),
                out_of_fold(speakers, target, folds, self.prior_, self.record_alpha),
                out_of_fold(parties, target, folds, self.prior_, self.record_alpha),
            ]
        )
        self.baseline_ = design.mean(axis=0)
        self.thresholds_: list[Any] = [self._threshold_model(design, target >= k) for k in range(1, n_classes)]
        self.n_features_in_ = design.shape[1]
        return self

    def _folds(self, target: NDArray[np.int64]) -> list[NDArray[np.int64]]:
        smallest = int(np.bincount(target).min(initial=0)) if len(target) else 0
        splitter: StratifiedKFold | KFold
        if smallest >= self.n_folds:
            splitter = StratifiedKFold(self.n_folds, shuffle=True, random_state=self.random_state)
        else:
            splitter = KFold(self.n_folds, shuffle=True, random_state=self.random_state)
        return [held for _, held in splitter.split(np.zeros(len(target)), target)]

    def _text_model(self) -> LogisticRegression:
        return LogisticRegression(C=self.text_c, solver="saga", max_iter=1000, tol=1e-3, random_state=self.random_state)

    def _threshold_model(self, design: NDArray[np.float64], positive: NDArray[np.bool_]) -> Any:
        """A calibrated monotone model of ``P(verdict >= k)`` as [booster, isotonic], or a constant share."""
        share = float(positive.mean())
        if min(int(positive.sum()), int((~positive).sum())) < 3:
            return share
        boosted = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=20,
            l2_regularization=1.0,
            early_stopping=False,
            monotonic_cst=_constraints(len(self.classes)),
            random_state=self.random_state,
        )
        # Isotonic calibration on out-of-fold scores: monotone, so the constraints survive it.
        cv = StratifiedKFold(3, shuffle=True, random_state=self.random_state)
        scores = cross_val_predict(boosted, design, positive, cv=cv, method="predict_proba")[:, 1]
        isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, positive)
        return [boosted.fit(design, positive), isotonic]

    # predicting ----------------------------------------------------------------------------------

    def design_matrix(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.float64]:
        """The columns the threshold models read, for examples (or bare signal rows, read as wordless)."""
        check_is_fitted(self, "thresholds_")
        examples = _examples(X)
        n_classes = len(self.classes)
        texts = [e.context.text for e in examples]
        if self.text_model_ is not None and examples:
            proba = self.text_model_.predict_proba(self.vectorizer_.transform(texts))
            text_proba = _spread(proba, self.text_model_.classes_, n_classes)
        else:
            text_proba = np.tile(self.prior_, (len(examples), 1))
        signals = np.array([e.signals for e in examples], dtype=np.float64).reshape(-1, len(FEATURES))
        alpha = self.record_alpha
        return np.hstack(
            [
                signals,
                text_proba,
                wording_matrix(texts),
                record_features([e.context.speakers for e in examples], self.speaker_table_, self.prior_, alpha),
                record_features([e.context.parties for e in examples], self.party_table_, self.prior_, alpha),
            ]
        )

    def proba_from_design(self, design: NDArray[np.float64]) -> NDArray[np.float64]:
        """Class probabilities (worst first) from design rows."""
        columns = []
        for model in self.thresholds_:
            if isinstance(model, float):
                columns.append(np.full(len(design), model))
            else:
                boosted, isotonic = model
                columns.append(isotonic.predict(boosted.predict_proba(design)[:, 1]))
        cumulative = np.minimum.accumulate(np.column_stack(columns), axis=1) if columns else np.zeros((len(design), 0))
        ones = np.ones((len(design), 1))
        upper = np.hstack([ones, cumulative])
        lower = np.hstack([cumulative, np.zeros((len(design), 1))])
        proba = np.clip(upper - lower, 0.0, 1.0)
        return np.asarray(proba / proba.sum(axis=1, keepdims=True), dtype=np.float64)

    def predict_proba(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.float64]:
        """Probabilities of each class in ``classes`` order."""
        return self.proba_from_design(self.design_matrix(X))

    def predict(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.str_]:
        """The most probable class of each row."""
        return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])

    def predict_proba_with_context(
        self, matrix: NDArray[np.float64], contexts: Sequence[ClaimContext]
    ) -> NDArray[np.float64]:
        """What :class:`~scoring.pipeline.Scorer` calls: signal rows with their claims' contexts."""
        return self.predict_proba([Example(tuple(map(float, row)), c) for row, c in zip(matrix, contexts, strict=True)])

    def expected(self, proba: NDArray[np.float64]) -> NDArray[np.float64]:
        """The expected verdict on [0, 1] (worst class 0, best 1)."""
        return np.asarray(proba @ np.linspace(0.0, 1.0, len(self.classes)), dtype=np.float64)

    def explain_with_context(self, row: Sequence[float], context: ClaimContext) -> list[Contribution]:
        """Each part's push on the log-odds of the expected verdict, largest first.

        A part's effect is how the score moves when that part alone is set to
        its training average (signals one by one; the words; each track record).
        """
        design = self.design_matrix([Example(tuple(map(float, row)), context)])
        spans = _group_spans(len(self.classes))
        variants = [design[0]]
        for group in GROUPS:
            start, stop = spans[group]
            variant = design[0].copy()
            variant[start:stop] = self.baseline_[start:stop]
            variants.append(variant)
        scores = np.clip(self.expected(self.proba_from_design(np.array(variants))), 1e-4, 1 - 1e-4)
        logits = np.log(scores / (1 - scores))
        values = {name: float(v) for name, v in zip(FEATURES, row, strict=True)}
        for group in ("wording", "speaker_record", "party_record"):
            start, _ = spans[group]
            values[group] = float(self.expected(design[:1, start : start + len(self.classes)])[0])
        parts = [
            Contribution(group, float(values[group]), float(logits[0] - logits[i]))
            for i, group in enumerate(GROUPS, start=1)
        ]
        return sorted((p for p in parts if abs(p.effect) >= 0.01), key=lambda p: (-abs(p.effect), p.feature))


def _constraints(n_classes: int) -> list[int]:
    width = len(FEATURES) + n_classes + len(WORDING_FEATURES) + 2 * (n_classes + 1)
    cst = [0] * width
    for i, name in enumerate(FEATURES):
        cst[i] = MONOTONE.get(name, 0)
    return cst


def _group_spans(n_classes: int) -> dict[str, tuple[int, int]]:
    spans = {name: (i, i + 1) for i, name in enumerate(FEATURES)}
    start = len(FEATURES)
    spans["wording"] = (start, start + n_classes + len(WORDING_FEATURES))
    start = spans["wording"][1]
    spans["speaker_record"] = (start, start + n_classes + 1)
    spans["party_record"] = (start + n_classes + 1, start + 2 * (n_classes + 1))
    return spans


def _spread(proba: NDArray[np.float64], seen: NDArray[Any], n_classes: int) -> NDArray[np.float64]:
    """Probabilities over the classes a sub-model saw, spread onto all classes."""
    out = np.zeros((proba.shape[0], n_classes))
    out[:, np.asarray(seen, dtype=np.int64)] = proba
    return out


def _examples(X: Sequence[Example] | NDArray[np.float64]) -> list[Example]:
    if isinstance(X, np.ndarray):
        return [Example(tuple(map(float, row)), ClaimContext("")) for row in np.atleast_2d(X)]
    return list(X)
