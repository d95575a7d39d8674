"""The attribution tagger's artifact: where it ships and what it may hold.

The bundle is a plain dict: the fitted scikit-learn classifier, the learned cue
words (one string), thresholds, the feature version and provenance (training
data fingerprint, library versions, dev metrics). Saving, hashing and verified
loading are shared with every shipped model (:mod:`scoring.artifacts`); the
tagger trusts no type beyond skops' defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scoring import artifacts
from scoring.artifacts import ArtifactError, hash_path, sha256_of

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
SHIPPED_ARTIFACT = ARTIFACT_DIR / "attribution-tagger.skops"
FORMAT = 1
TRUSTED_TYPES: tuple[str, ...] = ()
"""Types beyond skops' defaults that the artifact may hold: none."""
KIND = artifacts.ArtifactKind("attribution tagger", "credscore train-attribution", FORMAT, TRUSTED_TYPES)
REBUILD = KIND.advice

__all__ = [
    "REBUILD",
    "SHIPPED_ARTIFACT",
    "ArtifactError",
    "hash_path",
    "load_artifact",
    "save_artifact",
    "sha256_of",
    "verify",
]


def save_artifact(bundle: dict[str, Any], path: Path) -> str:
    """Write ``bundle`` with skops and its hash beside it; returns the hash."""
    return artifacts.save_bundle(bundle, path)


def verify(path: Path) -> str:
    """Check ``path`` against its recorded hash; returns the hash or raises :class:`ArtifactError`."""
    return artifacts.verify(path, KIND)


def load_artifact(path: Path = SHIPPED_ARTIFACT) -> dict[str, Any]:
    """The verified tagger bundle at ``path`` (the shipped one by default)."""
    return artifacts.load_bundle(path, KIND)
