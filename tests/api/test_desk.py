"""The desk page and the widget file are served, and are what the browser tests drive."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from api import create_app
from api.resources.desk import WIDGET_FILE, WIDGET_PATH


@pytest.fixture()
def client() -> FlaskClient:
    return create_app({"TESTING": True}).test_client()


def test_desk_page_loads_the_versioned_widget_and_its_script(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert f'<script src="{WIDGET_PATH}" defer></script>' in html
    assert "<credscore-report" in html and "/static/desk.js" in html
    for asset in ("/static/desk.js", "/static/desk.css"):
        with client.get(asset) as response:
            assert response.status_code == 200


def test_widget_is_one_cacheable_javascript_file_any_origin_may_load(client: FlaskClient) -> None:
    with client.get(WIDGET_PATH) as response:
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "max-age=" in response.headers["Cache-Control"]
        assert response.get_data() == WIDGET_FILE.read_bytes()


def test_widget_imports_nothing() -> None:
    """No build step, no dependency: the file neither imports modules nor loads other scripts."""
    source = WIDGET_FILE.read_text(encoding="utf-8")
    for forbidden in ("import ", "require(", "importScripts", 'document.createElement("script")', "http://", "<link"):
        assert forbidden not in source.replace("http://www.w3.org", ""), forbidden
