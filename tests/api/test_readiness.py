"""Readiness: checks other parts register, and 503 from the moment a shutdown signal arrives."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import readiness

ROOT = Path(__file__).resolve().parents[2]


def test_ready_when_every_check_passes(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"models": "ok", "database": "ok"}}


def test_a_registered_check_that_fails_makes_it_503(app: Flask) -> None:
    readiness.register_check(app, "database", lambda: "cannot connect to sqlite:///labels.db")

    def broken_cache() -> str | None:
        raise ZeroDivisionError("division by zero")

    readiness.register_check(app, "cache", broken_cache)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["code"] == "not_ready"
    assert body["errors"] == {
        "database": "cannot connect to sqlite:///labels.db",
        "cache": "ZeroDivisionError: division by zero",
    }


@pytest.fixture()
def sigterm_restored() -> Iterator[None]:
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)
    readiness.reset_shutdown()


def test_sigterm_turns_readyz_503_while_requests_still_work(client: FlaskClient, sigterm_restored: None) -> None:
    readiness.on_sigterm()
    assert client.get("/readyz").status_code == 200
    os.kill(os.getpid(), signal.SIGTERM)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "shutdown" in response.get_json()["errors"]
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/score", json={"claims": [{"text": "It rained."}]}).status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_drains_on_sigterm(tmp_path: Path) -> None:
    """The real thing: gunicorn with the repo's config, SIGTERM to the master, 503 while draining, clean exit."""
    port = _free_port()
    env = {
        **os.environ,
        "CREDSCORE_BIND": f"127.0.0.1:{port}",
        "CREDSCORE_WORKERS": "1",
        "CREDSCORE_DRAIN_SECONDS": "1.5",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(f"{url}/readyz") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
            time.sleep(0.1)
        server.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        assert _get(f"{url}/readyz") == 503
        assert _get(f"{url}/healthz") == 200  # in-flight and new requests still finish while draining
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
