"""``POST /v1/claimreview``: a story's scored claims as schema.org ClaimReview drafts.

Takes the same story as ``POST /v1/score`` and answers with one JSON-LD
document whose ``@graph`` holds a draft ClaimReview per claim (or only the
claims named by ``?claim=``), for a fact-checker to complete and publish.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, json
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import configurable_access
from api.blueprint import Blueprint
from api.engine import current_scorer, stamp
from api.errors import ErrorSchema, fail
from api.resources import SCORING_SECURITY
from api.schemas import MAX_FIELD, MAX_ID, ItemError, ScoreRequest, ScoreRequestSchema
from scoring.claimreview import SCHEMA_CONTEXT, Appearance, claim_reviews
from scoring.claims import Story

MEDIA_TYPE = "application/ld+json"
SKIPPED_HEADER = "X-Credscore-Skipped"
"""Batch stories that failed validation (as with ``/v1/score``, one bad story does not cost the others)."""

blp = Blueprint(
    "claimreview", __name__, url_prefix="/v1", description="Scored claims as schema.org ClaimReview JSON-LD drafts."
)


class ClaimReviewQuerySchema(Schema):
    """Which claims to export, and where the story appeared (for ``itemReviewed.appearance``)."""

    claim = fields.List(
        fields.String(validate=validate.Length(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=100),
        metadata={"description": "Claim ids to export (repeatable); all claims when absent."},
    )
    url = fields.String(validate=validate.Length(max=2000), metadata={"description": "The article's URL, as given."})
    date_published = fields.Date(metadata={"description": "The article's publication date."})
    publisher = fields.String(validate=validate.Length(max=MAX_FIELD), metadata={"description": "The outlet."})


class ThingSchema(Schema):
    """A schema.org node: a Person, an Organization or a CreativeWork, with its ``@type``."""

    type_ = fields.String(required=True, data_key="@type")
    name = fields.String()


class ClaimNodeSchema(Schema):
    """``itemReviewed``: the claim, who made it and where it appeared."""

    type_ = fields.String(required=True, data_key="@type", metadata={"enum": ["Claim"]})
    author = fields.Raw(metadata={"description": "A Person or Organization, or a list of them."})
    appearance = fields.Dict(metadata={"description": "A CreativeWork: url, headline, datePublished."})
    datePublished = fields.String()


class RatingSchema(Schema):
    """``reviewRating``: the credibility score on 0–1, its label, and the signals in words."""

    type_ = fields.String(required=True, data_key="@type", metadata={"enum": ["Rating"]})
    ratingValue = fields.Float(required=True, metadata={"minimum": 0, "maximum": 1})
    worstRating = fields.Integer(required=True)
    bestRating = fields.Integer(required=True)
    alternateName = fields.String(required=True, metadata={"description": "The credibility label."})
    ratingExplanation = fields.String(required=True)


class ClaimReviewSchema(Schema):
    """One draft ClaimReview."""

    type_ = fields.String(required=True, data_key="@type", metadata={"enum": ["ClaimReview"]})
    creativeWorkStatus = fields.String(required=True)
    claimReviewed = fields.String(required=True)
    itemReviewed = fields.Nested(ClaimNodeSchema, required=True)
    reviewRating = fields.Nested(RatingSchema, required=True)
    identifier = fields.String(required=True, metadata={"description": "The claim's id in the story."})
    isBasedOn = fields.Dict(metadata={"description": "The software and versions that produced the draft."})


class ClaimReviewDocumentSchema(Schema):
    """A JSON-LD document: the schema.org context and one ClaimReview per exported claim."""

    context = fields.String(required=True, data_key="@context")
    graph = fields.List(fields.Nested(ClaimReviewSchema), required=True, data_key="@graph")


@blp.route("/claimreview")
class ClaimReview(MethodView):
    """ClaimReview export."""

    @configurable_access("SCORING_ACCESS")
    @blp.arguments(ScoreRequestSchema())
    @blp.arguments(ClaimReviewQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, ClaimReviewDocumentSchema, content_type=MEDIA_TYPE)
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation, or a claim id is unknown.")
    @blp.doc(security=SCORING_SECURITY)
    def post(self, request: ScoreRequest, claim: list[str], **where: Any) -> Response:
        """Score a story and export its claims as schema.org ClaimReview JSON-LD drafts.

        The body is the same as ``POST /v1/score``. One story gives one ClaimReview
        per claim (or per ``?claim=`` id); a batch gives them all in one ``@graph``,
        with identifiers ``<story id or stories[i]>/<claim id>``; stories that fail
        validation are left out and named in the ``X-Credscore-Skipped`` header. The drafts carry
        the credibility score and label in ``reviewRating`` and the sourcing signals
        in ``ratingExplanation``; the reviewer and publication date are left to the
        fact-checker.
        """
        scorer = current_scorer()
        version = scorer.version
        skipped: list[str] = []
        if request.story is not None:
            document = _export(scorer.score(request.story), _appearance(request.story, where), claim)
        else:
            skipped = [f"stories[{i}]" for i, item in enumerate(request.batch) if isinstance(item, ItemError)]
            graph: list[dict[str, Any]] = []
            for index, story in enumerate(request.batch):
                if isinstance(story, ItemError):
                    continue
                nodes = _export(scorer.score(story), _appearance(story, where), claim, strict=False)["@graph"]
                for node in nodes:
                    node["identifier"] = f"{story.id or f'stories[{index}]'}/{node['identifier']}"
                graph.extend(nodes)
            document = {"@context": SCHEMA_CONTEXT, "@graph": graph}
        response = current_app.response_class(json.dumps(document, ensure_ascii=False), mimetype=MEDIA_TYPE)
        if skipped:
            response.headers[SKIPPED_HEADER] = ", ".join(skipped)
        return stamp(response, version)


def _appearance(story: Story, where: dict[str, Any]) -> Appearance:
    """Where the story appeared: its title, and what the query says."""
    published = where.get("date_published")
    return Appearance(
        url=where.get("url") or "",
        headline=story.title,
        date_published=published.isoformat() if published is not None else "",
        publisher=where.get("publisher") or "",
    )


def _export(
    report: dict[str, Any], appearance: Appearance, claim_ids: list[str], strict: bool = True
) -> dict[str, Any]:
    """The report's ClaimReviews; an unknown claim id is a 422 for one story, skipped across a batch."""
    if not strict and claim_ids:
        known = {c["id"] for c in report["claims"]}
        claim_ids = [c for c in claim_ids if c in known]
        if not claim_ids:
            return {"@context": SCHEMA_CONTEXT, "@graph": []}
    try:
        return claim_reviews(report, appearance, claim_ids)
    except KeyError as error:
        fail(422, str(error.args[0]), errors={"claim": [str(error.args[0])]})
