"""``/v1/labels`` over HTTP: create, read, list, delete, idempotent retries, organisations kept apart.

Each test runs on SQLite and, when ``CREDSCORE_TEST_POSTGRES_URL`` names a
server, on PostgreSQL; rows are counted in the database itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import database
from tests.api.conftest import auth, make_app
from tests.api.store.conftest import database_urls

LABEL = {
    "text": "Acme is in talks to buy Beta.",
    "verdict": "unreliable",
    "sources": [{"mention": "people familiar with the matter"}],
    "story_id": "acme-beta",
    "speaker": "people familiar with the matter",
    "date": "2024-05-01",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def labels_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app over an empty database of each backend."""
    app = make_app(DATABASE_URL=database_urls(tmp_path, str(request.param)))
    yield app
    database.close(app)


@pytest.fixture
def client(labels_app: Flask) -> FlaskClient:
    return labels_app.test_client()


def rows(app: Flask) -> int:
    """Labels in the database, every organisation together."""
    return database.store(app).labels.count()


def post(client: FlaskClient, body: Any, role: str = "editor_a", key: str | None = None) -> Any:
    headers = dict(auth(role))
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/v1/labels", json=body, headers=headers)


def test_a_label_is_stored_read_listed_and_deleted(client: FlaskClient, labels_app: Flask) -> None:
    created = post(client, {**LABEL, "verdict": "pants-fire", "labeller": "ana"})
    assert created.status_code == 201, created.get_json()
    label = created.get_json()
    assert label["verdict"] == "unreliable" and label["original_label"] == "pants-fire"
    assert label["labeller"] == "ana" and label["date"] == "2024-05-01"
    assert created.headers["Location"] == f"/v1/labels/{label['id']}"
    assert client.get(f"/v1/labels/{label['id']}", headers=auth("editor_a")).get_json() == label
    listing = client.get("/v1/labels", headers=auth("editor_a")).get_json()
    assert listing == {"items": [label], "total": 1, "next_cursor": None}
    assert client.delete(f"/v1/labels/{label['id']}", headers=auth("editor_a")).status_code == 204
    assert client.get(f"/v1/labels/{label['id']}", headers=auth("editor_a")).status_code == 404
    assert client.delete(f"/v1/labels/{label['id']}", headers=auth("editor_a")).status_code == 404
    assert rows(labels_app) == 0


def test_subjects_job_and_state_round_trip(client: FlaskClient) -> None:
    body = {**LABEL, "subjects": ["economy", "mergers", "economy"], "job": "Chief executive", "state": "Delaware"}
    label = post(client, body).get_json()
    assert (label["subjects"], label["job"], label["state"]) == (["economy", "mergers"], "Chief executive", "Delaware")
    assert client.get(f"/v1/labels/{label['id']}", headers=auth("editor_a")).get_json() == label
    plain = post(client, {**LABEL, "text": "Beta denies it."}).get_json()
    assert (plain["subjects"], plain["job"], plain["state"]) == ([], "", "")


def test_the_new_fields_are_documented_with_their_limits(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()["components"]["schemas"]
    request = spec["LabelRequest"]["properties"]
    assert request["subjects"]["maxItems"] == 50 and request["subjects"]["items"]["maxLength"] == 100
    assert request["job"]["maxLength"] == 500 and request["state"]["maxLength"] == 500
    assert {"subjects", "job", "state"} <= set(spec["Label"]["required"])


def test_the_labeller_defaults_to_the_key(client: FlaskClient) -> None:
    assert post(client, LABEL).get_json()["labeller"] == "editor-a"


def test_a_retry_with_the_same_key_writes_nothing(client: FlaskClient, labels_app: Flask) -> None:
    first = post(client, LABEL, key="retry-1")
    again = post(client, LABEL, key="retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert rows(labels_app) == 1


def test_the_same_key_with_another_body_is_a_conflict(client: FlaskClient, labels_app: Flask) -> None:
    post(client, LABEL, key="retry-2")
    conflict = post(client, {**LABEL, "verdict": "reliable"}, key="retry-2")
    assert conflict.status_code == 409
    assert conflict.get_json()["code"] == "idempotency_conflict"
    assert rows(labels_app) == 1


def test_idempotency_keys_belong_to_an_organisation(client: FlaskClient, labels_app: Flask) -> None:
    a = post(client, LABEL, key="shared")
    b = post(client, {**LABEL, "verdict": "reliable"}, role="editor_b", key="shared")
    assert (a.status_code, b.status_code) == (201, 201)
    assert rows(labels_app) == 2


def test_another_organisations_label_is_never_visible(client: FlaskClient, labels_app: Flask) -> None:
    label_id = post(client, LABEL).get_json()["id"]
    assert client.get(f"/v1/labels/{label_id}", headers=auth("editor_b")).status_code == 404
    assert client.delete(f"/v1/labels/{label_id}", headers=auth("editor_b")).status_code == 404
    assert client.get("/v1/labels", headers=auth("editor_b")).get_json() == {
        "items": [],
        "total": 0,
        "next_cursor": None,
    }
    assert client.get(f"/v1/labels/{label_id}", headers=auth("admin")).status_code == 200  # admin of org A
    assert rows(labels_app) == 1


def test_filters(client: FlaskClient) -> None:
    for body in (
        {**LABEL, "labeller": "ana", "date": "2024-01-10"},
        {
            **LABEL,
            "text": "Beta denies it.",
            "verdict": "reliable",
            "story_id": "other",
            "date": "2024-03-01",
            "subjects": ["economy", "mergers"],
        },
        {**LABEL, "text": "Talks began in May.", "verdict": "uncertain", "speaker": "Acme", "date": None},
    ):
        assert post(client, body).status_code == 201

    def texts(query: str) -> list[str]:
        response = client.get(f"/v1/labels?{query}", headers=auth("editor_a"))
        assert response.status_code == 200, response.get_json()
        return [item["text"] for item in response.get_json()["items"]]

    assert texts("verdict=reliable") == ["Beta denies it."]
    assert texts("labeller=ana") == ["Acme is in talks to buy Beta."]
    assert texts("story_id=other") == ["Beta denies it."]
    assert texts("speaker=Acme") == ["Talks began in May."]
    assert texts("subject=ECONOMY") == ["Beta denies it."]
    assert texts("subject=econ") == []
    assert texts("date_from=2024-02-01") == ["Beta denies it."]
    assert texts("date_to=2024-02-01") == ["Acme is in talks to buy Beta."]
    assert texts("created_after=2000-01-01T00:00:00Z&created_before=2999-01-01T00:00:00%2B02:00") == [
        "Talks began in May.",
        "Beta denies it.",
        "Acme is in talks to buy Beta.",
    ]
    assert texts("created_after=2999-01-01T00:00:00") == []


def test_cursor_pages_cover_every_label_once(client: FlaskClient) -> None:
    for i in range(7):
        post(client, {**LABEL, "text": f"Claim {i} is made."})
    post(client, LABEL, role="editor_b")
    seen: list[str] = []
    cursor = ""
    pages = 0
    while True:
        query = f"limit=3&cursor={cursor}" if cursor else "limit=3"
        page = client.get(f"/v1/labels?{query}", headers=auth("editor_a")).get_json()
        assert page["total"] == 7
        seen += [item["text"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [f"Claim {i} is made." for i in reversed(range(7))]


def test_the_desk_body_is_accepted(client: FlaskClient) -> None:
    """The shape ``api/static/desk.js`` sends when an editor picks a verdict on a claim card."""
    text = "They are helping fortify positions."
    body = {"text": text, "sources": [{"mention": "an officer"}], "verdict": "unreliable"}
    response = post(client, {**body, "speaker": "an officer"}, key="0f8fad5b-d9cb-469f-a165-70867728950e")
    assert response.status_code == 201, response.get_json()


JSON = "application/json"
HOSTILE: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("malformed JSON", "POST", {"data": b'{"text": ', "content_type": JSON}, 400, "invalid_json"),
    ("deep nesting", "POST", {"data": b"[" * 50_000 + b"]" * 50_000, "content_type": JSON}, 400, "too_deeply_nested"),
    (
        "lone surrogate",
        "POST",
        {"data": b'{"text": "\\udc00", "verdict": "reliable"}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    (
        "NUL byte",
        "POST",
        {"data": b'{"text": "a\\u0000", "verdict": "reliable"}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    (
        "not JSON",
        "POST",
        {"data": b"text=x", "content_type": "application/x-www-form-urlencoded"},
        415,
        "unsupported_media_type",
    ),
    (
        "oversized body",
        "POST",
        {"data": b'{"text": "' + b"x" * 3_000_000 + b'"}', "content_type": JSON},
        413,
        "request_entity_too_large",
    ),
    ("empty body", "POST", {"data": b"", "content_type": JSON}, 422, "unprocessable_entity"),
    ("body is a list", "POST", {"json": [LABEL]}, 422, "unprocessable_entity"),
    ("wrong type", "POST", {"json": {**LABEL, "text": 5}}, 422, "unprocessable_entity"),
    ("unknown field", "POST", {"json": {**LABEL, "colour": "red"}}, 422, "unprocessable_entity"),
    (
        "unknown source field",
        "POST",
        {"json": {**LABEL, "sources": [{"mention": "x", "id": "s1"}]}},
        422,
        "unprocessable_entity",
    ),
    ("unknown verdict", "POST", {"json": {**LABEL, "verdict": "fishy"}}, 422, "unprocessable_entity"),
    ("blank text", "POST", {"json": {**LABEL, "text": "   "}}, 422, "unprocessable_entity"),
    ("too long text", "POST", {"json": {**LABEL, "text": "x" * 5001}}, 422, "unprocessable_entity"),
    ("too many sources", "POST", {"json": {**LABEL, "sources": [{"mention": "m"}] * 51}}, 422, "unprocessable_entity"),
    (
        "a source with no one",
        "POST",
        {"json": {**LABEL, "sources": [{"role": "spokesman"}]}},
        422,
        "unprocessable_entity",
    ),
    ("bad date", "POST", {"json": {**LABEL, "date": "May 1st"}}, 422, "unprocessable_entity"),
    ("subjects not a list", "POST", {"json": {**LABEL, "subjects": "economy"}}, 422, "unprocessable_entity"),
    ("subject with a comma", "POST", {"json": {**LABEL, "subjects": ["a,b"]}}, 422, "unprocessable_entity"),
    (
        "control character in a subject",
        "POST",
        {"json": {**LABEL, "subjects": ["a\x07b"]}},
        422,
        "unprocessable_entity",
    ),
    (
        "too many subjects",
        "POST",
        {"json": {**LABEL, "subjects": [f"s{i}" for i in range(51)]}},
        422,
        "unprocessable_entity",
    ),
    ("too long job", "POST", {"json": {**LABEL, "job": "j" * 501}}, 422, "unprocessable_entity"),
    ("control character", "POST", {"json": {**LABEL, "speaker": "a\x07b"}}, 422, "unprocessable_entity"),
    (
        "idempotency key with spaces",
        "POST",
        {"json": LABEL, "headers": {"Idempotency-Key": "a b"}},
        422,
        "unprocessable_entity",
    ),
    (
        "idempotency key too long",
        "POST",
        {"json": LABEL, "headers": {"Idempotency-Key": "k" * 201}},
        422,
        "unprocessable_entity",
    ),
    (
        "chunked body",
        "POST",
        {"data": "{}", "content_type": JSON, "headers": {"Transfer-Encoding": "chunked"}},
        411,
        "length_required",
    ),
    ("wrong method", "PUT", {"json": LABEL}, 405, "method_not_allowed"),
    ("bad verdict filter", "GET", {"query_string": {"verdict": "fishy"}}, 422, "unprocessable_entity"),
    ("bad cursor", "GET", {"query_string": {"cursor": "1 OR 1=1"}}, 422, "unprocessable_entity"),
    ("page too large", "GET", {"query_string": {"limit": "100000"}}, 422, "unprocessable_entity"),
    ("unknown filter", "GET", {"query_string": {"colour": "red"}}, 422, "unprocessable_entity"),
    ("bad date filter", "GET", {"query_string": {"date_from": "yesterday"}}, 422, "unprocessable_entity"),
    (
        "time out of range",
        "GET",
        {"query_string": {"created_after": "0001-01-01T00:00:00+05:00"}},
        422,
        "unprocessable_entity",
    ),
]


@pytest.mark.parametrize(("case", "method", "request_args", "status", "code"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_input_gets_its_4xx_and_writes_nothing(
    labels_app: Flask, case: str, method: str, request_args: dict[str, Any], status: int, code: str
) -> None:
    del case
    client = labels_app.test_client()
    before = rows(labels_app)
    request_args = dict(request_args)
    headers = {**auth("editor_a"), **request_args.pop("headers", {})}
    response = client.open("/v1/labels", method=method, headers=headers, **request_args)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert body["status"] == status and body["code"] == code and body["message"]
    assert rows(labels_app) == before


@pytest.mark.parametrize(
    "path", ["/v1/labels/0", "/v1/labels/99999999999999999999999", "/v1/labels/-1", "/v1/labels/abc"]
)
def test_a_label_that_cannot_exist_is_a_404_in_the_envelope(client: FlaskClient, path: str) -> None:
    for method in ("GET", "DELETE"):
        response = client.open(path, method=method, headers=auth("editor_a"))
        assert response.status_code == 404
        assert response.get_json()["code"] == "not_found"
