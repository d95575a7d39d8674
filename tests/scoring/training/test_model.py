"""The learned model: deterministic, monotone where the rules say so, safely persisted, served by the Scorer."""

from __future__ import annotations

import numpy as np
import pytest
from skops.io import get_untrusted_types

from scoring import Scorer, story_from_dict
from scoring.credibility import CLASSES, FEATURES
from scoring.registry import fit_model
from scoring.training import examples_from_labels
from scoring.training.artifact import TRUSTED_TYPES, ArtifactError, from_bytes, sha256, to_bytes
from scoring.training.model import CredibilityModel
from tests.scoring.training.newsroom import newsroom_labels


@pytest.fixture(scope="module")
def model() -> CredibilityModel:
    return fit_model(newsroom_labels(300))


def test_training_twice_on_the_same_snapshot_gives_identical_predictions(model: CredibilityModel) -> None:
    again = fit_model(newsroom_labels(300))
    probe = examples_from_labels(newsroom_labels(60, seed=99))
    assert np.array_equal(model.predict_proba(probe), again.predict_proba(probe))


def test_it_learns_the_sourcing_patterns(model: CredibilityModel) -> None:
    held = newsroom_labels(90, seed=11)
    predicted = model.predict(examples_from_labels(held))
    assert np.mean(predicted == np.array([x.verdict for x in held])) > 0.8


def test_more_independence_never_lowers_and_more_anonymity_never_raises(model: CredibilityModel) -> None:
    base = examples_from_labels(newsroom_labels(30, seed=5))
    grid = np.linspace(0.0, 1.0, 6)
    for feature, direction in (("independence", 1), ("anonymity", -1), ("conflict", -1)):
        column = FEATURES.index(feature)
        rows = []
        for example in base:
            for value in grid:
                signals = list(example.signals)
                signals[column] = value
                rows.append(type(example)(tuple(signals), example.context))
        scores = model.expected(model.predict_proba(rows)).reshape(len(base), len(grid))
        assert np.all(direction * np.diff(scores, axis=1) >= -1e-9), feature


def test_probabilities_are_over_the_scale_in_order(model: CredibilityModel) -> None:
    proba = model.predict_proba(examples_from_labels(newsroom_labels(20, seed=3)))
    assert list(model.classes_) == list(CLASSES)
    assert np.allclose(proba.sum(axis=1), 1.0) and (proba >= 0).all()


def test_the_artifact_round_trips_and_trusts_only_listed_types(model: CredibilityModel) -> None:
    data = to_bytes(model)
    assert set(get_untrusted_types(data=data)) <= set(TRUSTED_TYPES)
    probe = examples_from_labels(newsroom_labels(20, seed=3))
    assert np.array_equal(from_bytes(data, sha256(data)).predict_proba(probe), model.predict_proba(probe))


def test_a_tampered_artifact_is_refused(model: CredibilityModel) -> None:
    data = bytearray(to_bytes(model))
    expected = sha256(bytes(data))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(ArtifactError, match="SHA-256"):
        from_bytes(bytes(data), expected)


def test_the_scorer_serves_it_with_reasons(model: CredibilityModel) -> None:
    scorer = Scorer(model=model, model_version="cm-test")
    story = story_from_dict(
        {
            "claims": [
                {
                    "text": "Figures show rents rose by 12% this year.",
                    "sources": [{"name": "Reuters"}, {"name": "World Bank"}],
                }
            ]
        }
    )
    report = scorer.score(story)
    assert report["version"]["model"] == "cm-test"
    credibility = report["claims"][0]["credibility"]
    assert 0.0 <= credibility["score"] <= 1.0 and len(credibility["reasons"]) >= 2
