"""Hostile input: an empty Story or an ArticleError, never another exception, and linear time."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest

from scoring.attribution import MAX_CHARS, ArticleError, extract_attributions, extract_story
from scoring.attribution.reading import classify_mention
from scoring.attribution.sentences import split_segments
from scoring.attribution.tokens import tokenize
from scoring.claims import Story

ADVERSARIAL_LEN = 100_000


def _adversarial() -> dict[str, str]:
    """100,000-character strings aimed at the patterns and scanners."""
    n = ADVERSARIAL_LEN
    rng = random.Random(7)
    return {
        "letters": "a" * n,
        "dots": "." * n,
        "initials": ("A." * n)[:n],
        "quotes": ("“" * n)[:n],
        "straight": ('"a ' * n)[:n],
        "said": ("said " * n)[:n],
        "according": ("according to " * n)[:n],
        "commas": ("X, " * n)[:n],
        "apostrophes": ("a'" * n)[:n],
        "caps": ("Dr. Mark Ling " * n)[:n],
        "mixed": "".join(rng.choice("aZ .,“”\"'’-—()\n\u200b\u202eשאל") for _ in range(n)),
        "no_space": ("word" * n)[:n],
    }


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "tokenize": tokenize,
    "split_segments": split_segments,
    "extract_attributions": extract_attributions,
    "extract_story": extract_story,
    "classify_mention": classify_mention,
}


def _run(func: Callable[[str], object], text: str) -> object:
    """Call ``func``; an ArticleError is an accepted outcome."""
    try:
        return func(text)
    except ArticleError as exc:
        assert str(exc)
        return exc


@pytest.mark.parametrize("func_name", sorted(FUNCTIONS))
@pytest.mark.parametrize("case", sorted(_adversarial()))
def test_adversarial_strings_are_fast(func_name: str, case: str) -> None:
    """Every regex-heavy function handles 100,000 hostile characters in well under a second."""
    text = _adversarial()[case]
    t0 = time.perf_counter()
    _run(FUNCTIONS[func_name], text)
    assert time.perf_counter() - t0 < 3.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "\x00\x01\x02garbage\xff\xfe" * 100,
        "\ufffd" * 500,
        "مرحبا بالعالم. قال المتحدث إن الوضع مستقر. " * 50,
        "这是一个测试。发言人说情况稳定。" * 50,
        "\u200b\u200c\u200d\u2060\ufeff" * 1000,
        "\u202e" + "a b c " * 1000,
        "no sentences here just words without any punctuation at all " * 200,
        "!!! ??? ... ,,, ;;; ::: " * 300,
    ],
)
def test_hostile_gives_empty_story_or_article_error(text: str) -> None:
    """Garbage, other scripts, zero-width characters and runaway lines yield nothing or ArticleError."""
    result = _run(extract_story, text)
    if isinstance(result, Story):
        assert result.claims == ()
    else:
        assert isinstance(result, ArticleError)


def test_too_long_is_rejected_with_a_readable_message() -> None:
    """Text over the limit raises ArticleError before any scanning."""
    with pytest.raises(ArticleError, match="limit"):
        extract_story("a" * (MAX_CHARS + 1))


def test_not_a_string() -> None:
    """Bytes are refused with advice."""
    with pytest.raises(ArticleError, match="decode"):
        extract_story(b"bytes")  # type: ignore[arg-type]


def test_time_is_linear() -> None:
    """Ten times the text takes roughly ten times as long, not a hundred."""
    unit = (
        "“The plan will work,” said Jane Doe, a spokeswoman. "
        "According to officials, talks stalled. He added that it was close.\n"
    )
    small, large = unit * 100, unit * 1000
    t0 = time.perf_counter()
    extract_story(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_story(large)
    t_large = time.perf_counter() - t0
    assert t_large < 30 * max(t_small, 0.002)


def test_ten_megabytes_rejected_quickly() -> None:
    """A 10 MB article is refused at once."""
    t0 = time.perf_counter()
    with pytest.raises(ArticleError):
        extract_story("x. " * 3_500_000)
    assert time.perf_counter() - t0 < 1.0
