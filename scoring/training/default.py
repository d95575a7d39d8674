"""The model a fresh install serves before any label is stored.

A shipped artifact (``default/model.skops`` with ``default/model.json``
holding its version and SHA-256, and ``default/MODEL_CARD.md``) is loaded
and verified; when there is none, or it fails its hash, the hand-set rule
prior serves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from scoring.credibility import FEATURES, RulePrior
from scoring.training.artifact import ArtifactError, from_bytes

DEFAULT_DIR = Path(__file__).with_name("default")
RULE_PRIOR_VERSION = "rule-prior-1"


def default_model(directory: Path = DEFAULT_DIR) -> tuple[Any, str]:
    """(model, version): the shipped model if present and intact, else the rule prior."""
    meta_path, artifact_path = directory / "model.json", directory / "model.skops"
    if meta_path.is_file() and artifact_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        try:
            return from_bytes(artifact_path.read_bytes(), str(meta["sha256"])), str(meta["version"])
        except (ArtifactError, KeyError):
            pass
    return RulePrior().fit(np.zeros((1, len(FEATURES)))), RULE_PRIOR_VERSION
