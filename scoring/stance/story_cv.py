"""Cross-validation of the headline-body training procedure by story (:mod:`scoring.stance.story_folds`).

Each fold refits everything the shipped training fits (the hashed
vectorizers on the training pairs' texts, then the estimators) and scores the
held-out stories, so the pooled out-of-fold predictions say how the model does
on stories it has never seen, as on FNC-1's competition test. Only FNC-1's
train files are read.

Reading 50,000 pairs into features takes about a minute a fold, and that part
does not change when only the estimators do, so each fold's feature matrix can
be cached on disk, keyed by the fold's training pairs, the feature code and the
knowledge digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from scoring.knowledge import Knowledge
from scoring.stance.data import STANCES, StancePair
from scoring.stance.featurize import fnc_inputs, fnc_readers, fnc_words
from scoring.stance.model import fnc_probabilities
from scoring.stance.story_folds import StoryFolds
from scoring.stance.training import TrainingConfig, fit_headline_body

Log = Callable[[str], None]

FEATURE_CODE = (
    "encoding.py",
    "features.py",
    "featurize.py",
    "headline_body.py",
    "refutation.py",
    "lexicon/stance_cues.tsv",
)
"""Files whose content decides the feature matrix (a cached matrix is keyed by them)."""


def _feature_key(fold: int, train: np.ndarray, pairs: Sequence[StancePair], knowledge: Knowledge) -> str:
    digest = hashlib.sha256(f"{fold}:{len(pairs)}:{knowledge.digest}".encode())
    digest.update(np.asarray(train, dtype=np.int64).tobytes())
    for pair in pairs:
        digest.update(f"{pair.a}\x00{pair.group}\x00{pair.stance}\n".encode())
    here = Path(__file__).resolve().parent
    for name in FEATURE_CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def fold_features(
    pairs: Sequence[StancePair], train: np.ndarray, knowledge: Knowledge, fold: int, cache: Path | None = None
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Inputs and word rows of every pair, with the vectorizers fitted on the texts of ``pairs[train]`` only."""
    key = _feature_key(fold, train, pairs, knowledge) if cache is not None else ""
    dense_path = cache / f"fold{fold}-{key}.npy" if cache is not None else None
    words_path = cache / f"fold{fold}-{key}-words.npz" if cache is not None else None
    features = np.asarray(np.load(dense_path)) if dense_path is not None and dense_path.is_file() else None
    words = sparse.load_npz(words_path).tocsr() if words_path is not None and words_path.is_file() else None
    if features is not None and words is not None:
        return features, words
    readers = fnc_readers([pairs[i] for i in train])
    if features is None:
        features = fnc_inputs(readers, pairs, knowledge)
    if words is None:
        words = fnc_words(readers, pairs)
    if dense_path is not None and words_path is not None:
        dense_path.parent.mkdir(parents=True, exist_ok=True)
        np.save(dense_path, features)
        sparse.save_npz(words_path, words)
    return features, words


def out_of_fold_probabilities(
    pairs: Sequence[StancePair],
    folds: StoryFolds,
    knowledge: Knowledge,
    config: TrainingConfig,
    power: float,
    only: Sequence[int] | None = None,
    cache: Path | None = None,
    log: Log | None = None,
) -> dict[str, np.ndarray]:
    """P(stance) of each pair from the model of its body's fold, before class scales (NaN where not scored).

    Two arrays: ``model`` (what training ships) and ``trees`` (the boosted
    trees alone, without the related-pairs model), from the same fitted
    estimators, so the related-pairs model's share is measured on the same folds.
    """
    say: Log = log or (lambda _: None)
    y = np.asarray([STANCES.index(p.stance) for p in pairs], dtype=np.int64)
    out = {name: np.full((len(pairs), len(STANCES)), np.nan) for name in ("model", "trees")}
    for fold in range(folds.n_folds) if only is None else only:
        train, test = folds.train(fold), folds.test(fold)
        features, words = fold_features(pairs, train, knowledge, fold, cache)
        model = fit_headline_body(features[train], words[train], y[train], config, power)
        out["model"][test] = fnc_probabilities(model, features[test], words[test])
        out["trees"][test] = fnc_probabilities({**model, "related_mix": 0.0}, features[test], words[test])
        say(f"fold {fold}: trained on {len(train)} pairs, scored {len(test)}")
    return out
