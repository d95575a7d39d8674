"""How the browser tests and the widget benchmark start Debian's Chromium.

Without the background-networking flags Chromium keeps trying to reach
Google's hosts, which this machine's closed network refuses.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
