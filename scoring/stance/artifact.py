"""The stance (conflict) model's artifact: where it ships and what it may hold.

Saving, hashing and verified loading are shared with every shipped model
(:mod:`scoring.artifacts`). The one type trusted beyond skops' defaults is the
gradient-boosting tree node, safe here because the bytes were verified against
the hash recorded at training time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scoring import artifacts
from scoring.artifacts import ArtifactError, hash_path, sha256_of

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
SHIPPED_ARTIFACT = ARTIFACT_DIR / "conflict-model.skops"
FORMAT = 3
"""2: the headline-body model reads the headline-body features and applies class scales.
3: its split of related pairs is mixed with a linear model over body and headline words."""

TRUSTED_TYPES = ("sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",)
"""Types beyond skops' defaults that the artifact may hold (reviewed: HistGradientBoosting's tree nodes)."""

KIND = artifacts.ArtifactKind("conflict model", "credscore train-conflict", FORMAT, TRUSTED_TYPES)

__all__ = [
    "SHIPPED_ARTIFACT",
    "TRUSTED_TYPES",
    "ArtifactError",
    "expected_hash",
    "hash_path",
    "load_artifact",
    "save_artifact",
    "sha256_of",
    "shipped_artifact_ok",
    "verify",
]


def save_artifact(bundle: dict[str, Any], path: Path) -> str:
    """Write ``bundle`` with skops and its hash beside it; returns the hash."""
    return artifacts.save_bundle(bundle, path, compresslevel=9)


def expected_hash(path: Path) -> str:
    """The hash recorded for ``path``."""
    return artifacts.expected_hash(path, KIND)


def verify(path: Path) -> str:
    """Check ``path`` against its recorded hash; returns the hash or raises :class:`ArtifactError`."""
    return artifacts.verify(path, KIND)


def load_artifact(path: Path = SHIPPED_ARTIFACT) -> dict[str, Any]:
    """The verified model bundle at ``path`` (the shipped one by default)."""
    return artifacts.load_bundle(path, KIND)


def shipped_artifact_ok(path: Path = SHIPPED_ARTIFACT) -> bool:
    """Whether a model artifact is installed at ``path`` (its hash is checked when it is loaded)."""
    return path.is_file()
