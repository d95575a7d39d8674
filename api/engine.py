"""The scorer a running app serves with, and the one place to swap it.

A :class:`~scoring.pipeline.Scorer` is built once per process and shared by
every request. The model registry replaces it without a restart by calling
:meth:`ScorerHolder.swap` (or installs a ``provider`` that returns the
currently active scorer): requests already running keep the scorer they
started with, new ones get the new one, and none fails.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask, Response, current_app

from api.metrics import observe_version
from scoring.pipeline import Scorer, default_scorer

EXTENSION = "credscore.scorer"


class ScorerHolder:
    """Holds the serving scorer; reading it is one attribute load, swapping it is atomic."""

    def __init__(self, factory: Callable[[], Scorer] = default_scorer) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._scorer: Scorer | None = None
        self.provider: Callable[[], Scorer] | None = None

    @property
    def loaded(self) -> bool:
        """Whether a scorer has been built (readiness)."""
        return self._scorer is not None or self.provider is not None

    def load(self) -> Scorer:
        """Build the scorer if it is not built yet."""
        with self._lock:
            if self._scorer is None:
                self._scorer = self._factory()
            return self._scorer

    def current(self) -> Scorer:
        """The scorer for this request."""
        if self.provider is not None:
            return self.provider()
        scorer = self._scorer
        return scorer if scorer is not None else self.load()

    def swap(self, scorer: Scorer) -> None:
        """Serve ``scorer`` from the next request on; an explicit swap also takes over from any provider."""
        self._scorer = scorer
        self.provider = None


def holder(app: Flask | None = None) -> ScorerHolder:
    """The app's :class:`ScorerHolder`."""
    target = app if app is not None else current_app
    found: ScorerHolder = target.extensions[EXTENSION]
    return found


def current_scorer() -> Scorer:
    """The scorer serving the current request."""
    return holder().current()


def version_header(version: dict[str, str]) -> str:
    """``rules=1.0.0; model=rule-prior-1; conflict_model=stance-…; knowledge=929c01170198``."""
    return "; ".join(f"{key}={value}" for key, value in version.items())


def stamp(response: Response, version: dict[str, str]) -> Response:
    """Name the versions that produced a score: the ``X-Credscore-Version`` header and the metrics' model gauge."""
    observe_version(version)
    response.headers["X-Credscore-Version"] = version_header(version)
    return response


def init_app(app: Flask, factory: Callable[[], Scorer] = default_scorer) -> None:
    """Attach a holder and build the scorer now, so that the first request does not pay for it."""
    app.extensions[EXTENSION] = ScorerHolder(factory)
    holder(app).load()
