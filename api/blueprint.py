"""The blueprint class every resource uses: flask-smorest's, reading bodies the guard already checked."""

from __future__ import annotations

import flask_smorest

from api.body import GuardedParser


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """A flask-smorest blueprint whose ``@arguments`` read ``g.json_body`` instead of re-parsing."""

    ARGUMENTS_PARSER = GuardedParser()
