"""``GET /metrics``: Prometheus text format (request counts, latency histograms, model version)."""

from __future__ import annotations

from flask import Response

from api import metrics
from api.auth import configurable_access
from api.blueprint import Blueprint

blp = Blueprint("metrics", __name__, description="Prometheus metrics.")


@blp.route("/metrics", methods=["GET"])
@blp.response(200, content_type="text/plain", description="Prometheus text exposition format.")
@configurable_access("METRICS_ACCESS")
def metrics_view() -> Response:
    """Request counts and latency histograms per endpoint, and the model version served."""
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)
