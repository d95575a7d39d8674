"""Rate limits: per key, per address for anonymous callers, a 429 in the envelope; health is never limited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.api.conftest import ONE_CLAIM, auth, make_app


def _client() -> FlaskClient:
    return make_app(
        RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS="2 per minute", RATELIMIT_KEYED="3 per minute"
    ).test_client()


def test_anonymous_callers_get_a_429_envelope() -> None:
    client = _client()
    assert [client.post("/v1/score", json=ONE_CLAIM).status_code for _ in range(3)] == [200, 200, 429]
    response = client.post("/v1/analyze", json={"text": "Officials said it."})
    assert response.status_code == 429  # the limit covers every /v1 route together
    body = response.get_json()
    assert body["status"] == 429 and body["code"] == "rate_limited" and "2 per 1 minute" in body["message"]
    assert int(response.headers["Retry-After"]) > 0


def test_each_key_has_its_own_budget() -> None:
    client = _client()
    editor_a = [client.post("/v1/score", json=ONE_CLAIM, headers=auth("editor_a")).status_code for _ in range(4)]
    editor_b = [client.post("/v1/score", json=ONE_CLAIM, headers=auth("editor_b")).status_code for _ in range(4)]
    assert editor_a == editor_b == [200, 200, 200, 429]


def test_addresses_are_counted_apart() -> None:
    client = _client()
    first = [
        client.post("/v1/score", json=ONE_CLAIM, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code for _ in range(3)
    ]
    other = client.post("/v1/score", json=ONE_CLAIM, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert first == [200, 200, 429] and other.status_code == 200


def test_health_and_metrics_are_never_limited() -> None:
    client = _client()
    for _ in range(5):
        client.post("/v1/score", json=ONE_CLAIM)
    assert {client.get(path).status_code for path in ("/healthz", "/readyz", "/metrics") for _ in range(5)} == {200}


def test_workers_sharing_a_directory_share_one_budget(tmp_path: Path) -> None:
    """Two app instances (as two gunicorn workers) with one RATELIMIT_DIR count together."""
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_ANONYMOUS": "3 per minute", "RATELIMIT_DIR": str(tmp_path)}
    first, second = make_app(**settings).test_client(), make_app(**settings).test_client()
    statuses = [client.post("/v1/score", json=ONE_CLAIM).status_code for client in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]


def test_limited_responses_tell_the_caller_its_budget() -> None:
    client = _client()
    first, second = (client.post("/v1/score", json=ONE_CLAIM) for _ in range(2))
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert (first.headers["X-RateLimit-Remaining"], second.headers["X-RateLimit-Remaining"]) == ("1", "0")
    assert int(first.headers["X-RateLimit-Reset"]) > 0
    assert "X-RateLimit-Limit" not in client.get("/healthz").headers


def test_several_limits_all_count_and_the_tightest_stops() -> None:
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS="5 per minute; 2 per hour").test_client()
    responses = [client.post("/v1/score", json=ONE_CLAIM) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert "2 per 1 hour" in responses[2].get_json()["message"]


def test_a_mistyped_limit_stops_the_start() -> None:
    with pytest.raises(ValueError, match="invalid rate limit"):
        make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS="lots per minute")


REDIS_URL = os.environ.get("CREDSCORE_TEST_REDIS_URL", "")


@pytest.fixture
def redis_url() -> str:
    """A real Redis server from ``.ci/run`` (``.ci/start-redis``); a fresh database for each test."""
    reason = "CREDSCORE_TEST_REDIS_URL is not set (.ci/run starts a Redis server and sets it)"
    if not REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: in CI the Redis tests must run, not skip")
        pytest.skip(reason)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return REDIS_URL


def test_replicas_sharing_redis_share_one_budget(redis_url: str) -> None:
    """Two app instances with different local directories (two machines) count together through Redis."""
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_ANONYMOUS": "3 per minute", "RATELIMIT_STORAGE_URI": redis_url}
    first, second = make_app(**settings).test_client(), make_app(**settings).test_client()
    responses = [client.post("/v1/score", json=ONE_CLAIM) for client in (first, second, first, second)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r.headers["X-RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert int(responses[3].headers["Retry-After"]) > 0


def test_a_store_that_goes_away_lets_requests_through() -> None:
    """Losing the limit for a moment is better than refusing every caller: a dead Redis is logged, not a 500."""
    dead = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS="1 per minute", RATELIMIT_STORAGE_URI=dead)
    statuses = [client.test_client().post("/v1/score", json=ONE_CLAIM).status_code for _ in range(2)]
    assert statuses == [200, 200]
