"""Prometheus metrics: request counts and latency per endpoint, and the model version being served.

Under gunicorn every worker is its own process, so counters must be written
where ``/metrics`` in any worker can add them up: set
``PROMETHEUS_MULTIPROC_DIR`` to an empty directory before the workers start
(``gunicorn.conf.py`` does this) and this module switches to prometheus_client's
multiprocess mode. Without it (tests, ``credscore serve``) metrics live in the
process.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

REGISTRY = CollectorRegistry(auto_describe=True)
"""Metrics of this module only, so that several apps in one process (tests) share them without clashing."""

REQUESTS = Counter(
    "credscore_http_requests_total",
    "HTTP requests answered, by endpoint (route template), method and status.",
    ["endpoint", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "credscore_http_request_duration_seconds",
    "Time from the first hook to the response, by endpoint (route template) and method.",
    ["endpoint", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
MODEL = Gauge(
    "credscore_model_info",
    "1 for the model, rules and knowledge versions that served the latest score of a live worker.",
    ["model", "rules", "knowledge"],
    registry=REGISTRY,
    multiprocess_mode="livemax",
)

_last_version: list[tuple[str, str, str]] = []


def observe_version(version: dict[str, str]) -> None:
    """Record the versions that produced a score (cheap when they did not change)."""
    labels = (version.get("model", ""), version.get("rules", ""), version.get("knowledge", ""))
    if _last_version and _last_version[0] == labels:
        return
    if _last_version:
        MODEL.labels(*_last_version[0]).set(0)
    MODEL.labels(*labels).set(1)
    _last_version[:] = [labels]


def _start() -> None:
    g.metrics_start = time.perf_counter()


@lru_cache(maxsize=1024)
def _request_counter(endpoint: str, method: str, status: int) -> Any:
    """The labelled child of a series (endpoints are route templates, so the set is small and fixed)."""
    return REQUESTS.labels(endpoint, method, str(status))


@lru_cache(maxsize=1024)
def _latency_histogram(endpoint: str, method: str) -> Any:
    return LATENCY.labels(endpoint, method)


def _finish(response: Response) -> Response:
    started = g.pop("metrics_start", None)
    rule = request.url_rule
    endpoint = rule.rule if rule is not None else "<unmatched>"
    method = request.method
    _request_counter(endpoint, method, response.status_code).inc()
    if started is not None:
        _latency_histogram(endpoint, method).observe(time.perf_counter() - started)
    return response


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus text format, summed over workers in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def init_app(app: Flask) -> None:
    """Time every request; must be the first ``before_request`` hook so errors in later hooks are counted."""
    app.before_request(_start)
    app.after_request(_finish)
