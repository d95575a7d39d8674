"""The learned model: deterministic, monotone where the rules say so, safely persisted, served by the Scorer."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from skops.io import dumps, get_untrusted_types, loads

from scoring import Scorer, story_from_dict
from scoring.credibility import CLASSES, FEATURES
from scoring.labels import label_from_mapping
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
    for feature, direction in (
        ("independence", 1),
        ("anonymity", -1),
        ("conflict", -1),
        ("opposed_agreement", 1),
        ("interested_only", -1),
    ):
        column = FEATURES.index(feature)
        rows = []
        for example in base:
            for value in grid:
                signals = list(example.signals)
                signals[column] = value
                rows.append(type(example)(tuple(signals), example.context))
        scores = model.expected(model.predict_proba(rows)).reshape(len(base), len(grid))
        assert np.all(direction * np.diff(scores, axis=1) >= -1e-9), feature


@pytest.mark.parametrize(("feature", "direction"), [("interested_only", -1), ("opposed_agreement", 1)])
def test_the_rules_signs_hold_even_when_the_labels_teach_the_opposite(feature: str, direction: int) -> None:
    """Labels where the signal goes with the wrong verdict cannot turn its sign around."""
    base = examples_from_labels(newsroom_labels(60, seed=7))
    column = FEATURES.index(feature)
    rows, verdicts = [], []
    for i, example in enumerate(base):
        on = i % 2 == 0
        signals = list(example.signals)
        signals[column] = 1.0 if on else 0.0
        rows.append(replace(example, signals=tuple(signals)))
        verdicts.append(
            ("unreliable" if direction > 0 else "reliable") if on else ("reliable" if direction > 0 else "unreliable")
        )
    model = CredibilityModel(records=()).fit(rows, verdicts)
    low = [replace(r, signals=tuple(0.0 if j == column else v for j, v in enumerate(r.signals))) for r in rows]
    high = [replace(r, signals=tuple(1.0 if j == column else v for j, v in enumerate(r.signals))) for r in rows]
    change = model.expected(model.predict_proba(high)) - model.expected(model.predict_proba(low))
    assert np.all(direction * change >= -1e-9)


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


def test_batched_serving_gives_the_same_probabilities_and_explanations_as_one_claim_at_a_time(
    model: CredibilityModel,
) -> None:
    probe = examples_from_labels(newsroom_labels(12, seed=21))
    matrix = np.array([e.signals for e in probe])
    contexts = [e.context for e in probe]
    data = to_bytes(model)
    fresh = from_bytes(data, sha256(data))  # nothing kept from earlier calls
    alone = [fresh.explain_with_context(row, c) for row, c in zip(matrix, contexts, strict=True)]
    batched = model.predict_proba_with_context(matrix, contexts)
    assert np.allclose(batched, model.predict_proba(probe), atol=1e-12)
    for row, context, expected in zip(matrix, contexts, alone, strict=True):
        got = model.explain_with_context(row, context)
        assert [p.feature for p in got] == [p.feature for p in expected]
        assert np.allclose([p.effect for p in got], [p.effect for p in expected], atol=1e-9)


def test_the_venue_record_is_learned_from_labels() -> None:
    labels = newsroom_labels(120, seed=13)
    examples = examples_from_labels(labels)
    # Same claims, but the verdict follows the venue alone.
    venues = ["a press release" if i % 2 else "a tweet" for i in range(len(examples))]
    verdicts = ["reliable" if i % 2 else "unreliable" for i in range(len(examples))]
    placed = [type(e)(e.signals, e.context, v) for e, v in zip(examples, venues, strict=True)]
    model = CredibilityModel(classes=CLASSES).fit(placed, verdicts)
    tweet = type(examples[0])(examples[0].signals, examples[0].context, "A tweet.")
    release = type(examples[0])(examples[0].signals, examples[0].context, "a Press Release")
    scores = model.expected(model.predict_proba([tweet, release]))
    assert scores[1] > scores[0] + 0.3


def test_the_subject_record_is_learned_from_labels_and_explains_the_score() -> None:
    examples = examples_from_labels(newsroom_labels(120, seed=13))
    # Same claims, but the verdict follows the subject alone.
    subjects = [("health-care", "taxes") if i % 2 else ("elections",) for i in range(len(examples))]
    verdicts = ["reliable" if i % 2 else "unreliable" for i in range(len(examples))]
    tagged = [replace(e, subjects=s) for e, s in zip(examples, subjects, strict=True)]
    model = CredibilityModel(classes=CLASSES).fit(tagged, verdicts)
    elections, health = replace(examples[0], subjects=("Elections",)), replace(examples[0], subjects=("health care",))
    scores = model.expected(model.predict_proba([elections, health]))
    assert scores[1] > scores[0] + 0.3
    reasons = model.explain_with_context(health.signals, health.context)  # served claims carry no subjects
    assert "subject_record" not in {p.feature for p in reasons}
    without = CredibilityModel(classes=CLASSES, records=("speaker", "party", "venue")).fit(tagged, verdicts)
    assert abs(float(np.diff(without.expected(without.predict_proba([elections, health])))[0])) < 0.1


def test_a_labels_subjects_reach_its_example() -> None:
    label = label_from_mapping({"text": "Taxes doubled.", "verdict": "false", "subjects": "taxes,economy"})
    assert examples_from_labels([label])[0].subjects == ("taxes", "economy")


def test_an_artifact_saved_before_the_subject_record_still_loads(model: CredibilityModel) -> None:
    """Format 2 artifacts (three track records, no ``records`` parameter) keep serving after an upgrade."""
    old = CredibilityModel(classes=CLASSES, records=("speaker", "party", "venue")).fit(
        examples_from_labels(newsroom_labels(90)), [x.verdict for x in newsroom_labels(90)]
    )
    state = loads(to_bytes(old), trusted=[])
    state["format"] = 2
    del state["params"]["records"]
    data = bytes(dumps(state))
    probe = examples_from_labels(newsroom_labels(20, seed=3))
    loaded = from_bytes(data, sha256(data))
    assert loaded.records == ("speaker", "party", "venue")
    assert np.array_equal(loaded.predict_proba(probe), old.predict_proba(probe))


def test_an_unknown_record_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown records"):
        CredibilityModel(records=("speaker", "horoscope")).fit(
            examples_from_labels(newsroom_labels(30)), [x.verdict for x in newsroom_labels(30)]
        )


def test_a_track_record_with_no_labelled_claim_behind_it_is_never_a_reason(model: CredibilityModel) -> None:
    known = examples_from_labels(newsroom_labels(6, seed=4))[0]
    stranger = type(known)(known.signals, type(known.context)(known.context.text, ("Nobody Ever Labelled",), ()))
    records = {"speaker_record", "party_record", "venue_record", "subject_record"}
    assert "speaker_record" in {p.feature for p in model.explain_with_context(known.signals, known.context)}
    assert not {p.feature for p in model.explain_with_context(stranger.signals, stranger.context)} & records


def test_a_claim_labelled_before_finds_its_precedent_and_it_explains_the_score() -> None:
    examples = examples_from_labels(newsroom_labels(120, seed=13))
    claims = ("The harbour dredging finished two years late.", "The new clinic cut waiting lists by a third.")
    # Same signals; the verdict follows which of two claims a label repeats.
    repeated = [replace(e, context=replace(e.context, text=claims[i % 2])) for i, e in enumerate(examples)]
    verdicts = ["reliable" if i % 2 else "unreliable" for i in range(len(examples))]
    model = CredibilityModel(classes=CLASSES).fit(repeated, verdicts)
    assert model.records[-1] == "precedent"
    harbour, clinic = repeated[0], repeated[1]
    found = model.design_matrix([harbour, clinic])[:, -(len(CLASSES) + 1) :]  # the precedent block comes last
    assert found[0, 0] > 0.95 and found[1, -2] > 0.95 and np.allclose(found[:, -1], 1.0)
    assert "precedent_record" in {p.feature for p in model.explain_with_context(clinic.signals, clinic.context)}
    scores = model.expected(model.predict_proba([harbour, clinic]))
    assert scores[1] > scores[0] + 0.5


def test_an_artifact_saved_before_the_precedent_record_still_loads(model: CredibilityModel) -> None:
    """Format 3 artifacts (four keyed records, no precedent) keep serving as they were trained."""
    labels = newsroom_labels(90)
    old = CredibilityModel(classes=CLASSES, records=("speaker", "party", "venue", "subject")).fit(
        examples_from_labels(labels), [x.verdict for x in labels]
    )
    state = loads(to_bytes(old), trusted=[])
    state["format"] = 3
    del state["precedent"]
    data = bytes(dumps(state))
    probe = examples_from_labels(newsroom_labels(20, seed=3))
    loaded = from_bytes(data, sha256(data))
    assert loaded.records == ("speaker", "party", "venue", "subject")
    assert np.array_equal(loaded.predict_proba(probe), old.predict_proba(probe))


def test_an_artifact_of_an_unknown_format_or_without_its_precedents_is_refused(model: CredibilityModel) -> None:
    state = loads(to_bytes(model), trusted=[])
    for broken in ({**state, "format": 99}, {**state, "precedent": None}):
        data = bytes(dumps(broken))
        with pytest.raises(ArtifactError, match="format|precedent"):
            from_bytes(data, sha256(data))
