"""``/v1/models`` and ``/v1/jobs`` over HTTP: train in the background, list, activate, roll back, follow a job.

Versions are trained for real on a small synthetic newsroom (a few hundred
milliseconds each); every check of "which model serves" reads the version a
``/v1/score`` response names.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from api import database
from api.store import open_store
from api.store.tables import ModelVersionRow
from scoring import Scorer
from scoring.registry import ModelVersion, Registry
from tests.api.conftest import ONE_CLAIM, auth, make_app
from tests.api.store.conftest import database_urls
from tests.scoring.training.newsroom import newsroom_labels


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_urls(tmp_path, str(request.param))


@pytest.fixture
def app(db_url: str) -> Iterator[Flask]:
    built = make_app(DATABASE_URL=db_url, MODEL_REFRESH_SECONDS=0)
    yield built
    database.close(built)


def served(client: FlaskClient) -> str:
    """The model version a score names, in its body and in its header."""
    response = client.post("/v1/score", json=ONE_CLAIM)
    model = response.get_json()["version"]["model"]
    assert f"model={model}" in response.headers["X-Credscore-Version"]
    return str(model)


def eventually(read: Any, expected: str, seconds: float = 10.0) -> str:
    """Poll ``read()`` until it returns ``expected`` (a worker picks a version up within its refresh interval)."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return str(value)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, scorer: Scorer) -> list[tuple[ModelVersion, bytes]]:
    """Two versions trained once for the module (seeds 7 and 8), with their artifacts."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('trained') / 'credscore.db'}")
    registry = Registry(store.registry, scorer)
    versions = [registry.train(newsroom_labels(60, seed=seed))[0] for seed in (7, 8)]
    out = [(v, store.registry.artifact(v.version) or b"") for v in versions]
    store.close()
    return out


def register(app: Flask, trained: list[tuple[ModelVersion, bytes]]) -> list[str]:
    """Put the trained versions in the app's registry, none of them active."""
    for version, artifact in trained:
        database.store(app).registry.save_version(version, artifact)
    return [version.version for version, _ in trained]


def test_training_over_http_runs_in_the_background_and_serves_the_promoted_version(app: Flask) -> None:
    client = app.test_client()
    database.store(app).labels.add_batch("org-a", newsroom_labels(60))
    accepted = client.post("/v1/models/train", json={}, headers=auth("admin"))
    assert accepted.status_code == 202, accepted.get_json()
    job = accepted.get_json()
    assert accepted.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["status"] in ("queued", "running", "succeeded") and job["requested_by"] == "admin-a"
    deadline = time.monotonic() + 60
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/v1/jobs/{job['id']}", headers=auth("editor_b")).get_json()
    assert job["status"] == "succeeded", job
    assert job["progress"] == 1.0 and job["result"]["status"] == "promoted" and job["result"]["labels"] == 60
    version = job["version"]
    assert job["result"]["version"] == version and version in job["message"]
    listing = client.get("/v1/models", headers=auth("editor_a")).get_json()
    assert listing["serving"] == version
    (entry,) = listing["versions"]
    assert entry["version"] == version and entry["serving"] and entry["status"] == "promoted"
    assert {"accuracy", "macro_f1", "recall", "ece", "n"} <= set(entry["metrics"])
    assert entry["sha256"] and entry["data_hash"] and entry["reason"]
    assert eventually(lambda: served(client), version) == version


def test_a_second_training_while_one_runs_is_a_conflict(app: Flask) -> None:
    running = database.store(app).jobs.create("someone")
    response = app.test_client().post("/v1/models/train", headers=auth("admin"))
    assert response.status_code == 409
    body = response.get_json()
    assert body["code"] == "training_in_progress" and body["errors"] == {"job_id": running.id}


def test_a_training_that_cannot_run_records_why(app: Flask) -> None:
    client = app.test_client()
    job = client.post("/v1/models/train", headers=auth("admin")).get_json()
    deadline = time.monotonic() + 30
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.05)
        job = client.get(f"/v1/jobs/{job['id']}", headers=auth("admin")).get_json()
    assert job["status"] == "failed" and "at least" in job["error"] and job["result"] is None


def test_activation_and_rollback_change_the_version_every_score_names(
    app: Flask, trained: list[tuple[ModelVersion, bytes]]
) -> None:
    client = app.test_client()
    default = served(client)
    first, second = register(app, trained)
    serving = client.get("/v1/models", headers=auth("admin")).get_json()["serving"]
    assert serving == default
    activated = client.post(f"/v1/models/{first}/activate", json={"reason": "test"}, headers=auth("admin"))
    assert activated.get_json() == {"serving": first, "previous": serving}
    assert served(client) == first
    assert client.post(f"/v1/models/{second}/activate", json={}, headers=auth("admin")).status_code == 200
    assert served(client) == second
    rolled = client.post("/v1/models/rollback", json={}, headers=auth("admin")).get_json()
    assert rolled == {"serving": first, "previous": second}
    assert served(client) == first
    rolled = client.post("/v1/models/rollback", headers=auth("admin")).get_json()
    assert rolled == {"serving": default, "previous": first}
    assert served(client) == default
    nothing = client.post("/v1/models/rollback", headers=auth("admin"))
    assert nothing.status_code == 409 and nothing.get_json()["code"] == "nothing_to_roll_back"


def test_another_worker_picks_up_an_activation_without_a_restart(
    app: Flask, db_url: str, trained: list[tuple[ModelVersion, bytes]]
) -> None:
    other = make_app(DATABASE_URL=db_url, MODEL_REFRESH_SECONDS=0)
    try:
        version = register(app, trained)[0]
        app.test_client().post(f"/v1/models/{version}/activate", headers=auth("admin"))
        client = other.test_client()
        assert eventually(lambda: served(client), version) == version
        app.test_client().post("/v1/models/rollback", headers=auth("admin"))
        default = database.default_version(app)
        assert eventually(lambda: served(client), default) == default
    finally:
        database.close(other)


def test_a_tampered_version_is_refused_and_the_serving_one_keeps_serving(
    app: Flask, trained: list[tuple[ModelVersion, bytes]]
) -> None:
    client = app.test_client()
    good, bad = register(app, trained)
    client.post(f"/v1/models/{good}/activate", headers=auth("admin"))
    database.store(app).db.write(
        lambda s: s.execute(update(ModelVersionRow).where(ModelVersionRow.version == bad).values(artifact=b"PK"))
    )
    refused = client.post(f"/v1/models/{bad}/activate", headers=auth("admin"))
    assert refused.status_code == 409 and refused.get_json()["code"] == "artifact_invalid"
    assert served(client) == good
    assert client.get("/v1/models", headers=auth("admin")).get_json()["serving"] == good


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "/v1/models/cm-nope/activate", {}, 404),
        ("POST", "/v1/models/cm-nope/activate", {"reason": 5}, 422),
        ("POST", "/v1/models/cm-nope/activate", {"why": "x"}, 422),
        ("POST", "/v1/models/" + "v" * 65 + "/activate", {}, 404),
        ("POST", "/v1/models/a%00b/activate", {}, 404),
        ("POST", "/v1/models/rollback", {"version": "x"}, 422),
        ("POST", "/v1/models/train", {"fast": True}, 422),
        ("GET", "/v1/jobs/0f8fad5b-d9cb-469f-a165-70867728950e", None, 404),
        ("GET", "/v1/jobs/not-a-job%00", None, 404),
    ],
)
def test_bad_requests_get_their_4xx_in_the_envelope_and_change_nothing(
    app: Flask, method: str, path: str, body: Any, status: int
) -> None:
    store = database.store(app)
    before = (store.registry.active_version(), len(store.registry.versions()))
    response = app.test_client().open(path, method=method, json=body, headers=auth("admin"))
    assert response.status_code == status, response.get_json()
    assert response.get_json()["status"] == status
    assert (store.registry.active_version(), len(store.registry.versions())) == before
    assert store.jobs.create("probe")  # no job was left running
