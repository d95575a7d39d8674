"""Configuration defaults; each can be overridden by a ``CREDSCORE_<NAME>`` variable."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # Largest request body accepted, in bytes (Flask answers 413 above it).
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # Host and port of `credscore serve`.
    "HOST": "127.0.0.1",
    "PORT": 8000,
}
