"""A fresh install with no labels scores with the shipped default model, and says so in every score."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient

from api import database
from scoring.training.default import DEFAULT_DIR, META_NAME, RULE_PRIOR_VERSION
from tests.api.conftest import ONE_CLAIM, auth


def test_a_fresh_app_with_zero_labels_scores_with_the_default_model(app: Flask, client: FlaskClient) -> None:
    shipped = json.loads((DEFAULT_DIR / META_NAME).read_text(encoding="utf-8"))["version"]
    assert shipped != RULE_PRIOR_VERSION
    assert database.store(app).labels.count() == 0
    response = client.post("/v1/score", json=ONE_CLAIM)
    assert response.status_code == 200
    assert response.get_json()["version"]["model"] == shipped
    assert f"model={shipped}" in response.headers["X-Credscore-Version"]
    claim = response.get_json()["claims"][0]
    assert 0.0 <= claim["credibility"]["score"] <= 1.0 and claim["credibility"]["reasons"]
    listing = client.get("/v1/models", headers=auth("editor_a")).get_json()
    assert listing["default_version"] == listing["serving"] == shipped and listing["versions"] == []
