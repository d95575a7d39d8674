"""The widget on its own: embedded in a plain page of another origin, by keyboard, and when the API fails."""

from __future__ import annotations

import html
import json
from typing import Any

from tests.browser.conftest import Servers
from tests.conftest import FIXTURES, load_fixture

ACTIVE = """() => {
  const host = document.querySelector('credscore-report');
  const active = host && host.shadowRoot.activeElement;
  if (!active) return null;
  const card = active.closest('li.claim');
  return {
    claim: active.matches('li.claim') ? active.dataset.claim : null,
    reasons: card ? getComputedStyle(card.querySelector('.reasons')).display !== 'none' : null,
    reasonsText: card ? card.querySelector('.reasons').innerText : '',
  };
}"""


def _story() -> dict[str, Any]:
    story = load_fixture("stories/laos-kursk.json")
    return {"title": story["title"], "claims": story["claims"]}


def _third_party_page(servers: Servers, name: str, body: str) -> str:
    """Write a page on the static server's origin that embeds the widget with the two-line snippet."""
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A newsroom page</title>
<style>* {{ color: rgb(255, 0, 0) !important; font-family: serif; }} mark {{ display: none; }}</style></head><body>
<p class="claim">A page paragraph that happens to use the class name the widget uses.</p>
{body}
<script src="{servers.app}/widget/credscore-report.v1.js" defer></script>
</body></html>"""
    (servers.site / name).write_text(page, encoding="utf-8")
    return f"{servers.third_party}/{name}"


def test_widget_on_another_origin_renders_the_report_without_style_leaks(page: Any, servers: Servers) -> None:
    text = (FIXTURES / "articles" / "laos-kursk.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    url = _third_party_page(
        servers,
        "article.html",
        f'<article id="story">{paragraphs}</article>\n<credscore-report api="{servers.app}" selector="#story">'
        "</credscore-report>",
    )
    page.goto(url)
    assert page.evaluate("location.origin") != servers.app
    widget = page.locator("credscore-report")
    widget.locator("li.claim").first.wait_for()
    assert widget.locator("li.claim").count() >= 20
    assert widget.locator(".article mark.hl").count() >= 20
    assert widget.locator(".article .src.anon").count() >= 1
    # The page's hostile styles stop at the shadow boundary, and the widget's stay inside it.
    colour = widget.locator("li.claim .ctext").first.evaluate("e => getComputedStyle(e).color")
    assert colour != "rgb(255, 0, 0)"
    assert widget.locator(".article mark.hl").first.is_visible()
    page_claim = page.locator("body > p.claim")
    assert page_claim.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"


def test_keyboard_reaches_every_claim_and_its_reasons(page: Any, servers: Servers) -> None:
    story = _story()
    url = _third_party_page(
        servers,
        "claims.html",
        f'<credscore-report api="{servers.app}" claims="{html.escape(json.dumps(story))}"></credscore-report>',
    )
    page.goto(url)
    widget = page.locator("credscore-report")
    widget.locator("li.claim").first.wait_for()
    ids = widget.locator("li.claim").evaluate_all("cards => cards.map(c => c.dataset.claim)")
    assert len(ids) == len(story["claims"])
    reached: dict[str, str] = {}
    for _ in range(150):
        page.keyboard.press("Tab")
        state = page.evaluate(ACTIVE)
        if state and state["claim"]:
            assert state["reasons"], f"reasons of {state['claim']} are hidden while it has focus"
            reached[state["claim"]] = state["reasonsText"]
        if len(reached) == len(ids):
            break
    assert sorted(reached) == sorted(ids)
    assert all("Credibility" in text and "Independence" in text for text in reached.values())
    # Arrow keys walk the claims too, for screen-reader and keyboard users alike.
    widget.locator(f'li.claim[data-claim="{ids[0]}"]').focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate(ACTIVE)["claim"] == ids[1]
    roles = widget.locator("ol.claims").evaluate("e => [e.getAttribute('role'), e.children[0].getAttribute('role')]")
    assert roles == ["list", "listitem"]


def test_api_errors_show_the_message_not_a_blank_box(page: Any, servers: Servers) -> None:
    invalid = html.escape(json.dumps({"claims": [{"text": "   "}]}))
    url = _third_party_page(
        servers,
        "errors.html",
        f'<credscore-report id="invalid" api="{servers.app}" claims="{invalid}"></credscore-report>'
        '<credscore-report id="down" api="http://127.0.0.1:9" text="Officials said the bridge was closed.">'
        "</credscore-report>",
    )
    page.goto(url)
    invalid_alert = page.locator("#invalid [role=alert]")
    invalid_alert.wait_for()
    message = invalid_alert.inner_text()
    assert "422" in message and "failed validation" in message
    assert "claims[0].text: must not be blank" in message
    down_alert = page.locator("#down [role=alert]")
    down_alert.wait_for()
    assert "Could not reach the scoring service at http://127.0.0.1:9" in down_alert.inner_text()
