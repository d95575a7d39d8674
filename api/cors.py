"""Cross-origin access for tools embedded in a newsroom's CMS: only the configured origins, only ``/v1``."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_cors import CORS

EXPOSED_HEADERS = [
    "X-Credscore-Version",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "X-API-Key"]


def origins(value: Any) -> list[str]:
    """``CREDSCORE_CORS_ORIGINS`` as a list: a JSON list, or a comma-separated string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(item) for item in value or []]


def init_app(app: Flask) -> None:
    """Answer CORS requests from the configured origins; with none configured, send no CORS headers at all."""
    allowed = origins(app.config["CORS_ORIGINS"])
    if not allowed:
        return
    CORS(
        app,
        resources={r"/v1/*": {"origins": allowed}},
        expose_headers=EXPOSED_HEADERS,
        allow_headers=ALLOWED_HEADERS,
        max_age=600,
    )
