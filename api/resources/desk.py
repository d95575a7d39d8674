"""The editors' desk: the page at ``/`` and the embeddable widget it is built on.

The desk is where a newsroom meets the service without writing code: paste or
upload a story, read the report, label claims, and (for admins) watch and
promote models. It is a thin page over the public API: everything it shows it
gets from the same ``/v1`` endpoints any integration uses, with the editor's
own key, so the desk can never do what the key may not.

The widget is served under a versioned name so pages that embed it can cache
it for a long time; a change that breaks embedders gets a new name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Response, render_template, request

from api.blueprint import Blueprint

WIDGET_VERSION = "1"
WIDGET_FILE = Path(__file__).resolve().parent.parent / "static" / "credscore-report.js"
WIDGET_PATH = f"/widget/credscore-report.v{WIDGET_VERSION}.js"
WIDGET_MAX_AGE = 3600

blp = Blueprint("desk", __name__, description="The editors' desk page and the embeddable report widget.")

_HTML = {"200": {"description": "An HTML page.", "content": {"text/html": {"schema": {"type": "string"}}}}}
_JS = {"200": {"description": "A JavaScript file.", "content": {"text/javascript": {"schema": {"type": "string"}}}}}


@blp.route("/", methods=["GET"])
@blp.doc(responses=_HTML)
def desk() -> str:
    """The desk page: paste a story, read its sourcing report, label claims, manage models."""
    return render_template("desk.html", widget_path=WIDGET_PATH)


@blp.route(WIDGET_PATH, methods=["GET"])
@blp.doc(responses=_JS)
def widget() -> Response:
    """The ``<credscore-report>`` web component, one dependency-free file to embed in any page."""
    source = WIDGET_FILE.read_bytes()  # a few tens of kB; read whole so no file handle outlives the response
    response = Response(source, mimetype="text/javascript")
    response.cache_control.public = True
    response.cache_control.max_age = WIDGET_MAX_AGE
    response.set_etag(hashlib.sha256(source).hexdigest()[:32])
    response.make_conditional(request)
    # Loaded by <script src> from other origins; allowing CORS lets pages add integrity and crossorigin checks.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
