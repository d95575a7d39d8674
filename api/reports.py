"""The output contract as marshmallow schemas: they document what scoring endpoints return.

Views return the scorer's dict as it is (it is already the contract, and
re-serialising every report would only cost time); these schemas put that
contract in the OpenAPI document, and the schemathesis tests check every
response against them.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields


def _score() -> fields.Float:
    return fields.Float(required=True, metadata={"minimum": 0, "maximum": 1})


def _strings(description: str = "") -> fields.List[Any]:
    return fields.List(fields.String(), required=True, metadata={"description": description} if description else {})


class SpanSchema(Schema):
    """A character range ``[start, end)`` in the analysed article."""

    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class VersionSchema(Schema):
    """The versions of everything that produced a score (also sent as the ``X-Credscore-Version`` header)."""

    rules = fields.String(required=True)
    model = fields.String(required=True, metadata={"description": "The credibility model version."})
    conflict_model = fields.String(
        metadata={"description": "The trained conflict model (artifact hash prefix), or `none`."}
    )
    knowledge = fields.String(required=True, metadata={"description": "Hash of the knowledge files."})


class IndependenceSchema(Schema):
    """How many independent parties back the claim."""

    score = _score()
    parties = _strings("Parties that back the claim.")
    interested_parties = _strings("Backers with a stake in the claim.")
    reasons = _strings()


class AnonymitySchema(Schema):
    """How much of the claim's support rests on unnamed sources."""

    score = _score()
    reasons = _strings()


class ConflictSignalSchema(Schema):
    """Which other claims of the story contradict this one."""

    score = _score()
    with_ = fields.List(fields.String(), required=True, data_key="with")
    reasons = _strings()


class CredibilitySchema(Schema):
    """One score and a label, explained."""

    score = _score()
    label = fields.String(required=True, metadata={"enum": ["well-sourced", "thin", "contested", "unsourced"]})
    reasons = _strings()


class ClaimReportSchema(Schema):
    """Every signal of one claim."""

    id = fields.String(required=True)
    text = fields.String(required=True)
    source_ids = _strings()
    independence = fields.Nested(IndependenceSchema, required=True)
    anonymity = fields.Nested(AnonymitySchema, required=True)
    conflict = fields.Nested(ConflictSignalSchema, required=True)
    supported_by = _strings("Claims of the story that say the same thing.")
    credibility = fields.Nested(CredibilitySchema, required=True)
    span = fields.Nested(SpanSchema, metadata={"description": "Where the claim is in the article (analyze only)."})


class AffiliationSchema(Schema):
    """The party behind a source."""

    party = fields.String(required=True)
    party_id = fields.String(required=True)
    type = fields.String(required=True)


class SourceReportSchema(Schema):
    """One distinct source of the story, as resolved."""

    id = fields.String(required=True)
    mention = fields.String(required=True)
    anonymous = fields.Boolean(required=True)
    kind = fields.String(required=True)
    kind_reason = fields.String()
    affiliation = fields.Nested(AffiliationSchema, required=True)
    name = fields.String()
    organisation = fields.String()
    role = fields.String()
    relayed_by = fields.List(fields.String())
    span = fields.Nested(SpanSchema, metadata={"description": "Where the source is named in the article."})


class ConflictSchema(Schema):
    """Two claims that cannot both hold."""

    claims = _strings()
    score = _score()
    reasons = _strings()


class ReportSchema(Schema):
    """The output contract for one story."""

    claims = fields.List(fields.Nested(ClaimReportSchema), required=True)
    sources = fields.List(fields.Nested(SourceReportSchema), required=True)
    conflicts = fields.List(fields.Nested(ConflictSchema), required=True)
    version = fields.Nested(VersionSchema, required=True)


class ItemErrorSchema(Schema):
    """Why one story of a batch was not scored."""

    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    errors = fields.Dict(required=True)


class BatchResultSchema(Schema):
    """One story of a batch: its report, or its error."""

    index = fields.Integer(required=True, metadata={"description": "Position of the story in 'stories'."})
    status = fields.Integer(required=True, metadata={"description": "200 when scored, 422 when invalid."})
    report = fields.Nested(ReportSchema)
    error = fields.Nested(ItemErrorSchema)


class ScoreResponseSchema(Schema):
    """One story's report (``claims``, ``sources``, ``conflicts``) or a batch's ``results``; always ``version``."""

    claims = fields.List(fields.Nested(ClaimReportSchema))
    sources = fields.List(fields.Nested(SourceReportSchema))
    conflicts = fields.List(fields.Nested(ConflictSchema))
    results = fields.List(fields.Nested(BatchResultSchema))
    version = fields.Nested(VersionSchema, required=True)


class ArticleSchema(Schema):
    """What was analysed."""

    url = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    date = fields.Date(allow_none=True)
    characters = fields.Integer(required=True)


class AnalyzeResponseSchema(ReportSchema):
    """The article's extracted claims and sources (with spans) and their scores."""

    article = fields.Nested(ArticleSchema, required=True)
