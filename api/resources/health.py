"""Liveness: the process is up and answering."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from scoring.version import RULES_VERSION

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Answer as long as the process can serve requests."""
    return jsonify({"status": "ok", "rules_version": RULES_VERSION})
