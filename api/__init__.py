"""The HTTP face of the scoring service: a Flask application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from api import errors
from api.config import DEFAULTS
from api.resources import health


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``CREDSCORE_*`` environment variables, then test overrides."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CREDSCORE")
    if test_config is not None:
        app.config.from_mapping(test_config)
    errors.init_app(app)
    app.register_blueprint(health.blueprint)
    return app
