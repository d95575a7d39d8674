"""Rate limits per API key (or per client address for anonymous calls), over all ``/v1`` routes.

Limits are written in the ``limits`` library's notation (``120 per minute``,
``10/second; 500/hour``) and counted in fixed windows. Where the counts live is
``CREDSCORE_RATELIMIT_STORAGE_URI``:

- ``memory://`` (the default): :class:`api.window_counters.WindowCounters`, shared
  by every gunicorn worker of the machine through the directory
  ``CREDSCORE_RATELIMIT_DIR`` that ``gunicorn.conf.py`` creates in shared memory
  (without a directory, by the threads of one process);
- ``redis://host:6379/0`` or any other storage URI ``limits`` knows: shared by
  every replica, which is what a deployment on several machines uses.

Health, readiness, metrics and the docs are never limited, so a busy client
cannot make a load balancer take a replica out. A counter store that fails
(Redis down) lets the request through and logs it: losing the limit for a
moment is better than refusing every caller.

Why not Flask-Limiter, which the service used first: its in-memory storage
starts a timer thread to expire counts, counts per process, and its hooks took
about a third of the time of a one-claim ``/v1/score`` request.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from functools import lru_cache

from flask import Flask, Response, current_app, g, request
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from api.auth import Principal
from api.errors import fail
from api.window_counters import WindowCounters

log = logging.getLogger(__name__)

EXTENSION = "credscore.limiter"
LIMITED_PREFIX = "/v1/"


@dataclass(frozen=True)
class Allowance:
    """What one limit leaves a caller after a request: whether it may pass, how many remain, when it resets."""

    limit: RateLimitItem
    allowed: bool
    remaining: int
    resets_at: float


class Limiter:
    """Counts a caller's requests against limits in the configured store."""

    def __init__(self, storage_uri: str, directory: str | None = None) -> None:
        self._windows: WindowCounters | None = None
        self._limits: FixedWindowRateLimiter | None = None
        if storage_uri.startswith("memory://"):
            self._windows = WindowCounters(directory or None)
        else:
            self._limits = FixedWindowRateLimiter(storage_from_string(storage_uri))

    def hit(self, caller: str, limit: RateLimitItem) -> Allowance:
        """Count one request of ``caller`` against ``limit``."""
        if self._windows is not None:
            seconds = limit.get_expiry()
            counted = self._windows.hit(f"{caller}|{limit.amount}/{seconds}", seconds)
            left = limit.amount - counted.hits
            return Allowance(limit, left >= 0, max(0, left), counted.resets_at)
        assert self._limits is not None
        allowed = self._limits.hit(limit, caller)
        stats = self._limits.get_window_stats(limit, caller)
        return Allowance(limit, allowed, stats.remaining, stats.reset_time)


@lru_cache(maxsize=32)
def parse_limits(text: str) -> tuple[RateLimitItem, ...]:
    """``"10/second; 500/hour"`` → its limits; a bad setting raises, naming itself."""
    try:
        return tuple(parse_many(text))
    except ValueError as error:
        raise ValueError(f"invalid rate limit {text!r}: {error}") from error


def client_key() -> str:
    """Who a request counts against: its API key id, else its client address."""
    principal: Principal | None = g.get("principal")
    if principal is not None:
        return f"key:{principal.key_id}"
    return f"ip:{request.remote_addr or 'unknown'}"


def _limits_for_caller() -> tuple[RateLimitItem, ...]:
    setting = "RATELIMIT_KEYED" if g.get("principal") is not None else "RATELIMIT_ANONYMOUS"
    return parse_limits(str(current_app.config[setting]))


def _not_limited() -> bool:
    return not request.path.startswith(LIMITED_PREFIX) or request.method == "OPTIONS"


def _headers(allowance: Allowance) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(allowance.limit.amount),
        "X-RateLimit-Remaining": str(allowance.remaining),
        "X-RateLimit-Reset": str(math.ceil(allowance.resets_at)),
    }


def check_limits() -> None:
    """Count this request against each of the caller's limits; a breach stops it with a 429 envelope."""
    if not current_app.config["RATELIMIT_ENABLED"] or _not_limited():
        return
    limiter: Limiter = current_app.extensions[EXTENSION]
    caller = client_key()
    tightest: Allowance | None = None
    for limit in _limits_for_caller():
        try:
            allowance = limiter.hit(caller, limit)
        except Exception:  # a broken counter store must not take the service down with it
            log.exception("rate limit store failed; letting the request through")
            return
        if tightest is None or not allowance.allowed or allowance.remaining < tightest.remaining:
            tightest = allowance
        if not allowance.allowed:
            break
    if tightest is None:
        return
    g.ratelimit = tightest
    if not tightest.allowed:
        wait = max(1, math.ceil(tightest.resets_at - time.time()))
        fail(
            429,
            f"Too many requests: the limit is {tightest.limit}. Slow down and retry after the Retry-After seconds.",
            code="rate_limited",
            headers={"Retry-After": str(wait)},
        )


def add_headers(response: Response) -> Response:
    """``X-RateLimit-*`` on every limited response, so well-behaved clients can pace themselves."""
    allowance: Allowance | None = g.get("ratelimit")
    if allowance is not None and current_app.config["RATELIMIT_HEADERS_ENABLED"]:
        response.headers.update(_headers(allowance))
    return response


def init_app(app: Flask) -> Limiter:
    """Limit every ``/v1`` request by caller; a breach is a 429 in the error envelope."""
    for setting in ("RATELIMIT_ANONYMOUS", "RATELIMIT_KEYED"):  # a mistyped limit stops the start, not a request
        parse_limits(str(app.config[setting]))
    limiter = Limiter(str(app.config["RATELIMIT_STORAGE_URI"]), str(app.config.get("RATELIMIT_DIR") or "") or None)
    app.extensions[EXTENSION] = limiter
    app.before_request(check_limits)
    app.after_request(add_headers)
    return limiter
