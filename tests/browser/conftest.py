"""Real headless Chromium against a real server: the app on one loopback port, a "third-party" page on another.

The browser is Debian's ``chromium`` driven by Playwright (never a browser
Playwright downloads). Where ``/usr/bin/chromium`` is absent (a developer's
machine) these tests skip with the reason; ``.ci/run`` installs it so CI runs them.
Screenshots go to ``tmp/artifacts/`` at the repository root.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "tmp" / "artifacts"
EDITOR_KEY = "csk_browser-test-editor-key-0000000000000000000"
ADMIN_KEY = "csk_browser-test-admin-key-00000000000000000000"

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )
playwright = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (dev extra)")


@dataclass
class Servers:
    """Where the app and the third-party page are served."""

    app: str
    third_party: str
    site: Path
    flask_app: Any


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a directory without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


def _serve(server: BaseWSGIServer | ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """The app on a free loopback port, and a static server on another (a different origin)."""
    from api import create_app
    from api.auth import hash_key

    data_dir = tmp_path_factory.mktemp("browser-data")
    site = tmp_path_factory.mktemp("third-party-site")
    static = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    third_party = f"http://127.0.0.1:{static.server_address[1]}"
    saved = {name: os.environ.get(name) for name in ("CREDSCORE_DATA_DIR", "CREDSCORE_DATABASE_URL")}
    os.environ["CREDSCORE_DATA_DIR"] = str(data_dir)
    os.environ["CREDSCORE_DATABASE_URL"] = f"sqlite:///{data_dir / 'credscore.db'}"
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": f"sqlite:///{data_dir / 'credscore.db'}",
            "CORS_ORIGINS": [third_party],
            "RATELIMIT_ENABLED": False,
            "API_KEYS": [
                {"hash": hash_key(EDITOR_KEY), "role": "editor", "org": "desk-test", "id": "editor1"},
                {"hash": hash_key(ADMIN_KEY), "role": "admin", "org": "desk-test", "id": "admin1"},
            ],
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    _serve(server)
    _serve(static)
    try:
        yield Servers(f"http://127.0.0.1:{server.server_port}", third_party, site, app)
    finally:
        server.shutdown()
        server.server_close()
        static.shutdown()
        static.server_close()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page whose console errors fail loudly in the test output; a screenshot is kept either way."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(8000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
