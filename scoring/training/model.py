"""The learned credibility model: a monotone, calibrated classifier over an ordinal scale.

Inputs are :class:`~scoring.training.examples.Example` rows: the spine's
signals, the claim's words and who backs it. The design, left to right:

- the signals, as the spine computed them;
- the words: a TF-IDF logistic regression gives class probabilities (out of
  fold for training rows) and :mod:`~scoring.training.wording` adds cue counts;
- the backers, the venue and the topic: speaker, party, venue and subject
  track records (:mod:`~scoring.training.track_record`), out of fold for
  training rows so a training row's feature never counts its own label,
  exactly as a new claim's record never does (shrinking a speaker's record
  towards their party's instead of the overall shares, or feeding log-shares,
  did not help in cross-validation on LIAR's training rows; records of the
  speaker's job title or state, or one-hot job, state and subject columns,
  did not help on LIAR's valid split: the speaker's own record already holds
  what they say);
- the precedent: the verdicts of the most similar labelled claims
  (:mod:`~scoring.training.precedent`), out of fold for training rows too;
- the verdict: a softmax regression over the ordered classes
  (:class:`~scoring.training.monotone_logit.MonotoneLogit`) whose weights for
  the signals the rules give a direction are shared across classes and bounded
  in sign, so more independent support never lowers the expected verdict and
  more anonymity or conflict never raises it.

A linear last stage keeps the probabilities calibrated (its log loss is what
it minimises) and makes serving one matrix product per story.
Everything is seeded or deterministic: the same data gives the same model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from scoring.credibility import CLASSES, FEATURES, ClaimContext, Contribution
from scoring.training.examples import Example
from scoring.training.monotone_logit import MonotoneLogit
from scoring.training.precedent import out_of_fold_precedents, precedent_features
from scoring.training.text_scorer import TextScorer
from scoring.training.track_record import count_table, out_of_fold, record_features, venue_keys
from scoring.training.wording import WORDING_FEATURES, wording_matrix

MONOTONE = {"independence": 1, "anonymity": -1, "conflict": -1, "opposed_agreement": 1, "interested_only": -1}
"""Directions the rules impose on the learned verdict (support only from interested parties never raises it)."""

RECORDS = ("speaker", "party", "venue", "subject", "precedent")
"""The track records a model may keep, in design order; an explanation calls each ``<name>_record``.

All but ``precedent`` are keyed by who or what a claim names (:data:`KEYED_RECORDS`);
the precedent is found among the labelled claims' words.
"""

KEYED_RECORDS = ("speaker", "party", "venue", "subject")
"""The records kept as per-key class counts (``tables_``, in this order)."""

EXPLANATION_CACHE_SIZE = 10_000
"""Claims whose explanations are kept between a batch prediction and the scorer asking for them."""


class CredibilityModel(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Classifier over ordered ``classes`` (worst first) from signals, wording and track records.

    ``records`` names the track records kept, a subset of :data:`RECORDS` in
    that order (models saved before subjects were labelled keep three, and
    before precedents four).
    """

    def __init__(
        self,
        classes: Sequence[str] = CLASSES,
        text_c: float = 0.5,
        record_alpha: float = 4.0,
        final_c: float = 1.0,
        n_folds: int = 5,
        random_state: int = 0,
        records: Sequence[str] = RECORDS,
    ) -> None:
        self.classes = classes
        self.text_c = text_c
        self.record_alpha = record_alpha
        self.final_c = final_c
        self.n_folds = n_folds
        self.random_state = random_state
        self.records = records

    # fitting -------------------------------------------------------------------------------------

    def fit(self, X: Sequence[Example], y: Sequence[str]) -> CredibilityModel:
        """Learn from labelled examples; ``y`` holds class names from ``classes``.

        Runs on one thread: on a small, shared machine BLAS threads contend
        and slow training down rather than speeding it up.
        """
        with threadpool_limits(limits=1):
            return self._fit(X, y)

    def _fit(self, X: Sequence[Example], y: Sequence[str]) -> CredibilityModel:
        examples = _examples(X)
        unknown_records = sorted(set(self.records) - set(RECORDS))
        if unknown_records:
            raise ValueError(f"unknown records {unknown_records}; use some of {list(RECORDS)}")
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
        keys = dict(zip(self._keyed(), _record_keys(examples, self._keyed()), strict=True))
        self.tables_ = [count_table(k, target, n_classes) for k in keys.values()]
        if "precedent" in self.records:
            self.precedent_rows_ = sp.csr_matrix(words, dtype=np.float64)
            self.precedent_labels_ = target.copy()
        records = [
            out_of_fold_precedents(self.precedent_rows_, target, folds, self.prior_)
            if name == "precedent"
            else out_of_fold(keys[name], target, folds, self.prior_, self.record_alpha)
            for name in self.records
        ]
        design = np.hstack(
            [np.array([e.signals for e in examples], dtype=np.float64), text_proba, wording_matrix(texts), *records]
        )
        self.baseline_ = design.mean(axis=0)
        self.final_ = MonotoneLogit(_constraints(), C=self.final_c).fit(design, target)
        self.n_features_in_ = design.shape[1]
        return self

    def _keyed(self) -> tuple[str, ...]:
        """The records kept as per-key count tables, in design order."""
        return tuple(name for name in self.records if name in KEYED_RECORDS)

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

    # predicting ----------------------------------------------------------------------------------

    def design_matrix(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.float64]:
        """The columns the last stage reads, for examples (or bare signal rows, read as wordless)."""
        check_is_fitted(self, "final_")
        examples = _examples(X)
        n_classes = len(self.classes)
        texts = [e.context.text for e in examples]
        scorer = self._text_scorer()
        words = sp.csr_matrix(scorer.words(texts) if scorer is not None else self.vectorizer_.transform(texts))
        if scorer is not None and self.text_model_ is not None and examples:
            text_proba = _spread(scorer.proba_of_words(words), self.text_model_.classes_, n_classes)
        else:
            text_proba = np.tile(self.prior_, (len(examples), 1))
        signals = np.array([e.signals for e in examples], dtype=np.float64).reshape(-1, len(FEATURES))
        tables = dict(zip(self._keyed(), self.tables_, strict=True))
        keys = dict(zip(self._keyed(), _record_keys(examples, self._keyed()), strict=True))
        records = [
            precedent_features(words, self.precedent_rows_, self.precedent_labels_, self.prior_)
            if name == "precedent"
            else record_features(keys[name], tables[name], self.prior_, self.record_alpha)
            for name in self.records
        ]
        return np.hstack([signals, text_proba, wording_matrix(texts), *records])

    def proba_from_design(self, design: NDArray[np.float64]) -> NDArray[np.float64]:
        """Class probabilities (worst first) from design rows."""
        return _spread(self.final_.predict_proba(design), self.final_.classes_, len(self.classes))

    def predict_proba(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.float64]:
        """Probabilities of each class in ``classes`` order."""
        return self.proba_from_design(self.design_matrix(X))

    def predict(self, X: Sequence[Example] | NDArray[np.float64]) -> NDArray[np.str_]:
        """The most probable class of each row."""
        return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])

    def predict_proba_with_context(
        self, matrix: NDArray[np.float64], contexts: Sequence[ClaimContext]
    ) -> NDArray[np.float64]:
        """What :class:`~scoring.pipeline.Scorer` calls: signal rows with their claims' contexts.

        The scorer asks for each claim's explanation right after, one claim at
        a time; they are computed here in the same batch (one matrix product
        over every claim and every variant) and kept for
        :meth:`explain_with_context` to hand out. The keep is keyed by content,
        so threads sharing a model can only miss it, never read another's.
        """
        examples = [Example(tuple(map(float, row)), c) for row, c in zip(matrix, contexts, strict=True)]
        if not examples:
            return np.zeros((0, len(self.classes)))
        design = self.design_matrix(examples)
        proba = self.proba_from_design(np.vstack([design, self._variants(design)]))
        explained = self._contributions(design, proba)
        cache = self._explanations()
        if len(cache) + len(examples) > EXPLANATION_CACHE_SIZE:
            cache.clear()
        for example, parts in zip(examples, explained, strict=True):
            cache[(example.signals, example.context)] = parts
        return proba[: len(examples)]

    def expected(self, proba: NDArray[np.float64]) -> NDArray[np.float64]:
        """The expected verdict on [0, 1] (worst class 0, best 1)."""
        return np.asarray(proba @ _steps(len(self.classes)), dtype=np.float64)

    def explain_with_context(self, row: Sequence[float], context: ClaimContext) -> list[Contribution]:
        """Each part's push on the log-odds of the expected verdict, largest first.

        A part's effect is how the score moves when that part alone is set to
        its training average (signals one by one; the words; each track record).
        """
        signals = tuple(map(float, row))
        cached = self._explanations().get((signals, context))
        if cached is None:
            design = self.design_matrix([Example(signals, context)])
            cached = self._contributions(design, self.proba_from_design(np.vstack([design, self._variants(design)])))[0]
        return list(cached)

    def _variants(self, design: NDArray[np.float64]) -> NDArray[np.float64]:
        """For each design row, one copy per group of :meth:`groups` with that group set to its training average."""
        groups = self.groups()
        spans = _group_spans(len(self.classes), groups)
        variants = np.repeat(design, len(groups), axis=0)
        for g, group in enumerate(groups):
            start, stop = spans[group]
            variants[g :: len(groups), start:stop] = self.baseline_[start:stop]
        return variants

    def groups(self) -> tuple[str, ...]:
        """What an explanation attributes a score to: each signal, the wording, each track record."""
        return (*FEATURES, "wording", *(f"{name}_record" for name in self.records))

    def _contributions(self, design: NDArray[np.float64], proba: NDArray[np.float64]) -> list[tuple[Contribution, ...]]:
        """Each design row's contributions, from the probabilities of the rows then of their :meth:`_variants`."""
        n, n_classes = len(design), len(self.classes)
        groups = self.groups()
        records = groups[len(FEATURES) + 1 :]
        scores = np.clip(self.expected(proba), 1e-4, 1 - 1e-4)
        logits = np.log(scores / (1 - scores))
        effects = logits[:n, None] - logits[n:].reshape(n, len(groups))
        spans = _group_spans(n_classes, groups)
        values = np.hstack(
            [design[:, : len(FEATURES)]]
            + [
                self.expected(design[:, spans[g][0] : spans[g][0] + n_classes])[:, None]
                for g in groups[len(FEATURES) :]
            ]
        )
        out = []
        # A record with no labelled claim behind it is not a reason a reader can check: leave it out.
        evidence = np.hstack(
            [np.ones((n, len(groups) - len(records)))] + [design[:, spans[g][1] - 1 : spans[g][1]] for g in records]
        )
        for row_effects, row_values, row_evidence in zip(effects.tolist(), values.tolist(), evidence, strict=True):
            parts = [
                Contribution(group, value, effect)
                for group, value, effect, known in zip(groups, row_values, row_effects, row_evidence, strict=True)
                if abs(effect) >= 0.01 and known > 0
            ]
            out.append(tuple(sorted(parts, key=lambda p: (-abs(p.effect), p.feature))))
        return out

    def _text_scorer(self) -> TextScorer | None:
        """The fast evaluator of the words' model, built once per fitted (or loaded) model."""
        if self.text_model_ is None:
            return None
        scorer = self.__dict__.get("_text_scorer_state")
        if scorer is None or scorer[0] is not self.text_model_:
            scorer = (self.text_model_, TextScorer.from_fitted(self.vectorizer_, self.text_model_))
            self.__dict__["_text_scorer_state"] = scorer
        return scorer[1]

    def _explanations(self) -> dict[tuple[tuple[float, ...], ClaimContext], tuple[Contribution, ...]]:
        """Explanations computed with the latest predictions, keyed by signals and context."""
        cache = self.__dict__.get("_explanation_cache")
        if cache is None or cache[0] is not self.final_:
            cache = (self.final_, {})
            self.__dict__["_explanation_cache"] = cache
        return cache[1]  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def _steps(n_classes: int) -> NDArray[np.float64]:
    """The verdict value of each class, worst 0 to best 1."""
    return np.linspace(0.0, 1.0, n_classes)


def _constraints() -> list[int]:
    """The rules' direction for each signal column (the design starts with the signals)."""
    return [MONOTONE.get(name, 0) for name in FEATURES]


def _group_spans(n_classes: int, groups: Sequence[str]) -> dict[str, tuple[int, int]]:
    """The design columns of each group: one per signal, the wording block, then each record's block."""
    spans = {name: (i, i + 1) for i, name in enumerate(FEATURES)}
    start = len(FEATURES)
    spans["wording"] = (start, start + n_classes + len(WORDING_FEATURES))
    start = spans["wording"][1]
    for record in groups[len(FEATURES) + 1 :]:
        spans[record] = (start, start + n_classes + 1)
        start += n_classes + 1
    return spans


def _record_keys(examples: Sequence[Example], records: Sequence[str]) -> list[list[tuple[str, ...]]]:
    """Per keyed record named in ``records``, each example's keys: its speakers, parties, venue or subjects."""
    readers: dict[str, Callable[[Example], tuple[str, ...]]] = {
        "speaker": lambda e: e.context.speakers,
        "party": lambda e: e.context.parties,
        "venue": lambda e: venue_keys(e.venue),
        "subject": lambda e: e.subjects,
    }
    return [[readers[name](e) for e in examples] for name in records]


def _spread(proba: NDArray[np.float64], seen: NDArray[Any], n_classes: int) -> NDArray[np.float64]:
    """Probabilities over the classes a sub-model saw, spread onto all classes."""
    out = np.zeros((proba.shape[0], n_classes))
    out[:, np.asarray(seen, dtype=np.int64)] = proba
    return out


def _examples(X: Sequence[Example] | NDArray[np.float64]) -> list[Example]:
    if isinstance(X, np.ndarray):
        return [Example(tuple(map(float, row)), ClaimContext("")) for row in np.atleast_2d(X)]
    return list(X)
