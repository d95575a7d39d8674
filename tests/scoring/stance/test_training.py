"""Retraining on the same data gives the same model: predictions and metrics, byte for byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from scoring.knowledge import Knowledge
from scoring.stance.artifact import load_artifact, save_artifact
from scoring.stance.featurize import claims_model_inputs, fnc_inputs, fnc_words
from scoring.stance.model import fnc_probabilities
from scoring.stance.training import TrainingConfig, train_bundle
from tests.scoring.stance.conftest import tiny_corpora

CONFIG = TrainingConfig(fnc_weight_powers=(0.0,), fnc_iterations=10, folds=3, unrelated_per_claim=2)


def _fingerprint(bundle: dict[str, Any], knowledge: Knowledge) -> str:
    """sha256 over the metrics and the predicted probabilities of both models on the fixture pairs."""
    corpora = tiny_corpora()
    pairs = corpora.fnc_train + corpora.fnc_holdout + corpora.emergent
    fnc = bundle["fnc"]
    claims = bundle["claims"]
    claims_x = claims_model_inputs(pairs, knowledge, claims["vectorizer"])
    proba = [
        fnc_probabilities(fnc, fnc_inputs(fnc, pairs, knowledge), fnc_words(fnc, pairs)),
        claims["classifier"].predict_proba(claims["scaler"].transform(claims_x)),
    ]
    digest = hashlib.sha256(json.dumps(bundle["metrics"], sort_keys=True).encode())
    for array in proba:
        digest.update(np.round(array, 12).tobytes())
    return digest.hexdigest()


def test_training_twice_gives_the_same_model(knowledge: Knowledge) -> None:
    first = train_bundle(tiny_corpora(), knowledge, CONFIG)
    second = train_bundle(tiny_corpora(), knowledge, CONFIG)
    assert first["metrics"] == second["metrics"]
    assert first["claims"]["threshold"] == second["claims"]["threshold"]
    assert _fingerprint(first, knowledge) == _fingerprint(second, knowledge)


def test_a_saved_model_predicts_as_before(tmp_path: Path, knowledge: Knowledge) -> None:
    bundle = train_bundle(tiny_corpora(), knowledge, CONFIG)
    path = tmp_path / "model.skops"
    save_artifact(bundle, path)
    assert _fingerprint(load_artifact(path), knowledge) == _fingerprint(bundle, knowledge)


def test_the_bundle_records_its_data_and_choices(knowledge: Knowledge) -> None:
    bundle = train_bundle(tiny_corpora(), knowledge, CONFIG)
    assert list(bundle["data"]) == ["fixtures/stance/pairs.csv"]
    assert bundle["claims"]["c"] in CONFIG.claims_c
    assert bundle["fnc"]["weight_power"] in CONFIG.fnc_weight_powers
    assert bundle["fnc"]["class_scales"][0] in CONFIG.agree_scales
    assert bundle["fnc"]["class_scales"][1] in CONFIG.disagree_scales
    assert set(bundle["metrics"]) == {"fnc_holdout", "emergent_cv"}
