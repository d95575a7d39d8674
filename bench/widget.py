"""Benchmark: the widget's first render of a 20-claim report after the API answers, in headless Chromium.

    python bench/widget.py [--runs N]

Starts the app on a free loopback port and, for each run, opens a fresh page
(cold JavaScript, cold layout) holding one ``<credscore-report>``. The widget
marks ``credscore:response`` when the API's JSON is parsed and
``credscore:rendered`` after it has built the report and the browser has laid
it out; the table shows that span. Two cases: a 20-claim story given as claims
(``POST /v1/score``) and the first 20 claims of the seed article analysed from
text (``POST /v1/analyze``, so the article is also highlighted). Target:
<= 100 ms. Needs Debian's chromium at /usr/bin/chromium; skips politely without it.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGET_MS = 100.0
MEASURE = """() => new Promise((resolve) => {
  const done = () => {
    const m = performance.measure('render', 'credscore:response', 'credscore:rendered');
    resolve({ms: m.duration, claims: document.querySelector('credscore-report').report.claims.length});
  };
  if (performance.getEntriesByName('credscore:rendered').length) done();
  else document.addEventListener('credscore-report', done, {once: true});
})"""


def twenty_claim_story() -> dict[str, Any]:
    """Twenty claims from the fixture stories, in order, with their sources."""
    claims: list[dict[str, Any]] = []
    for path in sorted((ROOT / "fixtures" / "stories").glob("*.json")):
        for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]:
            claims.append({"text": claim["text"], "sources": claim.get("sources", [])})
    return {"claims": claims[:20]}


def twenty_claim_article() -> str:
    """The seed article cut after the paragraph where it reaches 20 claims (it has 28)."""
    from scoring.attribution import extract_story

    text = (ROOT / "fixtures" / "articles" / "laos-kursk.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    for end in range(1, len(paragraphs) + 1):
        part = "\n\n".join(paragraphs[:end])
        if len(extract_story(part).claims) >= 20:
            return part
    return text


def page_html(app_url: str, attribute: str, value: str) -> str:
    return (
        f'<!doctype html><meta charset="utf-8"><script src="{app_url}/widget/credscore-report.v1.js"></script>'
        f'<credscore-report api="{app_url}" {attribute}="{html.escape(value)}"></credscore-report>'
    )


def serve(body: str) -> Any:
    """A Playwright route handler answering with ``body`` (one parameter: Playwright passes by arity)."""

    def handler(route: Any) -> None:
        route.fulfill(status=200, content_type="text/html", body=body)

    return handler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is absent (apt-get install -y chromium)")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: the playwright package is not installed (pip install -e '.[dev]')")
        return 0
    import logging

    from werkzeug.serving import make_server

    from api import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app({"RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app_url = f"http://127.0.0.1:{server.server_port}"
    cases = {
        "20-claim story (claims, /v1/score)": ("claims", json.dumps(twenty_claim_story())),
        "20-claim article (text, /v1/analyze)": ("text", twenty_claim_article()),
    }
    rows = []
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            for name, (attribute, value) in cases.items():
                timings = []
                claims = 0
                for _ in range(options.runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    body = page_html(app_url, attribute, value)
                    page.route(app_url + "/bench.html", serve(body))
                    page.goto(app_url + "/bench.html")
                    result = page.evaluate(MEASURE)
                    timings.append(float(result["ms"]))
                    claims = int(result["claims"])
                    context.close()
                rows.append((name, claims, timings))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"widget first render after the API response, headless Chromium, {options.runs} fresh pages per case")
    print(f"{'case':<40} {'claims':>6} {'min ms':>8} {'median':>8} {'p95':>8} {'max':>8}  target <= {TARGET_MS:.0f} ms")
    for name, claims, timings in rows:
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        verdict = "ok" if p95 <= TARGET_MS else "OVER"
        print(
            f"{name:<40} {claims:>6} {ordered[0]:>8.1f} {statistics.median(ordered):>8.1f} {p95:>8.1f}"
            f" {ordered[-1]:>8.1f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
