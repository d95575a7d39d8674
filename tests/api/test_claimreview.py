"""``POST /v1/claimreview`` and ``credscore score --claimreview``: ClaimReview drafts over HTTP and the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from api.cli import main

STORY: dict[str, Any] = {
    "id": "laos",
    "title": "Laos sends engineers to Kursk",
    "claims": [
        {
            "id": "c1",
            "text": "Our engineers are focused solely on non-combat demining.",
            "sources": [{"mention": "a spokesperson from Vientiane"}],
        },
        {
            "id": "c2",
            "text": "They are helping fortify positions and maintain supply routes.",
            "sources": [{"mention": "a Ukrainian intelligence officer"}],
        },
    ],
}


@pytest.fixture()
def app() -> Flask:
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_one_story_gives_one_draft_per_claim_with_the_scores_of_the_report(client: FlaskClient) -> None:
    scored = client.post("/v1/score", json=STORY).get_json()
    response = client.post("/v1/claimreview?url=https://news.example/laos&date_published=2024-11-02", json=STORY)
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert "model=" in response.headers["X-Credscore-Version"]
    document = json.loads(response.get_data(as_text=True))
    assert document["@context"] == "https://schema.org"
    for node, claim in zip(document["@graph"], scored["claims"], strict=True):
        assert node["claimReviewed"] == claim["text"]
        assert node["reviewRating"]["ratingValue"] == pytest.approx(claim["credibility"]["score"], abs=1e-4)
        assert node["reviewRating"]["alternateName"] == claim["credibility"]["label"]
        appearance = node["itemReviewed"]["appearance"]
        assert appearance == {
            "@type": "CreativeWork",
            "url": "https://news.example/laos",
            "headline": STORY["title"],
            "datePublished": "2024-11-02",
        }
    officer = document["@graph"][1]["itemReviewed"]["author"]
    assert officer["name"] == "a Ukrainian intelligence officer"
    assert "fortify positions" in document["@graph"][0]["reviewRating"]["ratingExplanation"]


def test_claim_filter_and_unknown_claim(client: FlaskClient) -> None:
    only = json.loads(client.post("/v1/claimreview?claim=c2", json=STORY).get_data(as_text=True))
    assert [node["identifier"] for node in only["@graph"]] == ["c2"]
    missing = client.post("/v1/claimreview?claim=c7", json=STORY)
    assert missing.status_code == 422
    assert missing.get_json()["errors"] == {"claim": ["no claim with id c7 in this story"]}


def test_a_batch_is_one_graph_and_a_bad_story_is_left_out_and_named(client: FlaskClient) -> None:
    other = {"claims": [{"text": "The ministry confirmed the figures.", "sources": [{"name": "Ministry of Health"}]}]}
    response = client.post("/v1/claimreview", json={"stories": [STORY, other]})
    graph = json.loads(response.get_data(as_text=True))["@graph"]
    assert [node["identifier"] for node in graph] == ["laos/c1", "laos/c2", "stories[1]/c1"]
    assert "X-Credscore-Skipped" not in response.headers
    bad = client.post("/v1/claimreview", json={"stories": [STORY, {"claims": []}]})
    assert bad.status_code == 200
    assert bad.headers["X-Credscore-Skipped"] == "stories[1]"
    assert [node["identifier"] for node in json.loads(bad.get_data(as_text=True))["@graph"]] == ["laos/c1", "laos/c2"]


def test_same_validation_as_score(client: FlaskClient) -> None:
    for body in ({"claims": [{"text": ""}]}, {"claims": [{"text": "x", "colour": "red"}]}, {"nothing": 1}):
        assert client.post("/v1/claimreview", json=body).status_code == client.post("/v1/score", json=body).status_code


def test_keyed_scoring_access_applies(app: Flask) -> None:
    app.config["SCORING_ACCESS"] = "key"
    assert app.test_client().post("/v1/claimreview", json=STORY).status_code == 401


def test_cli_prints_the_same_drafts() -> None:
    result = CliRunner().invoke(main, ["score", "-", "--claimreview", "--claim", "c1"], input=json.dumps(STORY))
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [node["identifier"] for node in document["@graph"]] == ["c1"]
    assert document["@graph"][0]["itemReviewed"]["appearance"]["headline"] == STORY["title"]
    refused = CliRunner().invoke(main, ["score", "-", "--claimreview", "--claim", "c9"], input=json.dumps(STORY))
    assert refused.exit_code == 1
    assert "no claim with id c9" in refused.output
