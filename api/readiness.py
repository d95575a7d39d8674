"""Readiness: may a load balancer send this process traffic right now?

``/readyz`` runs every registered check: the scorer is loaded, and whatever
other parts register (the label store registers "database reachable"). A check
is a function that returns ``None`` when fine or a short reason when not (an
exception counts as not ready, with its message). After SIGTERM the process is
draining: ``/readyz`` answers 503 at once so the balancer stops routing here,
while requests already accepted finish (see ``gunicorn.conf.py``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

from flask import Flask

from api import engine

Check = Callable[[], str | None]
EXTENSION = "credscore.readiness"

_draining = threading.Event()


def begin_shutdown() -> None:
    """Mark this process as shutting down: ``/readyz`` turns 503 from now on."""
    _draining.set()


def shutting_down() -> bool:
    """Whether :func:`begin_shutdown` has been called in this process."""
    return _draining.is_set()


def reset_shutdown() -> None:
    """Forget a shutdown (tests only: a real process does not come back from one)."""
    _draining.clear()


def on_sigterm(then: Callable[[int, FrameType | None], object] | None = None) -> None:
    """Handle SIGTERM by marking the process as draining, then calling ``then`` (if any)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        begin_shutdown()
        if then is not None:
            then(signum, frame)

    signal.signal(signal.SIGTERM, handler)


def register_check(app: Flask, name: str, check: Check) -> None:
    """Add a readiness check to ``app`` (e.g. ``"database"``); names are unique."""
    checks: dict[str, Check] = app.extensions.setdefault(EXTENSION, {})
    checks[name] = check


def run_checks(app: Flask) -> dict[str, str | None]:
    """Each check's result: ``None`` when fine, else why not."""
    results: dict[str, str | None] = {}
    if shutting_down():
        results["shutdown"] = "the process is shutting down (SIGTERM received)"
    for name, check in app.extensions.get(EXTENSION, {}).items():
        try:
            results[name] = check()
        except Exception as error:  # a failing check means "not ready", never a 500
            results[name] = f"{type(error).__name__}: {error}"
    return results


def init_app(app: Flask) -> None:
    """Register the checks this package knows: the scorer is loaded."""
    register_check(app, "models", lambda: None if engine.holder(app).loaded else "the scorer is not loaded yet")
