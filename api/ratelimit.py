"""Rate limits per API key (or per client address for anonymous calls), over all ``/v1`` routes.

Counters live where ``CREDSCORE_RATELIMIT_STORAGE_URI`` says: ``memory://``
(the default) counts inside each worker process, so with N gunicorn workers a
client gets up to N times the limit; ``redis://host:6379/0`` shares one count
between every worker and every replica, which is what a deployment at scale
uses. Health, readiness, metrics and the docs are never limited, so a busy
client cannot make a load balancer take a replica out.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from api.auth import Principal
from api.errors import envelope

EXTENSION = "credscore.limiter"
LIMITED_PREFIX = "/v1/"


def client_key() -> str:
    """Who a request counts against: its API key id, else its client address."""
    principal: Principal | None = g.get("principal")
    if principal is not None:
        return f"key:{principal.key_id}"
    return f"ip:{request.remote_addr or 'unknown'}"


def _limit_for_caller() -> str:
    setting = "RATELIMIT_KEYED" if g.get("principal") is not None else "RATELIMIT_ANONYMOUS"
    return str(current_app.config[setting])


def _not_limited() -> bool:
    return not request.path.startswith(LIMITED_PREFIX) or request.method == "OPTIONS"


def _too_many(error: RateLimitExceeded) -> Response:
    # Flask-Limiter adds Retry-After and the X-RateLimit-* headers to this response after the handler.
    return envelope(
        429,
        "rate_limited",
        f"Too many requests: the limit is {error.description}. Slow down and retry after the Retry-After seconds.",
    )


def init_app(app: Flask) -> Limiter:
    """Limit every ``/v1`` request by caller; a breach is a 429 in the error envelope."""
    limiter = Limiter(client_key, application_limits=[_limit_for_caller])
    limiter.request_filter(_not_limited)
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _too_many)
    app.extensions[EXTENSION] = limiter
    return limiter
