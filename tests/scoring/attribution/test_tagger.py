"""The trained attribution tagger: a verified artifact, refused when altered, retrained deterministically."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from scoring.attribution import extract_attributions
from scoring.attribution.artifact import (
    SHIPPED_ARTIFACT,
    TRUSTED_TYPES,
    ArtifactError,
    hash_path,
    load_artifact,
    save_artifact,
    verify,
)
from scoring.attribution.extractor import Found, find_attributions
from scoring.attribution.features import FEATURE_VERSION, N_FEATURES, SOURCE, token_codes
from scoring.attribution.polnear import Article, read_directory
from scoring.attribution.stacking import N_STACKED, _strongest, stacked_columns
from scoring.attribution.story import prose_segments
from scoring.attribution.tagger import (
    CUE_WIDEN,
    DOUBT,
    PREDICATE_CUE,
    _believed,
    _phrase,
    _predicate,
    _widen_cue,
    from_bundle,
    shipped_tagger,
)
from scoring.attribution.tokens import tokenize
from scoring.attribution.training import (
    FOLDS,
    blocks,
    learn_cue_words,
    matrix,
    second_pass_set,
    train_bundle,
    training_set,
)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "attribution"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return read_directory(FIXTURES)


def test_fixture_gold_spans_are_read_from_brat(articles: list[Article]) -> None:
    by_name = {a.name: a for a in articles}
    school = by_name["school-meals"]
    sources = [school.text[a:b] for a, b in school.gold["source"]]
    assert sources == ["the ministry", "she", "Critics", "The education minister"]
    assert [school.text[a:b] for a, b in school.gold["cue"]][:2] == ["announced", "said"]


def test_shipped_artifact_verifies_and_loads() -> None:
    recorded = hash_path(SHIPPED_ARTIFACT).read_text(encoding="utf-8").split()[0]
    assert verify(SHIPPED_ARTIFACT) == recorded
    assert SHIPPED_ARTIFACT.stat().st_size <= 10 * 1024 * 1024
    assert TRUSTED_TYPES == ()
    assert sio.get_untrusted_types(file=SHIPPED_ARTIFACT) == []
    bundle = load_artifact()
    assert bundle["feature_version"] == FEATURE_VERSION and bundle["n_features"] == N_FEATURES
    assert len(bundle["training_data_sha256"]) == 64
    assert shipped_tagger().cue_words  # learned from PolNeAR train


def test_tampered_copy_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / SHIPPED_ARTIFACT.name
    shutil.copy(SHIPPED_ARTIFACT, copy)
    shutil.copy(hash_path(SHIPPED_ARTIFACT), hash_path(copy))
    assert verify(copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ArtifactError, match="does not match the recorded"):
        load_artifact(copy)
    hash_path(copy).unlink()
    with pytest.raises(ArtifactError, match="train-attribution"):
        load_artifact(copy)


def test_retraining_on_fixtures_is_deterministic(articles: list[Article], tmp_path: Path) -> None:
    first, second = train_bundle(articles, articles), train_bundle(articles, articles)
    assert np.array_equal(first["model"].coef_, second["model"].coef_)
    assert np.array_equal(first["model"].intercept_, second["model"].intercept_)
    assert first["cue_words"] == second["cue_words"]
    assert first["dev_metrics"] == second["dev_metrics"]
    assert first["training_data_sha256"] == second["training_data_sha256"]
    assert np.array_equal(first["second"].coef_, second["second"].coef_)
    path = tmp_path / "tagger.skops"
    save_artifact(first, path)
    reloaded = from_bundle(load_artifact(path))
    assert np.array_equal(reloaded.model.coef_, first["model"].coef_)
    assert np.array_equal(reloaded.second.coef_, first["second"].coef_)


def test_second_pass_learns_from_every_article_when_folds_outnumber_articles(articles: list[Article]) -> None:
    """Each article is held out once, so the second pass sees every training token, even with more folds than
    articles (the three fixture articles against PolNeAR's four folds)."""
    parts = blocks(articles, learn_cue_words(articles))
    assert len(parts) < FOLDS
    data = second_pass_set(parts)
    assert data.y.tolist() == np.concatenate([b.labels for b in parts]).tolist()
    assert data.X.shape == (len(data.y), N_STACKED)


def test_fast_scoring_equals_predict_proba(articles: list[Article]) -> None:
    """Both passes, scored by gathering weights, give what the fitted models' ``predict_proba`` gives."""
    tagger = shipped_tagger()
    data = training_set(articles, tagger.cue_words)
    segments = [seg for a in articles for seg in prose_segments(a.text)]
    found = [find_attributions(seg) for seg in segments]
    fast = np.concatenate(tagger.probabilities(segments, found))
    assert fast.shape == (data.X.shape[0], 3)
    first = tagger.model.predict_proba(data.X)
    codes = token_codes(segments, found, tagger.cue_words)
    stacked = stacked_columns(codes, [len(seg.tokens) for seg in segments], first)
    assert np.allclose(fast, tagger.second.predict_proba(matrix(stacked, N_STACKED)))
    assert not np.allclose(fast, first)  # the second pass changes the first's probabilities


def test_second_pass_neighbours_stay_inside_their_sentence() -> None:
    """The strongest neighbouring probability is taken within a sentence, never across a boundary."""
    values = np.array([1, 9, 2, 3, 4], dtype=np.uint64)
    segment = np.array([0, 0, 1, 1, 1])
    assert _strongest(values, segment, range(1, 4)).tolist() == [9, 0, 4, 4, 0]
    assert _strongest(values, segment, range(-3, 0)).tolist() == [0, 1, 0, 2, 3]


def _pairs(text: str, rules_only: bool) -> list[tuple[str, str]]:
    """(source, cue) texts of every attribution of ``text`` that has both."""
    return [
        (text[a.source.start : a.source.end], text[a.cue.start : a.cue.end])
        for a in extract_attributions(text, rules_only=rules_only)
        if a.source is not None and a.cue is not None
    ]


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        # PolNeAR's cues take the adverbs and auxiliaries before the verb ("also wants", "has said")
        ("He also wants to extend paid leave to new mothers.", "He", "also wants"),
        ("The governor vowed to veto the bill.", "The governor", "vowed"),
    ],
)
def test_tagger_adds_a_source_the_rules_miss(text: str, source: str, cue: str) -> None:
    assert _pairs(text, rules_only=True) == []
    assert (source, cue) in _pairs(text, rules_only=False)


def test_tagger_keeps_sound_rule_attributions() -> None:
    """Rule attributions whose source the model also believes in stay as the rules read them."""
    text = "“This budget keeps the libraries open,” said Mayor Ana Ortiz. The union hopes the strike will end soon."
    assert set(_pairs(text, rules_only=True)) <= set(_pairs(text, rules_only=False))


def test_service_path_does_not_import_the_corpus_reader() -> None:
    code = (
        "import sys\n"
        "from scoring.attribution import extract_story\n"
        "extract_story('The governor vowed to veto the bill, aides said.')\n"
        "print(sorted(m for m in sys.modules if m.startswith('scoring.attribution')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for offline in ("polnear", "training", "evaluation"):
        assert f"scoring.attribution.{offline}'" not in out


def test_phrase_widens_only_over_likely_source_tokens() -> None:
    """A tagged run grows to its noun phrase, but not over the verb and object after it."""
    toks = tokenize("The New York Times exhorted Republicans to vote.")
    source = np.array([0.2, 0.9, 0.3, 0.4, 0.01, 0.02, 0.0, 0.0, 0.0])
    assert _phrase(toks, (1, 2), source) == (0, 4)
    source[4] = 0.5  # a word the model believes is part of the source is taken in
    assert _phrase(toks, (1, 2), source) == (0, 5)


def test_rule_source_the_model_rejects_is_dropped() -> None:
    """A rule attribution is kept only when some token of its source reaches ``DOUBT``."""
    proba = np.array([[0.95, 0.04, 0.01], [0.1, 0.0, 0.9], [1.0, 0.0, 0.0]])
    found = Found(cue=(1, 2), content=((2, 3),), source=(0, 1), mention=(0, 1))
    assert not _believed(found, proba)
    proba[0] = [0.5, DOUBT, 0.5 - DOUBT]
    assert _believed(found, proba)
    assert _believed(Found(cue=(1, 2), content=((2, 3),), inherit="previous"), proba)


def test_confident_source_takes_the_verb_after_it_as_cue() -> None:
    """A source the model is sure of, with no cue tagged nearby, takes the finite verb after it (and its adverbs)."""
    toks = tokenize("Mr. Clarke quietly planned a takeover of the council.")
    cue = np.zeros(len(toks))
    cue[3] = PREDICATE_CUE
    assert _predicate(toks, (0, 2), cue, frozenset()) == (2, 4)
    cue[3] = PREDICATE_CUE / 2
    assert _predicate(toks, (0, 2), cue, frozenset()) is None
    council = tokenize("The city council approved the budget.")
    assert _predicate(council, (0, 2), np.ones(len(council)), frozenset()) is None  # "council" is no verb


def test_added_cue_widens_over_likely_cue_words_but_not_into_the_source() -> None:
    proba = np.array([0.0, 0.0, CUE_WIDEN, 0.9, CUE_WIDEN, 0.0])
    assert _widen_cue((3, 4), (0, 2), proba) == (2, 5)
    assert _widen_cue((3, 4), (0, 3), proba) == (3, 5)
    assert _widen_cue((0, 1), (2, 4), np.array([0.9, CUE_WIDEN, CUE_WIDEN, 0.9, 0.0])) == (0, 2)


def test_model_probabilities_are_a_distribution() -> None:
    segments = prose_segments("The governor vowed to veto the bill. Aides said the vote was close.")
    found = [find_attributions(seg) for seg in segments]
    for proba in shipped_tagger().probabilities(segments, found):
        assert np.allclose(proba.sum(axis=1), 1.0)
        assert float(proba[:, SOURCE].max()) > 0.5
