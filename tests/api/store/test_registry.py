"""The registry over the store: the gate, activation, rollback, tampering and training jobs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import update

from api.store import JobBusy, Store
from api.store.tables import ModelVersionRow
from api.training import start_training
from scoring import story_from_dict
from scoring.labels import LabelRecord
from scoring.registry import ModelServer, Registry, fit_model, in_evaluation_set, split
from scoring.training.default import RULE_PRIOR_VERSION, default_model
from tests.scoring.training.newsroom import newsroom_labels

FLIP = {"reliable": "unreliable", "uncertain": "unreliable", "unreliable": "reliable"}
STORY = story_from_dict(
    {"claims": [{"text": "Figures show rents rose by 9% this year.", "sources": [{"name": "Reuters"}]}]}
)


def _sabotaged(labels: list[LabelRecord], share: float = 0.15) -> list[LabelRecord]:
    """One labeller (mallory) relabels ``share`` of the training labels, reliable ones first, to the opposite."""
    budget = int(share * len(labels))
    order = sorted(range(len(labels)), key=lambda i: (labels[i].verdict != "reliable", i))
    chosen = {i for i in order if not in_evaluation_set(labels[i])}
    flipped = set(sorted(chosen, key=order.index)[:budget])
    return [
        dataclasses.replace(x, verdict=FLIP[x.verdict], labeller="mallory") if i in flipped else x
        for i, x in enumerate(labels)
    ]


@pytest.fixture
def registry(store: Store) -> Registry:
    return Registry(store.registry)


@pytest.fixture
def serving(store: Store) -> Iterator[Callable[..., ModelServer]]:
    """Model servers over the store, stopped before it closes.

    ``scorer()`` checks for a new version on a background thread; a check
    still holding a database connection when the store closes would leave it
    open (on PostgreSQL, a ResourceWarning at some later test).
    """
    made: list[ModelServer] = []

    def make(fallback: Callable[[], Any] = default_model) -> ModelServer:
        made.append(ModelServer(store.registry, fallback, ttl=0.0))
        return made[-1]

    yield make
    for server in made:
        server.stop()


SQLITE_ONLY = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
"""Training-heavy tests whose storage calls the other tests already run on PostgreSQL."""


@SQLITE_ONLY
def test_the_gate_refuses_a_candidate_trained_on_flipped_labels(store: Store, registry: Registry) -> None:
    clean = newsroom_labels(300)
    first, decision = registry.train(clean)
    assert decision.promote and store.registry.active_version() == first.version
    candidate, decision = registry.train(_sabotaged(clean))
    assert not decision.promote, candidate.metrics
    assert candidate.status == "refused" and ("Recall" in candidate.reason or "Macro-F1" in candidate.reason)
    assert store.registry.active_version() == first.version
    assert {v.version for v in store.registry.versions()} == {first.version, candidate.version}


@SQLITE_ONLY
def test_a_first_model_must_match_what_serves_while_no_version_is_active(store: Store) -> None:
    """With no version active the fallback serves, so it is the first candidate's bar."""
    clean = newsroom_labels(300)
    bar = fit_model(split(clean)[0])
    registry = Registry(store.registry, fallback=lambda: (bar, "bar"))
    candidate, decision = registry.train(_sabotaged(clean))
    assert not decision.promote and candidate.status == "refused", candidate.metrics
    assert "serving model" in candidate.reason and store.registry.active_version() is None
    first, decision = registry.train(clean)
    assert decision.promote and store.registry.active_version() == first.version


def test_activation_and_rollback_change_the_served_version(
    registry: Registry, serving: Callable[..., ModelServer]
) -> None:
    server = serving()
    assert server.scorer().score(STORY)["version"]["model"] == default_model()[1]
    first, _ = registry.train(newsroom_labels(240))
    second, _ = registry.train(newsroom_labels(240, seed=8))
    registry.activate(first.version)
    assert server.refresh() == first.version
    assert server.scorer().score(STORY)["version"]["model"] == first.version
    registry.activate(second.version)
    assert server.refresh() == second.version
    assert registry.rollback() == first.version
    assert server.refresh() == first.version
    assert server.scorer().score(STORY)["version"]["model"] == first.version


@SQLITE_ONLY
def test_a_tampered_artifact_is_refused_and_the_serving_model_keeps_serving(
    store: Store, registry: Registry, serving: Callable[..., ModelServer]
) -> None:
    server = serving()
    good, _ = registry.train(newsroom_labels(240))
    assert server.refresh() == good.version
    bad, _ = registry.train(newsroom_labels(240, seed=9))
    store.db.write(
        lambda s: s.execute(
            update(ModelVersionRow).where(ModelVersionRow.version == bad.version).values(artifact=b"PK")
        )
    )
    store.registry.activate(bad.version, "test", "forced")
    assert server.refresh() == good.version
    assert bad.version in server.last_error
    assert server.scorer().score(STORY)["version"]["model"] == good.version


def test_with_no_labels_and_no_model_the_rule_prior_serves(
    serving: Callable[..., ModelServer], tmp_path: object
) -> None:
    server = serving(lambda: default_model(tmp_path))  # type: ignore[arg-type]
    assert server.refresh() == RULE_PRIOR_VERSION


def test_one_training_at_a_time_and_jobs_record_their_outcome(store: Store) -> None:
    queued = store.jobs.create("admin")
    with pytest.raises(JobBusy):
        store.jobs.create("admin")
    store.jobs.fail(queued.id, "test")
    store.labels.add_batch("org", newsroom_labels(10))
    job = start_training(store, "admin", background=False)
    assert job.status == "failed" and "at least" in job.error
    store.labels.add_batch("org", newsroom_labels(200, seed=3))
    job = start_training(store, "admin", background=False)
    assert job.status == "succeeded" and job.version and job.detail["status"] == "promoted"
