"""The OpenAPI document covers every route, and the docs work without the internet."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from api.openapi import DOC_ENDPOINTS


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_every_flask_route_is_in_the_openapi_document(app: Flask, client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in DOC_ENDPOINTS:
            continue
        documented = paths.get(_openapi_path(rule.rule), {})
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if method.lower() not in documented:
                missing.append(f"{method} {rule.rule}")
    assert missing == []


def test_errors_are_documented_with_the_envelope(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert set(spec["components"]["schemas"]["Error"]["properties"]) == {"status", "code", "message", "errors"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # path parameters shared by the path's operations, not an operation
                continue
            assert "default" in operation["responses"], f"{method} {path}"


def test_docs_load_only_local_assets(client: FlaskClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/docs/assets/") for url in urls)
    assert "://" not in html  # no CDN, and Swagger UI's online validator is off
    assert '"validatorUrl": null' in html
    for url in urls:
        with client.get(url) as asset:
            assert asset.status_code == 200


def test_scoring_operations_document_the_version_and_shape(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert "oneOf" in schemas["ScoreRequest"]
    assert set(schemas["Version"]["required"]) == {"rules", "model", "knowledge"}
    assert "anyOf" in schemas["Source"]
