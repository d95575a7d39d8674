"""Fixtures for the HTTP tests: apps built from the real factory, API keys for two organisations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import create_app, database, readiness
from api.auth import hash_key

KEYS = {
    "editor_a": "csk_test-editor-of-org-a-0123456789abcdef",
    "editor_b": "csk_test-editor-of-org-b-0123456789abcdef",
    "admin": "csk_test-admin-of-org-a-0123456789abcdef",
}
"""Plain keys the tests send; the app only ever sees their hashes."""

KEY_CONFIG = [
    {"hash": hash_key(KEYS["editor_a"]), "role": "editor", "org": "org-a", "id": "editor-a"},
    {"hash": hash_key(KEYS["editor_b"]), "role": "editor", "org": "org-b", "id": "editor-b"},
    {"hash": hash_key(KEYS["admin"]), "role": "admin", "org": "org-a", "id": "admin-a"},
]

ONE_CLAIM = {"claims": [{"text": "Acme is in talks to buy Beta.", "sources": [{"mention": "people familiar with it"}]}]}


def make_app(**overrides: Any) -> Flask:
    """A test app with keys configured and rate limits off unless ``overrides`` say otherwise."""
    config: dict[str, Any] = {"TESTING": True, "API_KEYS": KEY_CONFIG, "RATELIMIT_ENABLED": False}
    config.update(overrides)
    return create_app(config)


def auth(role: str | None) -> Mapping[str, str]:
    """Headers for a caller: ``None`` is anonymous, else a key of :data:`KEYS`."""
    return {} if role is None else {"Authorization": f"Bearer {KEYS[role]}"}


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """A fresh app over its own empty SQLite database in ``tmp_path``."""
    built = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'credscore.db'}")
    yield built
    database.close(built)
    readiness.reset_shutdown()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
