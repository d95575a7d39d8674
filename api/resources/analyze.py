"""``POST /v1/analyze``: an article's text in; its claims, sources (with character spans) and scores out."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask.views import MethodView

from api.auth import configurable_access
from api.blueprint import Blueprint
from api.engine import current_scorer, stamp
from api.errors import ErrorSchema, fail
from api.reports import AnalyzeResponseSchema
from api.resources import SCORING_SECURITY
from api.schemas import AnalyzeRequestSchema
from scoring.attribution import ArticleError, extract_story

blp = Blueprint("analyze", __name__, url_prefix="/v1", description="Read an article and score what it claims.")


@blp.route("/analyze")
class Analyze(MethodView):
    """Extraction of attributed claims from article text, then scoring."""

    @configurable_access("SCORING_ACCESS")
    @blp.arguments(AnalyzeRequestSchema())
    @blp.response(200, AnalyzeResponseSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation or is not an article.")
    @blp.doc(security=SCORING_SECURITY)
    def post(self, args: dict[str, Any]) -> Response:
        """Extract an article's claims and sources, and score them.

        Claims and sources carry ``span`` (character offsets ``[start, end)`` into
        ``text``) so an editor's tool can highlight them.
        """
        text: str = args["text"]
        try:
            story = extract_story(text)
        except ArticleError as error:
            fail(422, str(error), code="unreadable_article", errors={"text": [str(error)]})
        scorer = current_scorer()
        report = scorer.score(story)
        date = args.get("date")
        article = {
            "url": args.get("url"),
            "title": args.get("title"),
            "date": date.isoformat() if date is not None else None,
            "characters": len(text),
        }
        return stamp(jsonify({"article": article, **report}), report["version"])
