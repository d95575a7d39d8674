"""The shipped artifact loads only when its bytes match the recorded sha256."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import skops.io as sio

from scoring import Scorer
from scoring.stance import SHIPPED_ARTIFACT, ArtifactError, ModelScorer, load_artifact
from scoring.stance.artifact import FORMAT, TRUSTED_TYPES, hash_path, sha256_of, verify


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / SHIPPED_ARTIFACT.name
    shutil.copyfile(SHIPPED_ARTIFACT, target)
    shutil.copyfile(hash_path(SHIPPED_ARTIFACT), hash_path(target))
    return target


def test_shipped_artifact_is_present_small_and_verified() -> None:
    assert SHIPPED_ARTIFACT.is_file()
    assert SHIPPED_ARTIFACT.stat().st_size <= 25 * 1024 * 1024
    assert verify(SHIPPED_ARTIFACT) == sha256_of(SHIPPED_ARTIFACT)
    bundle = load_artifact()
    assert bundle["classes"] == ["agree", "disagree", "discuss", "unrelated"]
    assert 0.5 <= bundle["claims"]["threshold"] < 1.0
    assert (SHIPPED_ARTIFACT.parent / "MODEL_CARD.md").read_text(encoding="utf-8").count(verify(SHIPPED_ARTIFACT))


def test_only_the_reviewed_types_need_trust() -> None:
    assert set(sio.get_untrusted_types(file=SHIPPED_ARTIFACT)) <= set(TRUSTED_TYPES)


def test_a_verified_copy_loads(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    assert load_artifact(copy)["format"] == FORMAT


def test_a_tampered_artifact_is_refused(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ArtifactError, match="does not match the recorded"):
        load_artifact(copy)


def test_a_tampered_artifact_stops_the_scorer(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    copy.write_bytes(copy.read_bytes() + b"\0")
    with pytest.raises(ArtifactError, match="refused"):
        ModelScorer.from_artifact(Scorer(use_trained_conflict=False).knowledge, copy)


def test_an_artifact_without_its_hash_is_refused(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    hash_path(copy).unlink()
    with pytest.raises(ArtifactError, match="train-conflict"):
        load_artifact(copy)


def test_a_missing_artifact_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError, match="not found"):
        load_artifact(tmp_path / "nothing.skops")
