"""``/v1/models``: the credibility model's versions, training them, and choosing which one serves.

Training runs as a background job (``202`` and a job to follow at
``/v1/jobs/{id}``), one at a time across every worker. A trained version is
activated only if the promotion gate lets it; an admin may activate any
version by hand or roll back the latest activation. This worker serves the
new version from the next request; every other worker and replica picks it up
within ``CREDSCORE_MODEL_REFRESH_SECONDS``, without a restart.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from flask.views import MethodView
from marshmallow import RAISE, Schema, fields

from api import database, engine
from api.auth import check_role, requires
from api.blueprint import Blueprint
from api.errors import ErrorSchema, fail
from api.resources.jobs import JobSchema, job_out
from api.schemas import MAX_FIELD, _text
from api.store import JobBusy
from api.training import start_training
from scoring.registry import ModelVersion, Registry, RegistryError
from scoring.training.artifact import ArtifactError

log = logging.getLogger(__name__)

blp = Blueprint("models", __name__, url_prefix="/v1", description="Credibility model versions: train, list, serve.")

MAX_VERSION = 64
"""Longest version name the registry stores."""

STATUSES = ["candidate", "promoted", "refused"]


class ModelVersionSchema(Schema):
    """A registered version: what pins it, how good it is, and the promotion gate's decision."""

    version = fields.String(required=True)
    status = fields.String(
        required=True,
        metadata={"enum": STATUSES, "description": "The gate's decision: promoted, or refused (kept, never served)."},
    )
    reason = fields.String(required=True, metadata={"description": "Why the gate decided as it did."})
    serving = fields.Boolean(required=True, metadata={"description": "Whether the registry names it the active one."})
    created_at = fields.DateTime(required=True)
    sha256 = fields.String(required=True, metadata={"description": "SHA-256 of the artifact, checked on every load."})
    data_hash = fields.String(required=True, metadata={"description": "SHA-256 of the labels it was trained on."})
    code_version = fields.String(required=True)
    metrics = fields.Dict(
        required=True,
        metadata={"description": "On the frozen held-out labels: n, accuracy, macro_f1, recall per class, ece."},
    )


class ModelListSchema(Schema):
    """Every version, newest first, and which one serves."""

    serving = fields.String(
        required=True, metadata={"description": "The active version, or the default model's when none is activated."}
    )
    serving_here = fields.String(
        required=True, metadata={"description": "The version this worker serves now (others follow within seconds)."}
    )
    default_version = fields.String(required=True, metadata={"description": "What serves with no version active."})
    versions = fields.List(fields.Nested(ModelVersionSchema), required=True)


class NoOptionsSchema(Schema):
    """Training and rollback take no options: send ``{}`` or no body."""

    class Meta:
        unknown = RAISE


class ActivateRequestSchema(Schema):
    """Why this version is activated by hand (recorded in the activation history)."""

    class Meta:
        unknown = RAISE

    reason = _text(MAX_FIELD)


class ServingSchema(Schema):
    """Which version serves after an activation or a rollback."""

    serving = fields.String(required=True)
    previous = fields.String(required=True, metadata={"description": "What served before."})


def _registry() -> Registry:
    return Registry(database.store().registry, engine.holder().load())


def _serving_name(active: str | None) -> str:
    return active if active is not None else database.default_version()


def _refresh_now() -> None:
    """Serve the active version in this worker at once; a failure leaves it to the next poll."""
    try:
        database.model_server().refresh()
    except Exception:  # the poll retries; the activation itself is already committed
        log.exception("could not load the newly active model version; the next poll retries")


def _version_out(version: ModelVersion, active: str | None) -> dict[str, Any]:
    return {**dataclasses.asdict(version), "serving": version.version == active}


@blp.route("/models")
class Models(MethodView):
    """The registry's versions."""

    @requires(blp, "editor")
    @blp.response(200, ModelListSchema)
    def get(self) -> dict[str, Any]:
        """List versions with their metrics and gate decisions, and say which one serves."""
        registry = database.store().registry
        active = registry.active_version()
        return {
            "serving": _serving_name(active),
            "serving_here": database.model_server().scorer().model_version,
            "default_version": database.default_version(),
            "versions": [_version_out(v, active) for v in registry.versions()],
        }


@blp.route("/models/train")
class Train(MethodView):
    """Training a new version."""

    @requires(blp, "admin")
    @blp.arguments(NoOptionsSchema)
    @blp.response(202, JobSchema, description="The job was queued; follow it at /v1/jobs/{id}.")
    @blp.alt_response(409, schema=ErrorSchema, description="A training job is already running.")
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation.")
    def post(self, _body: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Train a model on every stored label, in the background; the gate decides whether it serves.

        A promoted version serves in every worker within ``CREDSCORE_MODEL_REFRESH_SECONDS`` of the job's end.
        """
        principal = check_role("admin")
        try:
            job = start_training(database.store(), principal.key_id, scorer=engine.holder().load())
        except JobBusy as error:
            fail(409, str(error), code="training_in_progress", errors={"job_id": error.job_id})
        return job_out(job), 202, {"Location": f"/v1/jobs/{job.id}"}


@blp.route("/models/<string:version>/activate")
class Activate(MethodView):
    """Serving a chosen version."""

    @requires(blp, "admin")
    @blp.arguments(ActivateRequestSchema)
    @blp.response(200, ServingSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such version.")
    @blp.alt_response(409, schema=ErrorSchema, description="The version's artifact fails its SHA-256 check.")
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation.")
    def post(self, body: dict[str, Any], version: str) -> dict[str, str]:
        """Serve ``version`` (even one the gate refused): its artifact must load and match its hash."""
        principal = check_role("admin")
        if len(version) > MAX_VERSION or not version.isprintable():
            fail(404, "There is no such model version; list them with GET /v1/models.", code="not_found")
        registry = _registry()
        previous = _serving_name(registry.storage.active_version())
        try:
            registry.activate(version, principal.key_id, body.get("reason") or "activated by hand over HTTP")
        except RegistryError:
            fail(404, f"There is no model version {version!r}; list them with GET /v1/models.", code="not_found")
        except ArtifactError as error:
            fail(409, f"Version {version!r} cannot serve: {error}", code="artifact_invalid")
        _refresh_now()
        return {"serving": version, "previous": previous}


@blp.route("/models/rollback")
class Rollback(MethodView):
    """Undoing the latest activation."""

    @requires(blp, "admin")
    @blp.arguments(NoOptionsSchema)
    @blp.response(200, ServingSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Nothing to roll back: the default model serves.")
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation.")
    def post(self, _body: dict[str, Any]) -> dict[str, str]:
        """Undo the latest activation: the version active before it serves again (or the default model)."""
        principal = check_role("admin")
        registry = _registry()
        previous = _serving_name(registry.storage.active_version())
        try:
            now = registry.rollback(principal.key_id)
        except RegistryError as error:
            fail(409, str(error), code="nothing_to_roll_back")
        _refresh_now()
        return {"serving": _serving_name(now), "previous": previous}
