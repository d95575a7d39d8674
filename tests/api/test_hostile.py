"""Hostile input: every kind of bad body gets its own 4xx in the error envelope, never HTML, a traceback or a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import ONE_CLAIM, make_app


def _claims(n: int) -> dict[str, Any]:
    return {"claims": [{"text": f"Claim number {i} is said."} for i in range(n)]}


JSON = "application/json"
CASES: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("malformed JSON", "/v1/score", {"data": b'{"claims": [', "content_type": JSON}, 400, "invalid_json"),
    ("not UTF-8", "/v1/score", {"data": b'{"claims": "\xff"}', "content_type": JSON}, 400, "invalid_json"),
    (
        "deep nesting",
        "/v1/score",
        {"data": b"[" * 100_000 + b"]" * 100_000, "content_type": JSON},
        400,
        "too_deeply_nested",
    ),
    (
        "nesting past the limit",
        "/v1/score",
        {"data": b'{"a":' * 40 + b"1" + b"}" * 40, "content_type": JSON},
        400,
        "too_deeply_nested",
    ),
    (
        "lone surrogate",
        "/v1/score",
        {"data": b'{"claims": [{"text": "\\ud800 x"}]}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    (
        "lone surrogate in a key",
        "/v1/score",
        {"data": b'{"\\udfff": 1}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    (
        "NUL byte",
        "/v1/score",
        {"data": b'{"claims": [{"text": "a\\u0000b"}]}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    (
        "NUL in analyze",
        "/v1/analyze",
        {"data": b'{"text": "Officials said\\u0000 it."}', "content_type": JSON},
        400,
        "invalid_characters",
    ),
    ("wrong type", "/v1/score", {"json": {"claims": [{"text": 5}]}}, 422, "unprocessable_entity"),
    ("body is a list", "/v1/score", {"json": [ONE_CLAIM]}, 422, "unprocessable_entity"),
    ("unknown field", "/v1/score", {"json": {"claims": [{"text": "x", "colour": "red"}]}}, 422, "unprocessable_entity"),
    ("unknown top-level field", "/v1/analyze", {"json": {"text": "x", "html": "<p>"}}, 422, "unprocessable_entity"),
    ("both shapes", "/v1/score", {"json": {**ONE_CLAIM, "stories": [ONE_CLAIM]}}, 422, "unprocessable_entity"),
    ("empty body", "/v1/score", {"data": b"", "content_type": JSON}, 422, "unprocessable_entity"),
    ("too many claims", "/v1/score", {"json": _claims(5001)}, 422, "unprocessable_entity"),
    ("too long claim text", "/v1/score", {"json": {"claims": [{"text": "x" * 5001}]}}, 422, "unprocessable_entity"),
    ("too many stories", "/v1/score", {"json": {"stories": [ONE_CLAIM] * 101}}, 422, "unprocessable_entity"),
    ("non-object batch item", "/v1/score", {"json": {"stories": [ONE_CLAIM, 7]}}, 422, "unprocessable_entity"),
    ("too long article", "/v1/analyze", {"json": {"text": "word " * 40_001}}, 422, "unprocessable_entity"),
    ("blank article", "/v1/analyze", {"json": {"text": "   "}}, 422, "unprocessable_entity"),
    (
        "not an article",
        "/v1/analyze",
        {"json": {"text": "Это статья на русском языке, и она длинная. " * 3}},
        422,
        "unreadable_article",
    ),
    (
        "bad date",
        "/v1/analyze",
        {"json": {"text": "Officials said it.", "date": "yesterday"}},
        422,
        "unprocessable_entity",
    ),
    (
        "oversized body",
        "/v1/score",
        {"data": b" " * (2 * 1024 * 1024 + 1), "content_type": JSON},
        413,
        "request_entity_too_large",
    ),
    (
        "chunked without length",
        "/v1/score",
        {"data": json.dumps(ONE_CLAIM), "content_type": JSON, "headers": {"Transfer-Encoding": "chunked"}},
        411,
        "length_required",
    ),
    ("form body", "/v1/score", {"data": {"claims": "x"}}, 415, "unsupported_media_type"),
    (
        "text body",
        "/v1/analyze",
        {"data": "Officials said it.", "content_type": "text/plain"},
        415,
        "unsupported_media_type",
    ),
]


@pytest.fixture(scope="module")
def hostile_client() -> FlaskClient:
    return make_app().test_client()


@pytest.mark.parametrize(("name", "path", "request_kwargs", "status", "code"), CASES, ids=[c[0] for c in CASES])
def test_hostile_body_gets_its_4xx(
    hostile_client: FlaskClient, name: str, path: str, request_kwargs: dict[str, Any], status: int, code: str
) -> None:
    response = hostile_client.post(path, **request_kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"status", "code", "message", "errors"}
    assert body["status"] == status and body["code"] == code
    assert "Traceback" not in response.get_data(as_text=True)
    assert "X-Credscore-Version" not in response.headers  # nothing was scored


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nope", 404), ("DELETE", "/v1/score", 405), ("GET", "/v1/analyze", 405), ("PUT", "/healthz", 405)],
)
def test_routing_errors_are_envelopes(hostile_client: FlaskClient, method: str, path: str, status: int) -> None:
    response = hostile_client.open(path, method=method)
    assert response.status_code == status
    assert response.get_json()["status"] == status
    if status == 405:
        assert "Allow" in response.headers


def test_configured_limits_apply() -> None:
    client = make_app(
        MAX_CLAIMS=2, MAX_CLAIM_CHARS=30, MAX_ARTICLE_CHARS=20, MAX_BATCH=1, MAX_CONTENT_LENGTH=4000
    ).test_client()
    assert client.post("/v1/score", json=_claims(3)).status_code == 422
    assert client.post("/v1/score", json=_claims(2)).status_code == 200
    too_long = client.post("/v1/score", json={"claims": [{"text": "x" * 31}]})
    assert "CREDSCORE_MAX_CLAIM_CHARS" in json.dumps(too_long.get_json()["errors"])
    assert client.post("/v1/score", json={"stories": [ONE_CLAIM, ONE_CLAIM]}).status_code == 422
    assert client.post("/v1/analyze", json={"text": "Officials said it was fine."}).status_code == 422
    assert client.post("/v1/score", json={"claims": [{"text": "x" * 5000}]}).status_code == 413
    shallow = make_app(MAX_JSON_DEPTH=3).test_client()
    assert shallow.post("/v1/score", json={"claims": [{"text": "x"}]}).status_code == 200
    assert shallow.post("/v1/score", json={"claims": [{"text": "x", "sources": [{"mention": "y"}]}]}).status_code == 400


def test_a_bug_is_a_json_500_without_traceback() -> None:
    app: Flask = make_app()

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.get_json()["code"] == "internal_server_error"
    assert "secret internals" not in response.get_data(as_text=True)
