"""``/v1/jobs/{id}``: follow a background training job to its end."""

from __future__ import annotations

import re
from typing import Any

from flask.views import MethodView
from marshmallow import Schema, fields

from api import database
from api.auth import requires
from api.blueprint import Blueprint
from api.errors import ErrorSchema, fail
from api.store.jobs import Job

blp = Blueprint("jobs", __name__, url_prefix="/v1", description="Background jobs (model training).")

JOB_STATUSES = ["queued", "running", "succeeded", "failed"]
PROGRESS = {"queued": 0.0, "running": 0.5, "succeeded": 1.0, "failed": 1.0}
"""Coarse progress by stage: a training is one scikit-learn fit, which reports no finer progress."""

_JOB_ID = re.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class JobResultSchema(Schema):
    """What a finished training produced: the version and the promotion gate's decision."""

    version = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": ["promoted", "refused", "candidate"]})
    reason = fields.String(required=True)
    metrics = fields.Dict(required=True)
    labels = fields.Integer(required=True, metadata={"description": "Labels in the training snapshot."})


class JobSchema(Schema):
    """A training job: where it is, and what it produced or why it failed."""

    id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": ["training"]})
    status = fields.String(required=True, metadata={"enum": JOB_STATUSES})
    progress = fields.Float(required=True, metadata={"description": "0 queued, 0.5 training, 1 finished (coarse)."})
    message = fields.String(required=True, metadata={"description": "One line for people."})
    requested_by = fields.String(required=True, metadata={"description": "Id of the API key that asked."})
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(required=True, allow_none=True)
    finished_at = fields.DateTime(required=True, allow_none=True)
    version = fields.String(required=True, allow_none=True, metadata={"description": "The version it trained."})
    error = fields.String(required=True, metadata={"description": "Why it failed; empty otherwise."})
    result = fields.Nested(JobResultSchema, required=True, allow_none=True)


def _message(job: Job) -> str:
    if job.status == "succeeded":
        decision = job.detail.get("status", "")
        verb = "promoted and serving" if decision == "promoted" else f"{decision} by the promotion gate"
        return f"Trained {job.version}: {verb}. {job.detail.get('reason', '')}".strip()
    if job.status == "failed":
        return f"Training failed: {job.error}"
    return "Waiting to start." if job.status == "queued" else "Training."


def job_out(job: Job) -> dict[str, Any]:
    """A job as the API shows it."""
    result = None
    if job.status == "succeeded" and job.version:
        result = {
            "version": job.version,
            "status": job.detail.get("status", "candidate"),
            "reason": job.detail.get("reason", ""),
            "metrics": job.detail.get("metrics", {}),
            "labels": job.detail.get("labels", 0),
        }
    return {
        "id": job.id,
        "kind": "training",
        "status": job.status,
        "progress": PROGRESS.get(job.status, 0.0),
        "message": _message(job),
        "requested_by": job.requested_by,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "version": job.version,
        "error": job.error,
        "result": result,
    }


@blp.route("/jobs/<string:job_id>")
class JobResource(MethodView):
    """One job."""

    @requires(blp, "editor")
    @blp.response(200, JobSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such job.")
    def get(self, job_id: str) -> dict[str, Any]:
        """Where a training job is: status, progress, the version it trained, or its error."""
        job = database.store().jobs.get(job_id) if _JOB_ID.fullmatch(job_id) else None
        if job is None:
            fail(404, f"There is no job {job_id!r}.", code="not_found")
        return job_out(job)
