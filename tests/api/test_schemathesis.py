"""Property-based conformance: schemathesis drives every operation of the app in-process with default checks.

Four rules cannot be written in JSON Schema and are checked by the app alone:
no body may hold a NUL character or a lone surrogate anywhere or nest deeper
than the configured depth (batch items are documented as "a story, or any
object", since an invalid story is answered per item); claim ids must be
unique within a story; and ``/v1/analyze`` refuses text that is not an English
article (binary-looking or mostly non-Latin); ``/v1/claimreview?claim=`` must
name claims of the story in the body. For requests that break one of
those rules, and only for them, the "schema-valid request rejected" check is
skipped; every other check still runs.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import positive_data_acceptance
from werkzeug.exceptions import HTTPException

from api.body import check_document
from api.config import DEFAULTS
from scoring.attribution import ArticleError
from scoring.attribution.guard import check_article
from tests.api.conftest import KEYS, make_app

LABEL_OPERATIONS = ("POST /v1/labels", "GET /v1/labels", "GET /v1/labels/{label_id}", "DELETE /v1/labels/{label_id}")


# Built at import: schemathesis' fixture-based loader relies on a pytest private that pytest 9 removed.
schema = schemathesis.openapi.from_wsgi("/openapi.json", make_app())


def _repeats_claim_ids(story: Any) -> bool:
    if not isinstance(story, dict) or not isinstance(story.get("claims"), list):
        return False
    ids = [c["id"] for c in story["claims"] if isinstance(c, dict) and isinstance(c.get("id"), str) and c["id"]]
    return len(ids) != len(set(ids))


def _not_an_article(body: Any) -> bool:
    try:
        check_article(body.get("text") if isinstance(body, dict) else None)
    except ArticleError:
        return True
    return False


def _unclean(body: Any) -> bool:
    try:
        check_document(body, DEFAULTS["MAX_JSON_DEPTH"])
    except HTTPException:
        return True
    return False


def _names_a_missing_claim(case: Any) -> bool:
    wanted = (case.query or {}).get("claim") or []
    wanted = [wanted] if isinstance(wanted, str) else wanted
    claims = case.body.get("claims") if isinstance(case.body, dict) else None
    if not wanted or not isinstance(wanted, list) or not isinstance(claims, list):
        return False
    # Generated ids may be any JSON value (a list, an object): compare them as text, never hash them.
    ids = {str(c.get("id") or f"c{i}") for i, c in enumerate(claims, start=1) if isinstance(c, dict)}
    return any(str(claim_id) not in ids for claim_id in wanted)


def breaks_an_inexpressible_rule(case: Any) -> bool:
    """Whether a request breaks one of the rules JSON Schema cannot state (see the module docstring)."""
    if _unclean(case.body):
        return True
    if case.operation.path == "/v1/claimreview" and _names_a_missing_claim(case):
        return True
    if case.operation.path == "/v1/analyze":
        return _not_an_article(case.body)
    if case.operation.path in ("/v1/score", "/v1/claimreview") and isinstance(case.body, dict):
        return _repeats_claim_ids(case.body)
    return False


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms(case: Any) -> None:
    excluded = [positive_data_acceptance] if breaks_an_inexpressible_rule(case) else []
    case.call_and_validate(excluded_checks=excluded)


def test_stateful_phase_over_labels() -> None:
    paths = schema.raw_schema.get("paths", {})
    documented = {f"{method.upper()} {path}" for path, item in paths.items() for method in item}
    assert set(LABEL_OPERATIONS) <= documented

    calls: set[tuple[str, int]] = set()

    class Labels(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            # An editor's real key, marked as the explicit credentials of the case (as schemathesis' own auth
            # providers do), so the "ignored auth" check probes without it instead of taking it for generated.
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {KEYS['editor_a']}"}
            case._has_explicit_auth = True

        def after_call(self, response: Any, case: Any) -> None:
            calls.add((case.operation.label, response.status_code))

    run_state_machine_as_test(
        Labels,
        settings=settings(
            max_examples=10,
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    # The phase followed the documented links: a stored label was read back and deleted.
    followed = {("POST /v1/labels", 201), ("GET /v1/labels/{label_id}", 200), ("DELETE /v1/labels/{label_id}", 204)}
    assert followed <= calls
