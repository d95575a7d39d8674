"""Access: open or keyed scoring, roles, organisations, hashed keys compared in constant time."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.views import MethodView

from api import database
from api.auth import ConfigKeyStore, current_principal, hash_key, key_record, require_role, requires
from api.blueprint import Blueprint
from api.cli import main
from scoring.labels import LabelRecord
from tests.api.conftest import KEYS, ONE_CLAIM, auth, make_app

ROLES = (None, "editor_a", "editor_b", "admin")
ARTICLE = {"text": "The ministry said the bridge would reopen in May, according to a spokesperson."}


def _call(app: Flask, method: str, path: str, role: str | None) -> int:
    body = {"claims": ONE_CLAIM["claims"]} if path == "/v1/score" else ARTICLE if path == "/v1/analyze" else None
    response = app.test_client().open(path, method=method, json=body, headers=auth(role))
    if response.status_code >= 400:
        assert response.get_json()["status"] == response.status_code
    return response.status_code


# Expected status per (method, path) for anonymous, editor of org A, editor of org B, admin.
OPEN = {
    ("POST", "/v1/score"): (200, 200, 200, 200),
    ("POST", "/v1/analyze"): (200, 200, 200, 200),
    ("GET", "/healthz"): (200, 200, 200, 200),
    ("GET", "/readyz"): (200, 200, 200, 200),
    ("GET", "/metrics"): (200, 200, 200, 200),
    ("GET", "/openapi.json"): (200, 200, 200, 200),
    ("GET", "/docs"): (200, 200, 200, 200),
}
KEYED = {
    **OPEN,
    ("POST", "/v1/score"): (401, 200, 200, 200),
    ("POST", "/v1/analyze"): (401, 200, 200, 200),
    ("GET", "/metrics"): (401, 403, 403, 200),
}


@pytest.mark.parametrize(
    ("config", "matrix"),
    [({}, OPEN), ({"SCORING_ACCESS": "key", "METRICS_ACCESS": "admin"}, KEYED)],
    ids=["open", "keyed"],
)
def test_authorization_matrix(config: dict[str, str], matrix: dict[tuple[str, str], tuple[int, ...]]) -> None:
    app = make_app(**config)
    got = {route: tuple(_call(app, *route, role) for role in ROLES) for route in matrix}
    assert got == matrix


def _role_app() -> Flask:
    """An app with a resource written like the label and model resources: ``requires``, ``current_principal``."""
    app = make_app()
    blp = Blueprint("probe", __name__, url_prefix="/v1/probe")

    @blp.route("/editor")
    class EditorOnly(MethodView):
        @requires(blp, "editor")
        def post(self) -> dict[str, str]:
            principal = current_principal()
            assert principal is not None
            return {"org": principal.org, "role": principal.role, "key": principal.key_id}

    @blp.route("/admin")
    class AdminOnly(MethodView):
        @requires(blp, "admin")
        def post(self) -> dict[str, str]:
            return {"ok": "yes"}

    app.extensions["flask-smorest"]["apis"][""]["ext_obj"].register_blueprint(blp)
    return app


def test_role_helpers_matrix() -> None:
    client = _role_app().test_client()
    statuses = {
        path: tuple(client.post(path, headers=auth(role)).status_code for role in ROLES)
        for path in ("/v1/probe/editor", "/v1/probe/admin")
    }
    assert statuses == {"/v1/probe/editor": (401, 200, 200, 200), "/v1/probe/admin": (401, 403, 403, 200)}
    who = client.post("/v1/probe/editor", headers=auth("editor_b")).get_json()
    assert who == {"org": "org-b", "role": "editor", "key": "editor-b"}
    unauthorised = client.post("/v1/probe/admin")
    assert unauthorised.headers["WWW-Authenticate"].startswith("Bearer")
    assert unauthorised.get_json()["code"] == "unauthorized"
    assert client.post("/v1/probe/admin", headers=auth("editor_a")).get_json()["code"] == "forbidden"


def test_role_protected_operations_are_documented() -> None:
    spec = _role_app().test_client().get("/openapi.json").get_json()
    operation = spec["paths"]["/v1/probe/admin"]["post"]
    assert operation["security"] == [{"apiKey": []}]
    assert {"401", "403"} <= set(operation["responses"])


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer csk_wrong"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"X-API-Key": "csk_wrong"},
        {"Authorization": "Bearer "},
    ],
)
def test_a_bad_key_is_refused_even_where_none_is_needed(headers: dict[str, str]) -> None:
    response = make_app().test_client().post("/v1/score", json=ONE_CLAIM, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["code"] == "invalid_credentials"


def test_x_api_key_header_works() -> None:
    app = make_app(SCORING_ACCESS="key")
    assert app.test_client().post("/v1/score", json=ONE_CLAIM, headers={"X-API-Key": KEYS["admin"]}).status_code == 200


def test_keys_are_kept_only_as_hashes() -> None:
    store = ConfigKeyStore([{"hash": hash_key("csk_secret"), "role": "admin", "org": "acme"}])
    assert "csk_secret" not in repr(store.records)
    principal = store.find("csk_secret")
    assert principal is not None and principal.org == "acme" and principal.key_id == hash_key("csk_secret")[:12]
    assert store.find("csk_secreT") is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"hash": "abc", "role": "editor", "org": "a"}, "64 hex"),
        ({"hash": "0" * 64, "role": "boss", "org": "a"}, "role"),
        ({"hash": "0" * 64, "role": "editor", "org": " "}, "org"),
    ],
)
def test_bad_key_configuration_is_refused_at_start(entry: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        key_record(entry)
    with pytest.raises(ValueError, match=message):
        make_app(API_KEYS=[entry])


def test_bad_access_setting_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="SCORING_ACCESS"):
        make_app(SCORING_ACCESS="maybe")


def test_unknown_role_in_a_decorator_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        require_role("owner")


def test_keys_create_prints_a_key_once_and_a_config_line() -> None:
    result = CliRunner().invoke(main, ["keys", "create", "--role", "editor", "--org", "acme"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    key, entry = lines["key"], json.loads(lines["config"])
    assert key.startswith("csk_") and len(key) > 40
    assert entry["hash"] == hash_key(key) and entry["role"] == "editor" and entry["org"] == "acme"
    app = make_app(API_KEYS=[entry], SCORING_ACCESS="key")
    assert app.test_client().post("/v1/score", json=ONE_CLAIM, headers={"X-API-Key": key}).status_code == 200


LABEL = {"text": "Acme is in talks to buy Beta.", "verdict": "unreliable"}
JOB_ID = "{job}"
LABEL_OF_ORG_A = "{label}"

# Labels, models and jobs: expected status for anonymous, editor of org A, editor of org B, admin (of org A).
# The label named in a path belongs to org A and is created afresh before each call.
DATA_ROUTES = {
    ("POST", "/v1/labels"): (401, 201, 201, 201),
    ("GET", "/v1/labels"): (401, 200, 200, 200),
    ("GET", f"/v1/labels/{LABEL_OF_ORG_A}"): (401, 200, 404, 200),
    ("DELETE", f"/v1/labels/{LABEL_OF_ORG_A}"): (401, 204, 404, 204),
    ("GET", "/v1/models"): (401, 200, 200, 200),
    ("POST", "/v1/models/cm-unknown/activate"): (401, 403, 403, 404),
    ("POST", "/v1/models/rollback"): (401, 403, 403, 409),
    ("GET", f"/v1/jobs/{JOB_ID}"): (401, 200, 200, 200),
    ("POST", "/v1/models/train"): (401, 403, 403, 202),
}


def test_authorization_matrix_of_labels_models_and_jobs(app: Flask) -> None:
    store = database.store(app)
    job = store.jobs.create("admin-a")
    store.jobs.fail(job.id, "finished, so that training may start again")
    client = app.test_client()
    got = {}
    started = ""
    for method, path in DATA_ROUTES:
        statuses = []
        for role in ROLES:
            label = store.labels.add("org-a", LabelRecord(text="A claim of org A.", verdict="reliable"))[0]
            url = path.format(job=job.id, label=label.id)
            body = (LABEL if path == "/v1/labels" else {}) if method == "POST" else None
            response = client.open(url, method=method, json=body, headers=auth(role))
            if response.status_code >= 400:
                assert response.get_json()["status"] == response.status_code
            statuses.append(response.status_code)
            if response.status_code == 202:
                started = response.get_json()["id"]
        got[(method, path)] = tuple(statuses)
    assert got == DATA_ROUTES
    deadline = time.monotonic() + 60
    while store.jobs.get(started).status in ("queued", "running") and time.monotonic() < deadline:  # type: ignore[union-attr]
        time.sleep(0.05)
