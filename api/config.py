"""Configuration defaults; each can be overridden by a ``CREDSCORE_<NAME>`` variable.

Values of environment variables are read as JSON when they parse as JSON
(``CREDSCORE_MAX_CLAIMS=200``, ``CREDSCORE_CORS_ORIGINS='["https://cms.example"]'``)
and as plain strings otherwise. The README's "HTTP API" section lists them.
"""

from __future__ import annotations

from typing import Any

from api.schemas import MAX_ARTICLE, MAX_BATCH, MAX_CLAIMS, MAX_TEXT

DEFAULTS: dict[str, Any] = {
    # Largest request body accepted, in bytes (413 above it).
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # Deepest JSON nesting accepted in a request body (400 above it).
    "MAX_JSON_DEPTH": 32,
    # Most claims in one story (422 above it); may be lowered, never raised past the schema's ceiling.
    "MAX_CLAIMS": MAX_CLAIMS,
    # Longest claim text, in characters (422 above it); may be lowered, never raised past the schema's ceiling.
    "MAX_CLAIM_CHARS": MAX_TEXT,
    # Most stories in one batch call of POST /v1/score (422 above it).
    "MAX_BATCH": MAX_BATCH,
    # Most claims over all stories of one batch call (422 above it).
    "MAX_BATCH_CLAIMS": MAX_CLAIMS,
    # Longest article accepted by POST /v1/analyze, in characters (422 above it).
    "MAX_ARTICLE_CHARS": MAX_ARTICLE,
    # Host and port of `credscore serve`.
    "HOST": "127.0.0.1",
    "PORT": 8000,
    # Scoring endpoints: "open" (anyone) or "key" (an API key of any role).
    "SCORING_ACCESS": "open",
    # /metrics: "open" or "admin" (an admin key).
    "METRICS_ACCESS": "open",
    # API keys as a JSON list of {"hash": sha256 hex, "role": "editor"|"admin", "org": "...", "id"?: "..."};
    # `credscore keys create` prints one.
    "API_KEYS": [],
    # Origins allowed to call the API from a browser (CORS); empty means none.
    "CORS_ORIGINS": [],
    # Number of trusted proxies in front of the app whose X-Forwarded-For may be believed (0: none).
    "TRUSTED_PROXIES": 0,
    # Rate limits ("limits" notation: "120 per minute", "10/second; 500/hour"), counted in fixed windows per API key,
    # else per client address, over all /v1 routes.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_ANONYMOUS": "120 per minute",
    "RATELIMIT_KEYED": "1200 per minute",
    # Where the counters live: memory:// (a table shared by the workers of one machine through RATELIMIT_DIR, which
    # gunicorn.conf.py creates in /dev/shm; without it, per process) or redis://host:6379/0 (shared by every replica).
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_DIR": "",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Label store and model registry: a SQLAlchemy URL (postgresql+psycopg://… for several replicas); empty means
    # a SQLite file credscore.db in DATA_DIR (empty: the app's instance folder), created on first use.
    "DATABASE_URL": "",
    "DATA_DIR": "",
    # How often, in seconds, each worker asks the registry which model version is active (a new one is swapped in
    # without a restart).
    "MODEL_REFRESH_SECONDS": 2.0,
    # OpenAPI document and offline docs (Swagger UI from the flask-swagger-ui wheel).
    "API_TITLE": "credscore",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
}
