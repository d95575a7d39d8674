"""Model versions: train, evaluate, gate, activate, roll back, and serve the active one.

This module is pure domain logic: where versions and artifacts are kept is a
:class:`RegistryStorage` (the API's database store implements it). Each
version carries its artifact's SHA-256, the hash of the labels it learned
from, its metrics on held-out labels, the code version and its creation time.

The evaluation set is frozen by construction: a label belongs to it when the
hash of its content says so (one in :data:`EVAL_SHARE_DENOMINATOR`), so no
model trained here ever sees it, and the candidate and the serving model are
compared on exactly the same labels.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from scoring.credibility import CLASSES
from scoring.labels import LabelRecord
from scoring.pipeline import Scorer
from scoring.training import Example, examples_from_labels
from scoring.training.artifact import ArtifactError, from_bytes, sha256, to_bytes
from scoring.training.default import default_model
from scoring.training.gate import GateDecision, decide
from scoring.training.metrics import evaluate
from scoring.training.model import CredibilityModel
from scoring.version import RULES_VERSION

EVAL_SHARE_DENOMINATOR = 5
"""One label in five (by content hash) is held out for evaluation and the gate."""

MIN_LABELS = 30
"""Fewest labels to train on: below this the rule prior (or the shipped model) keeps serving."""

CODE_VERSION = f"credscore-{RULES_VERSION}+model-3"
"""Version of the training code recorded with every model."""


@dataclass(frozen=True)
class ModelVersion:
    """A registered model, without its artifact bytes."""

    version: str
    sha256: str
    data_hash: str
    metrics: dict[str, Any]
    code_version: str
    created_at: dt.datetime
    status: str = "candidate"
    reason: str = ""


class RegistryStorage(Protocol):
    """Where versions, artifacts and activations are kept."""

    def save_version(self, version: ModelVersion, artifact: bytes) -> None: ...

    def get_version(self, version: str) -> ModelVersion | None: ...

    def artifact(self, version: str) -> bytes | None: ...

    def versions(self) -> list[ModelVersion]: ...

    def active_version(self) -> str | None: ...

    def activate(self, version: str, actor: str, reason: str) -> None: ...

    def rollback(self, actor: str) -> str | None: ...

    def set_status(self, version: str, status: str, reason: str) -> None: ...


class RegistryError(Exception):
    """A registry request that cannot be carried out; the message says why."""


def snapshot_hash(labels: Sequence[LabelRecord]) -> str:
    """SHA-256 of the training data: the labels' contents in order."""
    digest = hashlib.sha256()
    for label in labels:
        digest.update(label.fingerprint().encode())
    return digest.hexdigest()


def in_evaluation_set(label: LabelRecord) -> bool:
    """Whether ``label`` is held out (decided by the hash of its claim text and sources only)."""
    key = json.dumps([label.text, [sorted(s.items()) for s in label.sources]], ensure_ascii=False)
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % EVAL_SHARE_DENOMINATOR == 0


def split(labels: Sequence[LabelRecord]) -> tuple[list[LabelRecord], list[LabelRecord]]:
    """(training labels, frozen evaluation labels)."""
    train = [label for label in labels if not in_evaluation_set(label)]
    held = [label for label in labels if in_evaluation_set(label)]
    return train, held


def fit_model(labels: Sequence[LabelRecord], scorer: Scorer | None = None) -> CredibilityModel:
    """Train a model on ``labels`` (three-level verdicts)."""
    return CredibilityModel(classes=CLASSES).fit(examples_from_labels(labels, scorer), [x.verdict for x in labels])


def evaluate_model(model: Any, labels: Sequence[LabelRecord], scorer: Scorer | None = None) -> dict[str, Any]:
    """Metrics of any credibility model (learned or the rule prior) on ``labels``."""
    return evaluate_examples(model, examples_from_labels(labels, scorer), [x.verdict for x in labels])


def evaluate_examples(model: Any, examples: Sequence[Example], verdicts: Sequence[str]) -> dict[str, Any]:
    """Metrics of any credibility model on examples already scored (the rule prior reads the signals only)."""
    matrix = np.array([e.signals for e in examples], dtype=np.float64)
    if hasattr(model, "predict_proba_with_context"):
        proba = model.predict_proba_with_context(matrix, [e.context for e in examples])
    else:
        proba = model.predict_proba(matrix)
    return evaluate(proba, verdicts, CLASSES)


@dataclass
class Registry:
    """Training, the promotion gate, activation and rollback over a storage."""

    storage: RegistryStorage
    scorer: Scorer | None = None
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    fallback: Callable[[], tuple[Any, str]] = default_model
    """What serves while no version is active (the shipped default model, else the rule prior): the first bar."""

    def train(self, labels: Sequence[LabelRecord], actor: str = "") -> tuple[ModelVersion, GateDecision]:
        """Train on the snapshot, register the version, and activate it if the gate allows."""
        train, held = split(labels)
        if len(train) < MIN_LABELS or not held:
            raise RegistryError(
                f"need at least {MIN_LABELS} training labels and one held-out label; the store has {len(labels)}"
            )
        model = fit_model(train, self.scorer)
        metrics = evaluate_model(model, held, self.scorer)
        metrics["trained_on"] = len(train)
        artifact = to_bytes(model)
        digest = sha256(artifact)
        created = self.clock()
        version = ModelVersion(
            version=f"cm-{created:%Y%m%d%H%M%S}-{digest[:8]}",
            sha256=digest,
            data_hash=snapshot_hash(labels),
            metrics=metrics,
            code_version=CODE_VERSION,
            created_at=created,
        )
        self.storage.save_version(version, artifact)
        decision = decide(metrics, self._serving_metrics(held))
        if decision.promote:
            self.storage.activate(version.version, actor, decision.reason)
            self.storage.set_status(version.version, "promoted", decision.reason)
        else:
            self.storage.set_status(version.version, "refused", decision.reason)
        return self.storage.get_version(version.version) or version, decision

    def _serving_metrics(self, held: Sequence[LabelRecord]) -> dict[str, Any] | None:
        """The serving model's metrics on today's frozen set.

        With no version active, the fallback serves, so a newsroom's first
        model must be at least as good as the default model on the
        newsroom's own frozen set; ``None`` only when nothing can be measured.
        """
        active = self.storage.active_version()
        if active is None:
            return evaluate_model(self.fallback()[0], held, self.scorer)
        record = self.storage.get_version(active)
        data = self.storage.artifact(active)
        if record is None or data is None:
            return None
        try:
            return evaluate_model(from_bytes(data, record.sha256), held, self.scorer)
        except ArtifactError:
            return None  # a serving artifact that fails its hash cannot be the bar

    def activate(self, version: str, actor: str = "", reason: str = "activated by hand") -> ModelVersion:
        """Serve ``version`` (after checking its artifact loads and matches its hash)."""
        record = self.load(version)[0]
        self.storage.activate(version, actor, reason)
        return record

    def rollback(self, actor: str = "") -> str | None:
        """Undo the latest activation; returns the version now served (``None``: the default model)."""
        return self.storage.rollback(actor)

    def load(self, version: str) -> tuple[ModelVersion, CredibilityModel]:
        """A version and its verified model; :class:`ArtifactError` when the artifact was tampered with."""
        record = self.storage.get_version(version)
        data = self.storage.artifact(version)
        if record is None or data is None:
            raise RegistryError(f"no model version {version!r}; list them with `credscore models list`")
        return record, from_bytes(data, record.sha256)


_UNCHECKED = "\x00unchecked"


@dataclass
class ModelServer:
    """The scorer a running service uses, swapped atomically when another version is activated.

    :meth:`scorer` is what request handlers call: it never blocks on a load
    and never fails because of one. At most every ``ttl`` seconds it asks the
    storage which version is active; a change is loaded and verified in a
    background thread and then swapped in with one assignment. A version whose
    artifact fails its hash is refused and the current model keeps serving.
    """

    storage: RegistryStorage | None
    fallback: Callable[[], tuple[Any, str]]
    ttl: float = 2.0
    base: Scorer = field(default_factory=Scorer)
    last_error: str = ""

    def __post_init__(self) -> None:
        model, version = self.fallback()
        self._current = Scorer(knowledge=self.base.knowledge, model=model, model_version=version)
        self._wanted: str | None = _UNCHECKED
        self._checked = 0.0
        self._lock = threading.Lock()
        self._loading = False

    def scorer(self) -> Scorer:
        """The current scorer; may start a background check for a newly activated version."""
        now = time.monotonic()
        if self.storage is not None and now - self._checked >= self.ttl and not self._loading:
            with self._lock:
                if not self._loading and now - self._checked >= self.ttl:
                    self._checked = now
                    self._loading = True
                    threading.Thread(target=self._refresh_quietly, daemon=True).start()
        return self._current

    def refresh(self) -> str:
        """Check the active version now and swap if it changed; returns the version serving afterwards."""
        if self.storage is None:
            return self._current.model_version
        active = self.storage.active_version()
        if active == self._wanted:
            return self._current.model_version
        if active is None:
            model, version = self.fallback()
        else:
            data = self.storage.artifact(active)
            record = self.storage.get_version(active)
            try:
                if data is None or record is None:
                    raise ArtifactError(f"version {active} has no artifact")
                model, version = from_bytes(data, record.sha256), active
            except ArtifactError as error:
                self.last_error = f"{active}: {error}"
                self._wanted = active
                return self._current.model_version
        self._current = Scorer(knowledge=self.base.knowledge, model=model, model_version=version)
        self._wanted = active
        self.last_error = ""
        return version

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling the storage and wait (up to ``timeout`` seconds) for a check under way to end."""
        self.storage = None
        deadline = time.monotonic() + timeout
        while self._loading and time.monotonic() < deadline:
            time.sleep(0.01)

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except Exception as error:  # a database hiccup must never take the serving model down
            self.last_error = str(error)
        finally:
            self._loading = False
