"""One JSON error envelope for every failure, never an HTML page or a traceback."""

from __future__ import annotations

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException, InternalServerError


def envelope(status: int, code: str, message: str, errors: object = None) -> Response:
    """The error body every endpoint uses: ``status``, ``code``, ``message``, ``errors``."""
    response = jsonify({"status": status, "code": code, "message": message, "errors": errors or {}})
    response.status_code = status
    return response


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    code = (error.name or "error").lower().replace(" ", "_")
    return envelope(status, code, error.description or error.name)


def _unexpected(error: Exception) -> Response:
    del error
    return envelope(500, "internal_server_error", InternalServerError.description)


def init_app(app: Flask) -> None:
    """Register the JSON handlers on ``app``."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
