"""``POST /v1/score``: claims with their sources in, the output contract out; one story or a batch."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask.views import MethodView

from api.auth import configurable_access
from api.blueprint import Blueprint
from api.engine import current_scorer, stamp
from api.errors import ErrorSchema
from api.reports import ScoreResponseSchema
from api.resources import SCORING_SECURITY
from api.schemas import ItemError, ScoreRequest, ScoreRequestSchema
from scoring.pipeline import Scorer

blp = Blueprint("score", __name__, url_prefix="/v1", description="Score claims with their sources.")


def _item(index: int, item: Any, scorer: Scorer) -> dict[str, Any]:
    if isinstance(item, ItemError):
        error = {
            "status": 422,
            "code": "unprocessable_entity",
            "message": "This story failed validation; see 'errors'.",
            "errors": item.messages,
        }
        return {"index": index, "status": 422, "error": error}
    return {"index": index, "status": 200, "report": scorer.score(item)}


@blp.route("/score")
class Score(MethodView):
    """Scoring of stories given as claims."""

    @configurable_access("SCORING_ACCESS")
    @blp.arguments(ScoreRequestSchema())
    @blp.response(200, ScoreResponseSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="The body failed validation.")
    @blp.doc(security=SCORING_SECURITY)
    def post(self, request: ScoreRequest) -> Response:
        """Score one story, or a batch of stories.

        Send ``{"claims": [...]}`` for one story and get its report, or
        ``{"stories": [{"claims": [...]}, ...]}`` for a batch and get one result per
        story: ``{"index", "status": 200, "report"}`` or ``{"index", "status": 422, "error"}``,
        so one bad story does not cost the others their scores.
        """
        scorer = current_scorer()
        version = scorer.version
        if request.story is not None:
            body: dict[str, Any] = scorer.score(request.story)
        else:
            body = {"results": [_item(i, item, scorer) for i, item in enumerate(request.batch)], "version": version}
        return stamp(jsonify(body), version)
