"""`credscore serve` starts a real server answering on its port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_healthz() -> None:
    port = _free_port()
    credscore = Path(sys.executable).parent / "credscore"
    process = subprocess.Popen(
        [str(credscore), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = None
        deadline = time.monotonic() + 60  # loading the models takes seconds, more on a busy machine
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None and body["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)
