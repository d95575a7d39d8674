"""``/v1/labels``: editors' verdicts on claims, stored durably and scoped to the caller's organisation.

A label is acknowledged (201, or 200 for a replayed retry) only after its
transaction has committed. ``Idempotency-Key`` makes a retry safe: the same
key with the same body returns the first label and writes nothing; the same
key with another body is a 409. Another organisation's label does not exist
as far as the caller can tell: reading or deleting it is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response
from flask.views import MethodView
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate

from api import database
from api.auth import Principal, check_role, requires
from api.blueprint import Blueprint
from api.errors import ErrorSchema, fail
from api.schemas import MAX_FIELD, MAX_TEXT, SourceSchema, _printable, _text
from api.store import IdempotencyConflict, StoredLabel
from scoring.labels import VERDICTS, LabelError, LabelRecord, label_from_mapping
from scoring.labels.record import MAX_SOURCES, MAX_SUBJECT, MAX_SUBJECTS
from scoring.labels.scale import known_labels

blp = Blueprint("labels", __name__, url_prefix="/v1", description="Editors' labels: verdicts on claims.")

MAX_IDEMPOTENCY_KEY = 200
MAX_PAGE = 200
SUBJECT_PATTERN = "^[^,\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"
"""A subject: printable text without commas (commas separate subjects in LIAR and CSV files)."""

MAX_LABEL_ID = 2**31 - 1
"""Largest id a label can have (a 32-bit column); a larger one in a path simply names no label."""


def _described(field: fields.String, description: str) -> fields.String:
    """``field`` with a description in the OpenAPI document."""
    field.metadata = {**field.metadata, "description": description}
    return field


class LabelSourceSchema(SourceSchema):
    """A source of the labelled claim, as the scoring input words it (without a story-local id)."""

    class Meta:
        unknown = RAISE
        exclude = ("id",)


class LabelRequestSchema(Schema):
    """A verdict on one claim.

    ``verdict`` is on the three-level scale or a known label of another scale
    (LIAR's six, common fact-check ratings), which is mapped onto it and kept
    as ``original_label``. ``labeller`` defaults to the id of the API key.
    """

    class Meta:
        unknown = RAISE

    text = _text(MAX_TEXT, required=True)
    verdict = fields.String(
        required=True,
        validate=validate.OneOf(known_labels()),
        metadata={"description": f"One of {', '.join(VERDICTS)}, or a label another scale uses that maps onto it."},
    )
    original_label = _text(MAX_FIELD)
    sources = fields.List(
        fields.Nested(LabelSourceSchema), load_default=list, validate=validate.Length(max=MAX_SOURCES)
    )
    story_id = _text(MAX_FIELD)
    speaker = _text(MAX_FIELD)
    party = _text(MAX_FIELD)
    venue = _text(MAX_FIELD)
    subjects = fields.List(
        fields.String(
            validate=[
                validate.Length(max=MAX_SUBJECT),
                _printable,
                validate.Regexp("^[^,]*$", error="must not contain a comma (commas separate subjects in text)."),
            ],
            metadata={"pattern": SUBJECT_PATTERN},
        ),
        validate=validate.Length(max=MAX_SUBJECTS),
        metadata={"description": 'What the claim is about ("economy", "health-care"); repeats are dropped.'},
    )
    job = _described(_text(MAX_FIELD), "The speaker's job title.")
    state = _described(_text(MAX_FIELD), "Where the speaker is based (a US state in LIAR).")
    date = fields.Date(allow_none=True, metadata={"description": "When the claim was made (YYYY-MM-DD)."})
    labeller = _text(MAX_FIELD)


class IdempotencyHeaderSchema(Schema):
    """The optional ``Idempotency-Key`` header (other headers are ignored)."""

    class Meta:
        unknown = EXCLUDE

    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=[validate.Length(min=1, max=MAX_IDEMPOTENCY_KEY), validate.Regexp("^[\\x21-\\x7e]+$")],
        metadata={"description": "A client-chosen key (printable ASCII, no spaces) that makes retries safe."},
    )


class LabelSchema(Schema):
    """A stored label."""

    id = fields.Integer(required=True)
    text = fields.String(required=True)
    verdict = fields.String(required=True, metadata={"enum": list(VERDICTS)})
    original_label = fields.String(required=True, metadata={"description": "The verdict as given, when mapped."})
    sources = fields.List(fields.Dict(keys=fields.String(), values=fields.String()), required=True)
    story_id = fields.String(required=True)
    speaker = fields.String(required=True)
    party = fields.String(required=True)
    venue = fields.String(required=True)
    subjects = fields.List(fields.String(), required=True)
    job = fields.String(required=True)
    state = fields.String(required=True)
    date = fields.Date(required=True, allow_none=True)
    labeller = fields.String(required=True)
    created_at = fields.DateTime(required=True, metadata={"description": "When the label was stored (UTC)."})


def _utc(value: dt.datetime) -> dt.datetime:
    """Naive times are UTC; aware ones are converted (the store compares UTC times)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValidationError("is out of range once converted to UTC") from None


class LabelQuerySchema(Schema):
    """Filters and the page of ``GET /v1/labels``; every filter must match."""

    class Meta:
        unknown = RAISE

    verdict = fields.String(validate=validate.OneOf(VERDICTS))
    labeller = _text(MAX_FIELD)
    speaker = _text(MAX_FIELD)
    story_id = _text(MAX_FIELD)
    subject = _described(_text(MAX_SUBJECT), "Labels whose subjects include this one (ASCII letters in any case).")
    date_from = fields.Date(metadata={"description": "Claims made on or after this date."})
    date_to = fields.Date(metadata={"description": "Claims made on or before this date."})
    created_after = fields.DateTime(metadata={"description": "Labels stored at or after this time."})
    created_before = fields.DateTime(metadata={"description": "Labels stored at or before this time."})
    cursor = fields.String(
        validate=validate.Regexp("^[0-9]{1,10}$"),
        metadata={"description": "The 'next_cursor' of the previous page; omit for the first page."},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for name in ("created_after", "created_before"):
            if name in data:
                try:
                    data[name] = _utc(data[name])
                except ValidationError as error:
                    raise ValidationError(error.messages, name) from None
        if "cursor" in data:
            data["before_id"] = int(data.pop("cursor"))
        return data


class LabelPageSchema(Schema):
    """One page of labels, newest first."""

    items = fields.List(fields.Nested(LabelSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "Labels matching the filters, over all pages."})
    next_cursor = fields.String(
        required=True, allow_none=True, metadata={"description": "Pass as 'cursor' for the next page; null at the end."}
    )


_ONE_LABEL = "#/paths/~1v1~1labels~1{label_id}"
_LINKS = {
    f"{verb.capitalize()}Label": {
        "operationRef": f"{_ONE_LABEL}/{verb}",
        "parameters": {"label_id": "$response.body#/id"},
        "description": f"{verb.upper()} the label just stored.",
    }
    for verb in ("get", "delete")
}
"""OpenAPI links from a stored label to reading and deleting it (clients and schemathesis' stateful phase follow)."""


def _caller() -> Principal:
    return check_role("editor")


def _out(label: StoredLabel) -> dict[str, Any]:
    record = label.record
    return {
        "id": label.id,
        "text": record.text,
        "verdict": record.verdict,
        "original_label": record.original_label,
        "sources": [dict(s) for s in record.sources],
        "story_id": record.story_id,
        "speaker": record.speaker,
        "party": record.party,
        "venue": record.venue,
        "subjects": list(record.subjects),
        "job": record.job,
        "state": record.state,
        "date": record.date,
        "labeller": record.labeller,
        "created_at": label.created_at,
    }


def _record(body: dict[str, Any], key: str, principal: Principal) -> LabelRecord:
    """The domain record, validated the same way as imported labels; a refusal is a 422 on its field."""
    data = {**body, "date": body["date"].isoformat() if body.get("date") else None, "idempotency_key": key}
    try:
        return label_from_mapping(data, {"labeller": principal.key_id})
    except LabelError as error:
        field, _, message = str(error).partition(": ")
        fail(422, "The label failed validation; see 'errors'.", errors={field.split("[")[0]: [message or field]})


@blp.route("/labels")
class Labels(MethodView):
    """The organisation's labels."""

    @requires(blp, "editor")
    @blp.doc(responses={"201": {"links": _LINKS}, "200": {"links": _LINKS}})
    @blp.arguments(IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    @blp.arguments(LabelRequestSchema())
    @blp.response(201, LabelSchema, description="The label was stored (and committed).")
    @blp.alt_response(200, schema=LabelSchema, description="A retry: the label first stored under this key.")
    @blp.alt_response(409, schema=ErrorSchema, description="The Idempotency-Key was used for a different label.")
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation.")
    def post(self, body: dict[str, Any], idempotency_key: str = "") -> tuple[dict[str, Any], int, dict[str, str]]:
        """Store a verdict on a claim.

        Send ``Idempotency-Key`` to make retries safe: a retry with the same
        key and body answers 200 with the label stored the first time and
        writes nothing; the same key with a different body is a 409.
        """
        principal = _caller()
        record = _record(body, idempotency_key, principal)
        try:
            label, created = database.store().labels.add(principal.org, record)
        except IdempotencyConflict as error:
            fail(409, f"{error}; use a new key for a new label.", code="idempotency_conflict")
        headers = {"Location": f"/v1/labels/{label.id}"}
        if idempotency_key:
            headers["Idempotent-Replayed"] = "false" if created else "true"
        return _out(label), 201 if created else 200, headers

    @requires(blp, "editor")
    @blp.arguments(LabelQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, LabelPageSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="A filter failed validation.")
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """List the organisation's labels, newest first, filtered; page with ``cursor``."""
        principal = _caller()
        limit = query.pop("limit")
        page = database.store().labels.find(principal.org, limit=limit + 1, **query)
        items = page.items[:limit]
        more = len(page.items) > limit
        next_cursor = str(items[-1].id) if more else None
        return {"items": [_out(x) for x in items], "total": page.total, "next_cursor": next_cursor}


def _found(label_id: int) -> int:
    if label_id > MAX_LABEL_ID:
        fail(404, f"There is no label {label_id}.", code="not_found")
    return label_id


@blp.route("/labels/<int:label_id>")
class Label(MethodView):
    """One label of the organisation."""

    @requires(blp, "editor")
    @blp.response(200, LabelSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such label in the caller's organisation.")
    def get(self, label_id: int) -> dict[str, Any]:
        """One label."""
        principal = _caller()
        label = database.store().labels.get(principal.org, _found(label_id))
        if label is None:
            fail(404, f"There is no label {label_id}.", code="not_found")
        return _out(label)

    @requires(blp, "editor")
    @blp.response(204, description="The label was deleted.")
    @blp.alt_response(404, schema=ErrorSchema, description="No such label in the caller's organisation.")
    def delete(self, label_id: int) -> Response:
        """Delete one label (it no longer trains future models)."""
        principal = _caller()
        if not database.store().labels.delete(principal.org, _found(label_id)):
            fail(404, f"There is no label {label_id}.", code="not_found")
        return Response(status=204)
