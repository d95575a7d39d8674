"""Building the default model: our own labelled claims in, a gated, documented artifact out.

The default model must be trained on data the project may ship, so it
learns from claims the project's authors wrote and labelled themselves
(``fixtures/labels/default-training.jsonl``; see the model card for the
labelling policy). The registry's frozen split holds out one claim in five
(by the hash of its text and sources), and the model ships only if, on
those claims, it passes the same promotion gate a newsroom's model must
pass, with the rule prior as the serving model to beat.

Training is deterministic: the same file gives the same predictions and
metrics (skops' bytes, and so the SHA-256, differ from build to build).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops

from scoring.credibility import CLASSES
from scoring.labels import LabelRecord
from scoring.labels.readers import read_labels
from scoring.pipeline import Scorer
from scoring.registry import CODE_VERSION, evaluate_examples, in_evaluation_set, snapshot_hash
from scoring.training.artifact import sha256, to_bytes
from scoring.training.default import ARTIFACT_NAME, CARD_NAME, DEFAULT_DIR, META_NAME, TRAINING_LABELS, rule_prior
from scoring.training.default_card import model_card
from scoring.training.examples import examples_from_labels
from scoring.training.gate import GateDecision, decide
from scoring.training.model import CredibilityModel

DEFAULT_LABELS = Path(__file__).resolve().parents[2] / TRAINING_LABELS
"""Where the labelled claims live in a source checkout (they are not installed with the package)."""


MODEL_PARAMS: dict[str, Any] = {"classes": CLASSES, "random_state": 0, "records": ()}
"""No track records: the speakers and organisations in our claims are invented, or real bodies named as
sources of invented events, so their records would be reputations the model has no right to hold."""

REPORTED_WORDS = ("said", "says", "show", "shows", "claims", "denied", "confirmed")
"""Attribution and evidence words whose spread over the verdicts the card reports."""


@dataclass(frozen=True)
class DefaultBuild:
    """A trained default model with everything its card and ``model.json`` report."""

    artifact: bytes
    version: str
    sha256: str
    data_hash: str
    metrics: dict[str, Any]
    rule_prior_metrics: dict[str, Any]
    decision: GateDecision
    labels: int
    trained_on: int
    held_out: int
    verdicts: dict[str, int]
    stories: int
    story_claims: int
    cue_words: dict[str, list[str]]
    word_counts: dict[str, dict[str, int]]

    def meta(self) -> dict[str, Any]:
        """What ``model.json`` holds (no creation time: rebuilding the same data changes only the artifact hash)."""
        return {
            "version": self.version,
            "sha256": self.sha256,
            "data_hash": self.data_hash,
            "training_data": {
                "file": TRAINING_LABELS,
                "labels": self.labels,
                "trained_on": self.trained_on,
                "held_out": self.held_out,
                "verdicts": self.verdicts,
                "stories": self.stories,
                "story_claims": self.story_claims,
                "licence": "Apache-2.0 (the project's own writing)",
            },
            "model": {"class": "scoring.training.model.CredibilityModel", "params": _plain(MODEL_PARAMS)},
            "metrics": self.metrics,
            "rule_prior_metrics": self.rule_prior_metrics,
            "gate": {"promote": self.decision.promote, "reason": self.decision.reason},
            "code_version": CODE_VERSION,
            "libraries": {"scikit-learn": sklearn.__version__, "skops": skops.__version__, "numpy": np.__version__},
        }


def read_training_labels(path: Path = DEFAULT_LABELS) -> list[LabelRecord]:
    """Every label of a JSONL file; a training file must be clean, so any rejected row is an error."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no labelled claims there; pass --labels (a JSONL label file)")
    with path.open(encoding="utf-8") as stream:
        rows = list(read_labels(stream, "jsonl"))
    rejected = [f"line {row.number}: {row.error}" for row in rows if row.label is None]
    if rejected:
        raise ValueError(f"{path}: {len(rejected)} rows rejected ({'; '.join(rejected[:5])})")
    return [row.label for row in rows if row.label is not None]


def build(labels: Sequence[LabelRecord], scorer: Scorer | None = None) -> DefaultBuild:
    """Train on the registry's training split and compare with the rule prior on its frozen split."""
    examples = examples_from_labels(labels, scorer)
    held_mask = [in_evaluation_set(label) for label in labels]
    train = [(e, x.verdict) for e, x, held in zip(examples, labels, held_mask, strict=True) if not held]
    held = [(e, x.verdict) for e, x, held in zip(examples, labels, held_mask, strict=True) if held]
    if not held or len(train) < 2 * len(CLASSES):
        raise ValueError(f"too few labels to train and evaluate on ({len(labels)})")
    model = CredibilityModel(**MODEL_PARAMS).fit([e for e, _ in train], [v for _, v in train])
    verdicts = [v for _, v in held]
    metrics = evaluate_examples(model, [e for e, _ in held], verdicts)
    baseline = evaluate_examples(rule_prior(), [e for e, _ in held], verdicts)
    artifact = to_bytes(model)
    digest = sha256(artifact)
    return DefaultBuild(
        artifact=artifact,
        version=f"default-{digest[:12]}",
        sha256=digest,
        data_hash=snapshot_hash(labels),
        metrics=metrics,
        rule_prior_metrics=baseline,
        decision=decide(metrics, baseline),
        labels=len(labels),
        trained_on=len(train),
        held_out=len(held),
        verdicts={c: sum(x.verdict == c for x in labels) for c in CLASSES},
        stories=len(grouped := Counter(x.story_id for x in labels if x.story_id)),
        story_claims=sum(grouped.values()),
        cue_words=cue_words(model),
        word_counts=word_counts(labels),
    )


def word_counts(labels: Sequence[LabelRecord]) -> dict[str, dict[str, int]]:
    """Per word of :data:`REPORTED_WORDS`, how many claims of each verdict hold it (as a whole word)."""
    counts = {w: dict.fromkeys(CLASSES, 0) for w in REPORTED_WORDS}
    for label in labels:
        words = set("".join(c if c.isalnum() else " " for c in label.text.lower()).split())
        for word in words.intersection(REPORTED_WORDS):
            counts[word][label.verdict] += 1
    return counts


def cue_words(model: CredibilityModel, n: int = 8) -> dict[str, list[str]]:
    """Per class, the terms the words model weighs most towards it (the card names them as a limit)."""
    if model.text_model_ is None:
        return {c: [] for c in CLASSES}
    terms = sorted(model.vectorizer_.vocabulary_, key=model.vectorizer_.vocabulary_.__getitem__)
    return {
        str(model.classes_[k]): [terms[i] for i in np.argsort(-weights, kind="stable")[:n]]
        for k, weights in zip(model.text_model_.classes_, model.text_model_.coef_, strict=True)
    }


def write(result: DefaultBuild, directory: Path = DEFAULT_DIR) -> None:
    """Write the artifact, ``model.json`` and the model card (the artifact first: a reader in between is refused)."""
    directory.mkdir(parents=True, exist_ok=True)
    _replace(directory / ARTIFACT_NAME, result.artifact)
    _replace(directory / META_NAME, (json.dumps(result.meta(), indent=2, sort_keys=True) + "\n").encode())
    _replace(directory / CARD_NAME, model_card(result).encode())


def _replace(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
