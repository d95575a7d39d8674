"""Checks that make hostile input fail early and clearly instead of slowly or obscurely."""

from __future__ import annotations

MAX_CHARS = 2_000_000
"""Longest article accepted; anything longer is rejected before any scanning."""


class ArticleError(ValueError):
    """The text cannot be read as an English news article; the message says why and what to do."""


def check_article(text: object) -> str:
    """Return ``text`` if it can be scanned as an article, else raise :class:`ArticleError`."""
    if not isinstance(text, str):
        raise ArticleError(f"article text must be a str, not {type(text).__name__}; decode bytes first")
    if len(text) > MAX_CHARS:
        raise ArticleError(f"article is {len(text):,} characters; the limit is {MAX_CHARS:,}. Split it into articles.")
    controls = 0
    letters = 0
    latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch < "\u0250":
                latin += 1
        elif (ch < " " and ch not in "\t\n\r") or ch == "\ufffd":
            controls += 1
    if controls and controls * 100 > len(text):
        raise ArticleError("text looks like binary data (control or replacement characters), not an article")
    if letters >= 40 and latin * 2 < letters:
        raise ArticleError("text is mostly in a non-Latin script; only English articles are supported")
    return text
