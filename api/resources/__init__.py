"""One blueprint per resource; each module's ``blp`` is registered by :func:`api.create_app`.

Conventions every resource follows (see ``score.py``): a flask-smorest
:class:`api.blueprint.Blueprint`, ``MethodView`` classes with
``@blp.arguments`` / ``@blp.response`` so the schemas that validate are the
OpenAPI document, errors raised with :func:`api.errors.fail`, and access
declared with :func:`api.auth.requires` (role-protected) or
:func:`api.auth.configurable_access` (open or keyed by configuration).
"""

SCORING_SECURITY: list[dict[str, list[str]]] = [{}, {"apiKey": []}]
"""Scoring is open or keyed depending on ``CREDSCORE_SCORING_ACCESS``: the key is documented as optional."""
