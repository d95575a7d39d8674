"""The shipped default model: intact, built from our own labels, refused when altered, rebuilt deterministically."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from api.cli import main
from scoring import Scorer
from scoring.credibility import RulePrior
from scoring.registry import in_evaluation_set, snapshot_hash
from scoring.training import examples_from_labels
from scoring.training.artifact import from_bytes, sha256
from scoring.training.default import (
    ARTIFACT_NAME,
    DEFAULT_DIR,
    META_NAME,
    RULE_PRIOR_VERSION,
    default_model,
)
from scoring.training.default_build import DEFAULT_LABELS, build, read_training_labels
from scoring.training.gate import decide
from scoring.training.model import CredibilityModel


def _meta(directory: Path = DEFAULT_DIR) -> dict[str, object]:
    data: dict[str, object] = json.loads((directory / META_NAME).read_text(encoding="utf-8"))
    return data


def test_the_shipped_model_loads_and_its_hash_matches() -> None:
    meta = _meta()
    assert sha256((DEFAULT_DIR / ARTIFACT_NAME).read_bytes()) == meta["sha256"]
    model, version = default_model()
    assert isinstance(model, CredibilityModel)
    assert version == meta["version"] != RULE_PRIOR_VERSION
    assert (DEFAULT_DIR / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# Model card: default credibility")


def test_the_shipped_model_was_trained_on_the_fixture_and_passed_the_gate() -> None:
    """Editing the labels without rebuilding fails here; so would shipping a model worse than the rule prior."""
    meta = _meta()
    assert meta["data_hash"] == snapshot_hash(read_training_labels())
    metrics, baseline = meta["metrics"], meta["rule_prior_metrics"]
    assert isinstance(metrics, dict) and isinstance(baseline, dict)
    assert decide(metrics, baseline).promote


def _flip_a_byte(directory: Path) -> None:
    path = directory / ARTIFACT_NAME
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _claim_another_hash(directory: Path) -> None:
    meta = _meta(directory)
    meta["sha256"] = "0" * 64
    (directory / META_NAME).write_text(json.dumps(meta), encoding="utf-8")


def _garble_the_metadata(directory: Path) -> None:
    (directory / META_NAME).write_text("{not json", encoding="utf-8")


def _lose_the_artifact(directory: Path) -> None:
    (directory / ARTIFACT_NAME).unlink()


@pytest.mark.parametrize("tamper", [_flip_a_byte, _claim_another_hash, _garble_the_metadata, _lose_the_artifact])
def test_a_tampered_copy_falls_back_to_the_rule_prior(tmp_path: Path, tamper: Callable[[Path], None]) -> None:
    copy = tmp_path / "default"
    shutil.copytree(DEFAULT_DIR, copy)
    assert default_model(copy)[1] == _meta()["version"]
    tamper(copy)
    model, version = default_model(copy)
    assert version == RULE_PRIOR_VERSION and isinstance(model, RulePrior)


def test_rebuilding_from_the_fixture_gives_the_same_model(tmp_path: Path, scorer: Scorer) -> None:
    """The build command writes a model that loads; building again gives identical predictions and metrics."""
    result = CliRunner().invoke(main, ["train-default", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written, version = default_model(tmp_path)
    assert version in result.output and version.startswith("default-")
    labels = read_training_labels()
    again = build(labels, scorer)
    assert again.metrics == _meta(tmp_path)["metrics"]
    probe = examples_from_labels(labels, scorer)[::5]
    rebuilt = from_bytes(again.artifact, again.sha256)
    assert np.array_equal(written.predict_proba(probe), rebuilt.predict_proba(probe))


def test_a_label_file_with_a_bad_row_writes_nothing(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    good = DEFAULT_LABELS.read_text(encoding="utf-8").splitlines()[:40]
    labels.write_text("\n".join([*good, '{"text": "No verdict here."}']) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train-default", "--labels", str(labels), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "line 41" in result.output and "verdict" in result.output
    assert not (tmp_path / "out").exists()


def test_the_frozen_split_is_the_registrys() -> None:
    """The default model is held to the same held-out rule as every newsroom model."""
    labels = read_training_labels()
    meta = _meta()
    training = meta["training_data"]
    assert isinstance(training, dict)
    assert training["held_out"] == sum(in_evaluation_set(x) for x in labels)
    assert training["labels"] == len(labels)
