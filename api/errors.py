"""One JSON error envelope for every failure, never an HTML page or a traceback.

Every error body is ``{"status": 404, "code": "not_found", "message": "...", "errors": {...}}``:
``code`` is a stable slug clients can branch on, ``errors`` holds field errors
(for validation failures, keyed like the request body) or per-check reasons.
Views and hooks raise with :func:`fail`; flask-smorest and webargs raise their
own HTTP exceptions, which :func:`http_error_response` turns into the same shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, NoReturn

from flask import Response, jsonify
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed, default_exceptions

log = logging.getLogger(__name__)


class ErrorSchema(Schema):
    """The error envelope, as documented in the OpenAPI document."""

    status = fields.Integer(required=True, metadata={"description": "HTTP status code."})
    code = fields.String(required=True, metadata={"description": "Stable machine-readable error code."})
    message = fields.String(required=True, metadata={"description": "What went wrong and what to do about it."})
    errors = fields.Dict(
        required=True, metadata={"description": "Field errors keyed like the request body, or per-check reasons."}
    )


def envelope(
    status: int, code: str, message: str, errors: object = None, headers: Mapping[str, str] | None = None
) -> Response:
    """The error body every endpoint uses: ``status``, ``code``, ``message``, ``errors``."""
    response = jsonify({"status": status, "code": code, "message": message, "errors": errors or {}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def slug(status: int) -> str:
    """``not_found`` for 404, ``unprocessable_entity`` for 422…"""
    exception = default_exceptions.get(status)
    name = exception().name if exception is not None else "error"
    return name.lower().replace(" ", "_").replace("'", "")


def fail(
    status: int,
    message: str,
    *,
    code: str | None = None,
    errors: object = None,
    headers: Mapping[str, str] | None = None,
) -> NoReturn:
    """Stop the request with an error envelope (from a view, a hook or a helper)."""
    exception_class = default_exceptions.get(status, HTTPException)
    error = exception_class(description=message)
    error.code = status
    error.data = {"code": code or slug(status), "message": message, "errors": errors, "headers": headers}  # type: ignore[attr-defined]
    raise error


def _field_errors(data: Mapping[str, Any]) -> object:
    """Errors from :func:`fail`, or webargs' validation messages with the lone ``json`` location unwrapped."""
    if data.get("errors") is not None:
        return data["errors"]
    messages = data.get("messages")
    if isinstance(messages, Mapping) and set(messages) == {"json"}:
        return messages["json"]
    return messages


def http_error_response(error: HTTPException) -> Response:
    """The envelope for any HTTP exception: ours, werkzeug's, webargs' or an extension's."""
    status = error.code or 500
    data: Mapping[str, Any] = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        headers.setdefault("Allow", ", ".join(error.valid_methods))
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="credscore"')
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        headers.setdefault("Retry-After", str(retry_after))
    message = data.get("message") or error.description or error.name
    if status == 422 and "messages" in data and "message" not in data:
        message = "The request body failed validation; see 'errors'."
    return envelope(status, data.get("code") or slug(status), str(message), _field_errors(data), headers)


def unexpected_error_response(error: Exception) -> Response:
    """A 500 envelope for a bug, logged with its traceback but never showing it to the client."""
    log.exception("unhandled error", exc_info=error)
    return envelope(500, "internal_server_error", InternalServerError.description)
