"""Scoring over HTTP: one story, batches with per-item errors, article analysis, versions, metrics, swaps."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from api.engine import holder
from scoring import Scorer
from tests.api.conftest import ONE_CLAIM
from tests.conftest import FIXTURES


def _version_header(version: dict[str, str]) -> str:
    return "; ".join(f"{key}={version[key]}" for key in ("rules", "model", "conflict_model", "knowledge"))


def test_one_story_gets_the_output_contract_and_its_versions(client: FlaskClient) -> None:
    response = client.post("/v1/score", json=ONE_CLAIM)
    assert response.status_code == 200
    body = response.get_json()
    assert [c["id"] for c in body["claims"]] == ["c1"]
    assert set(body) == {"claims", "sources", "conflicts", "version"}
    assert response.headers["X-Credscore-Version"] == _version_header(body["version"])


def test_a_batch_answers_each_story_even_when_one_is_bad(client: FlaskClient) -> None:
    stories = [ONE_CLAIM, {"claims": [{"text": 5}]}, {"id": "s3", "claims": [{"text": "It rained."}]}]
    response = client.post("/v1/score", json={"stories": stories})
    assert response.status_code == 200
    body = response.get_json()
    assert [(r["index"], r["status"]) for r in body["results"]] == [(0, 200), (1, 422), (2, 200)]
    assert body["results"][1]["error"]["errors"] == {"claims": {"0": {"text": ["Not a valid string."]}}}
    assert body["results"][0]["report"] == client.post("/v1/score", json=ONE_CLAIM).get_json()
    assert response.headers["X-Credscore-Version"] == _version_header(body["version"])


def test_analyze_returns_claims_and_sources_with_spans(client: FlaskClient) -> None:
    text = (FIXTURES / "articles" / "laos-kursk.txt").read_text(encoding="utf-8")
    response = client.post("/v1/analyze", json={"text": text, "url": "https://news.example/a", "date": "2024-11-02"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["article"] == {
        "url": "https://news.example/a",
        "title": None,
        "date": "2024-11-02",
        "characters": len(text),
    }
    assert body["claims"] and all("span" in claim for claim in body["claims"])
    for source in body["sources"]:
        span = source["span"]
        assert 0 <= span["start"] < span["end"] <= len(text)
    claim = body["claims"][0]
    assert text[claim["span"]["start"] : claim["span"]["end"]] in claim["text"] or claim["text"].startswith(
        text[claim["span"]["start"] : claim["span"]["start"] + 10]
    )
    assert response.headers["X-Credscore-Version"] == _version_header(body["version"])


def test_analyze_of_text_without_claims_is_an_empty_report(client: FlaskClient) -> None:
    body = client.post("/v1/analyze", json={"text": "Rain."}).get_json()
    assert body["claims"] == [] and body["article"]["characters"] == 5


def test_a_swapped_scorer_serves_the_next_request(app: Flask, client: FlaskClient) -> None:
    before = client.post("/v1/score", json=ONE_CLAIM)
    holder(app).swap(Scorer(model_version="candidate-7"))
    after = client.post("/v1/score", json=ONE_CLAIM)
    assert before.get_json()["version"]["model"] != "candidate-7"
    assert after.get_json()["version"]["model"] == "candidate-7"
    assert "model=candidate-7" in after.headers["X-Credscore-Version"]


def test_metrics_count_requests_per_endpoint_and_name_the_model(client: FlaskClient) -> None:
    client.post("/v1/score", json=ONE_CLAIM)
    client.post("/v1/score", json={"claims": []})
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert 'credscore_http_requests_total{endpoint="/v1/score",method="POST",status="200"}' in text
    assert 'credscore_http_requests_total{endpoint="/v1/score",method="POST",status="422"}' in text
    assert 'credscore_http_request_duration_seconds_bucket{endpoint="/v1/score"' in text
    assert "credscore_model_info{" in text
