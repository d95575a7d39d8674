"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from flask import current_app, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import Schema, fields

from api import readiness
from api.blueprint import Blueprint
from api.errors import ErrorSchema, envelope
from scoring.version import RULES_VERSION

blp = Blueprint("health", __name__, description="Is the process alive, and may it take traffic?")


class HealthSchema(Schema):
    """The process answers."""

    status = fields.String(required=True, metadata={"enum": ["ok"]})
    rules_version = fields.String(required=True)


class ReadySchema(Schema):
    """Every readiness check passed."""

    status = fields.String(required=True, metadata={"enum": ["ready"]})
    checks = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


@blp.route("/healthz", methods=["GET"])
@blp.response(200, HealthSchema)
def healthz() -> ResponseReturnValue:
    """Alive: answers as long as the process can serve requests."""
    return jsonify({"status": "ok", "rules_version": RULES_VERSION})


@blp.route("/readyz", methods=["GET"])
@blp.response(200, ReadySchema)
@blp.alt_response(503, schema=ErrorSchema, description="Not ready: 'errors' says which check failed and why.")
def readyz() -> ResponseReturnValue:
    """Ready: models loaded, database reachable, not shutting down."""
    results = readiness.run_checks(current_app._get_current_object())  # type: ignore[attr-defined]
    failing = {name: reason for name, reason in results.items() if reason is not None}
    if failing:
        response = envelope(503, "not_ready", "This process is not ready to take traffic.", failing)
        response.headers["Cache-Control"] = "no-store"
        return response
    response = jsonify({"status": "ready", "checks": {name: "ok" for name in results}})
    response.headers["Cache-Control"] = "no-store"
    return response
