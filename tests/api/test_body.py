"""The body guard's shortcuts and the parser's memory of loaded bodies never let a bad body through."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import body
from tests.api.conftest import ONE_CLAIM, make_app

JSON = "application/json"


def _post(client: FlaskClient, data: bytes | str) -> Any:
    return client.post("/v1/score", data=data, content_type=JSON)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        # brackets inside strings count towards the shortcut's bound but are not nesting
        (json.dumps({"claims": [{"text": "[" * 200 + " {quoted} " + "]" * 200}]}), 200),
        # an escaped backslash followed by "u0000" is text, not a NUL
        ('{"claims": [{"text": "a path C:\\\\u0000 and C:\\\\uD800"}]}', 200),
        ('{"claims": [{"text": "an upper-case lone surrogate \\uDBFF here"}]}', 400),
        ('{"claims": [{"text": "a NUL \\u0000 here"}]}', 400),
        # non-ASCII written as escapes is fine: only NUL and surrogates are refused
        ('{"claims": [{"text": "Caf\\u00e9 owners \\u2014 all of them \\u2014 said so."}]}', 200),
        ('{"claims": [{"text": "a pair \\ud83d\\ude00 is one character"}]}', 200),
    ],
)
def test_the_guard_reads_escapes_and_brackets_exactly(client: FlaskClient, raw: str, status: int) -> None:
    response = _post(client, raw)
    assert response.status_code == status, response.get_json()


def test_nesting_at_the_limit_passes_and_one_deeper_fails() -> None:
    client = make_app(MAX_JSON_DEPTH=5).test_client()
    at_limit = {"claims": [{"text": "Acme said so.", "sources": [{"mention": "Acme"}]}]}  # 5 containers deep
    assert _post(client, json.dumps(at_limit)).status_code == 200
    deeper = {"claims": [{"text": "Acme said so.", "sources": [{"mention": "Acme", "x": [1]}]}]}
    answer = _post(client, json.dumps(deeper))
    assert answer.status_code == 400
    assert answer.get_json()["code"] == "too_deeply_nested"


def _memo(app: Flask) -> dict[Any, Any]:
    return dict(app.extensions.get(body.MEMO, {}))


def test_a_body_sent_again_is_loaded_once_and_answered_the_same(app: Flask, client: FlaskClient) -> None:
    raw = json.dumps(ONE_CLAIM)
    first = _post(client, raw)
    assert len(_memo(app)) == 1
    second = _post(client, raw)
    assert first.status_code == second.status_code == 200
    assert first.get_json() == second.get_json()
    assert len(_memo(app)) == 1
    _post(client, json.dumps(ONE_CLAIM, indent=1))  # the same story in other bytes is loaded on its own
    assert len(_memo(app)) == 2


def test_an_invalid_body_is_never_remembered(app: Flask, client: FlaskClient) -> None:
    raw = json.dumps({"claims": [{"text": "Acme said so.", "unexpected": 1}]})
    for _ in range(2):
        answer = _post(client, raw)
        assert answer.status_code == 422
        assert "unexpected" in json.dumps(answer.get_json()["errors"])
    assert _memo(app) == {}


def test_each_app_loads_with_its_own_limits() -> None:
    raw = json.dumps({"claims": [{"text": "One."}, {"text": "Two."}]})
    roomy = make_app().test_client()
    strict = make_app(MAX_CLAIMS=1).test_client()
    assert _post(roomy, raw).status_code == 200
    answer = _post(strict, raw)
    assert answer.status_code == 422
    assert "CREDSCORE_MAX_CLAIMS" in json.dumps(answer.get_json())


def test_remembered_bodies_stay_bounded(monkeypatch: pytest.MonkeyPatch, app: Flask, client: FlaskClient) -> None:
    monkeypatch.setattr(body, "MEMO_SIZE", 2)
    monkeypatch.setattr(body, "MEMO_MAX_BYTES", 200)
    for i in range(5):
        assert _post(client, json.dumps({"claims": [{"text": f"Claim {i} was said."}]})).status_code == 200
        assert len(_memo(app)) <= 2
    big = json.dumps({"claims": [{"text": "Word " * 100}]})
    before = _memo(app)
    assert _post(client, big).status_code == 200
    assert _memo(app) == before
