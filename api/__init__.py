"""The HTTP face of the scoring service: a Flask application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from api import auth, body, cors, database, engine, metrics, openapi, ratelimit, readiness
from api.config import DEFAULTS
from api.errors import unexpected_error_response
from api.resources import analyze, claimreview, desk, health, jobs, labels, models, score
from api.resources import metrics as metrics_resource

BLUEPRINTS = (
    health.blp,
    metrics_resource.blp,
    score.blp,
    analyze.blp,
    claimreview.blp,
    labels.blp,
    models.blp,
    jobs.blp,
    desk.blp,
)
"""Every resource, registered in this order; a new resource adds its ``blp`` here."""


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``CREDSCORE_*`` environment variables, then test overrides."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CREDSCORE")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the output contract's order
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    # Hook order matters: time everything, then know the caller, then limit it, then read its body.
    metrics.init_app(app)
    auth.init_app(app)
    ratelimit.init_app(app)
    body.init_app(app)
    cors.init_app(app)
    engine.init_app(app)
    readiness.init_app(app)
    database.init_app(app)
    api = openapi.init_app(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_error_handler(Exception, unexpected_error_response)
    return app
