"""CORS: only configured origins, only on /v1, with the headers an embedded tool needs."""

from __future__ import annotations

from tests.api.conftest import ONE_CLAIM, make_app

ORIGIN = "https://cms.example"


def test_no_origins_configured_means_no_cors_headers() -> None:
    response = make_app().test_client().post("/v1/score", json=ONE_CLAIM, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_configured_origin_may_call_and_read_the_version_header() -> None:
    client = make_app(CORS_ORIGINS=ORIGIN).test_client()
    response = client.post("/v1/score", json=ONE_CLAIM, headers={"Origin": ORIGIN})
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Credscore-Version" in response.headers["Access-Control-Expose-Headers"]


def test_preflight_allows_the_auth_header() -> None:
    client = make_app(CORS_ORIGINS=[ORIGIN], SCORING_ACCESS="key").test_client()
    response = client.options(
        "/v1/score",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


def test_another_origin_is_not_allowed() -> None:
    client = make_app(CORS_ORIGINS=[ORIGIN]).test_client()
    response = client.post("/v1/score", json=ONE_CLAIM, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
