"""gunicorn settings for credscore: ``gunicorn -c gunicorn.conf.py`` (the Dockerfile's command).

Everything is read from the environment so one image serves every size of machine:

- ``CREDSCORE_BIND`` (default ``127.0.0.1:8000``), ``CREDSCORE_WORKERS`` (default: one per CPU; scoring
  is CPU-bound), ``CREDSCORE_THREADS`` (default 1: sync workers), ``CREDSCORE_TIMEOUT`` (seconds a request
  may take before its worker is replaced, default 30), ``CREDSCORE_DRAIN_SECONDS`` (default 5).
- Graceful shutdown: on SIGTERM each worker marks itself as draining (``/readyz`` answers 503, so the
  load balancer stops sending new requests), keeps serving for ``CREDSCORE_DRAIN_SECONDS``, then stops
  accepting and exits once its in-flight request is done. The master waits for them up to
  ``graceful_timeout`` (drain + timeout) before killing anything.
- Metrics: workers are separate processes, so prometheus_client runs in multiprocess mode with its files
  in ``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary directory unless you set one; it is emptied at start).
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
import threading
from types import FrameType
from typing import Any


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


DRAIN_SECONDS = float(os.environ.get("CREDSCORE_DRAIN_SECONDS", "") or 5)

wsgi_app = "api:create_app()"
bind = [os.environ.get("CREDSCORE_BIND", "") or "127.0.0.1:8000"]
workers = _int("CREDSCORE_WORKERS", os.cpu_count() or 1)
threads = _int("CREDSCORE_THREADS", 1)
timeout = _int("CREDSCORE_TIMEOUT", 30)
graceful_timeout = int(DRAIN_SECONDS) + timeout + 1
keepalive = 5
accesslog = os.environ.get("CREDSCORE_ACCESS_LOG", "") or None
errorlog = "-"
# Bounded request lines and headers, on top of the app's own body limits.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="credscore-metrics-")
# The workers' shared rate-limit counters (api/window_counters.py): in shared memory where the system has it.
if not os.environ.get("CREDSCORE_RATELIMIT_DIR"):
    _shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    os.environ["CREDSCORE_RATELIMIT_DIR"] = tempfile.mkdtemp(prefix="credscore-ratelimit-", dir=_shm)


def on_starting(server: Any) -> None:
    """Start metrics and rate-limit counts from zero: files left by an earlier run would be added in."""
    for name in ("PROMETHEUS_MULTIPROC_DIR", "CREDSCORE_RATELIMIT_DIR"):
        directory = os.environ[name]
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, exist_ok=True)


def on_exit(server: Any) -> None:
    """Leave no counter files behind in shared memory."""
    shutil.rmtree(os.environ["CREDSCORE_RATELIMIT_DIR"], ignore_errors=True)


def post_worker_init(worker: Any) -> None:
    """Replace the worker's SIGTERM handler with drain-then-stop."""
    from api import readiness

    def stop_accepting() -> None:
        worker.alive = False
        try:  # wake the worker from its wait on the listening sockets, so it exits now rather than at its next tick
            os.write(worker.PIPE[1], b"1")
        except (AttributeError, IndexError, OSError):
            pass

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        readiness.begin_shutdown()
        if DRAIN_SECONDS > 0:
            timer = threading.Timer(DRAIN_SECONDS, stop_accepting)
            timer.daemon = True
            timer.start()
        else:
            stop_accepting()

    signal.signal(signal.SIGTERM, on_sigterm)
    # The models and knowledge just loaded live as long as the worker: take them out of the garbage collector's
    # full passes, each of which otherwise walks all ~130,000 of them (about 70 ms, a request's worth of stall).
    gc.collect()
    gc.freeze()


FREEZE_EVERY = _int("CREDSCORE_GC_FREEZE_EVERY", 50)
"""Requests between sweeps that collect what recent requests left and freeze what they added to memory."""

_served = 0


def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    """Every ``FREEZE_EVERY`` requests, after the response is sent: collect, then freeze what survived.

    The scorer remembers claims and pair judgements; frozen, they are no longer walked by every full
    collection. Collecting first means no garbage cycle is frozen with them, and the walk is short because it
    only covers objects made since the last sweep (0 turns sweeps off).
    """
    global _served
    _served += 1
    if FREEZE_EVERY > 0 and _served % FREEZE_EVERY == 0:
        gc.collect()
        gc.freeze()


def child_exit(server: Any, worker: Any) -> None:
    """Let /metrics forget the live-only gauges of a worker that is gone."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
