"""Cross-validation by story scores each fold's stories with a model that never saw them, and caches features."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scoring.knowledge import Knowledge
from scoring.stance.story_cv import out_of_fold_probabilities
from scoring.stance.story_folds import story_folds
from scoring.stance.training import TrainingConfig
from tests.scoring.stance.conftest import tiny_corpora

CONFIG = TrainingConfig(fnc_iterations=5, folds=2)


def test_a_fold_is_scored_and_its_features_cached(tmp_path: Path, knowledge: Knowledge) -> None:
    corpora = tiny_corpora()
    pairs = corpora.fnc_train + corpora.fnc_holdout
    folds = story_folds(pairs, CONFIG.folds)
    fold = int(np.bincount(folds.body_fold).argmin())  # the fold with the fewest pairs trains on the most
    first = out_of_fold_probabilities(pairs, folds, knowledge, CONFIG, 0.5, only=[fold], cache=tmp_path)
    scored = ~np.isnan(first["model"][:, 0])
    assert np.array_equal(np.flatnonzero(scored), folds.test(fold))
    assert np.allclose(first["model"][scored].sum(axis=1), 1.0)
    assert np.allclose(first["model"][scored, 3], first["trees"][scored, 3])
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == [f"fold{fold}", f"fold{fold}"]
    again = out_of_fold_probabilities(pairs, folds, knowledge, CONFIG, 0.5, only=[fold], cache=tmp_path)
    assert np.array_equal(again["model"][scored], first["model"][scored])
