"""The model a fresh install serves before any label is stored.

A shipped artifact (``default/model.skops`` with ``default/model.json``
holding its version and SHA-256, and ``default/MODEL_CARD.md``) is loaded
and verified; when there is none, or it fails its hash, the hand-set rule
prior serves. ``credscore train-default`` rebuilds the artifact
(:mod:`scoring.training.default_build`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from scoring.credibility import FEATURES, RulePrior
from scoring.training.artifact import ArtifactError, from_bytes

DEFAULT_DIR = Path(__file__).with_name("default")
ARTIFACT_NAME = "model.skops"
META_NAME = "model.json"
CARD_NAME = "MODEL_CARD.md"
RULE_PRIOR_VERSION = "rule-prior-1"
TRAINING_LABELS = "fixtures/labels/default-training.jsonl"
"""The labelled claims the shipped model learned from, relative to the repository root."""

log = logging.getLogger(__name__)


def default_model(directory: Path = DEFAULT_DIR) -> tuple[Any, str]:
    """(model, version): the shipped model if present and intact, else the rule prior.

    A damaged shipping (bytes that fail their hash, unreadable metadata) is
    logged and never served; the service then starts on the rule prior
    rather than not at all.
    """
    meta_path, artifact_path = directory / META_NAME, directory / ARTIFACT_NAME
    if meta_path.is_file() and artifact_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return from_bytes(artifact_path.read_bytes(), str(meta["sha256"])), str(meta["version"])
        except (ArtifactError, KeyError, TypeError, ValueError) as error:
            log.warning("default model in %s refused (%s); serving the rule prior", directory, error)
    return rule_prior(), RULE_PRIOR_VERSION


def rule_prior() -> RulePrior:
    """The hand-set rule, fitted to the feature layout (it learns nothing)."""
    return RulePrior().fit(np.zeros((1, len(FEATURES))))
