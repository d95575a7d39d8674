"""Every regular expression in the code base runs in linear time on hostile input.

Two checks: a structural one (no quantifier inside a quantified group, the
shape behind catastrophic backtracking) over every compiled pattern the
packages define, and a behavioural one that pushes 100,000-character
adversarial strings through every text-handling entry point.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

import api
import scoring
from scoring import Scorer, story_from_dict
from scoring.claims import Source
from scoring.mentions import read_mention
from scoring.tokens import tokenize

_REPEATS = {_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT}


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for package in (scoring, api):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            # Alembic's migration scripts only run inside Alembic; they hold no patterns.
            if info.name.endswith(("cli", "__main__")) or ".migrations" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found.append((f"{info.name}.{name}", value))
    return found


def _nested_repeat(items: Any, inside_repeat: bool = False) -> bool:
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            if inside_repeat or _nested_repeat(sub, True):
                return True
        elif op == _parser.SUBPATTERN:
            if _nested_repeat(arg[-1], inside_repeat):
                return True
        elif op == _parser.BRANCH:
            if any(_nested_repeat(branch, inside_repeat) for branch in arg[1]):
                return True
    return False


def test_patterns_are_found() -> None:
    names = [name for name, _ in _patterns()]
    assert "scoring.tokens._WORD" in names


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_nested_quantifiers(name: str, pattern: re.Pattern[str]) -> None:
    assert not _nested_repeat(_parser.parse(pattern.pattern)), f"{name} nests quantifiers: {pattern.pattern}"


def test_the_structural_check_catches_nesting() -> None:
    assert _nested_repeat(_parser.parse(r"(a+)+b"))
    assert _nested_repeat(_parser.parse(r"(?:\w+\s?)*$"))
    assert not _nested_repeat(_parser.parse(r"[\w'.-]+"))


ADVERSARIAL = {
    "dots": "U." * 50_000,
    "apostrophes": "'" * 100_000,
    "hyphens": "a-" * 50_000,
    "digits": "1," * 50_000,
    "word": "a" * 100_000,
    "zero_width": "\u200b" * 100_000,
    "rtl": "\u202eمرحبا " * 16_000,
    "mixed": ("not " * 10_000) + ("fewer than 200 troops " * 3_000),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_tokenizer_survives(name: str) -> None:
    text = ADVERSARIAL[name][:100_000]
    tokens = tokenize(text)
    assert all(t.start < t.end <= len(text) for t in tokens)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_mentions_and_claims_survive(name: str, scorer: Scorer) -> None:
    text = ADVERSARIAL[name][:100_000]
    mention = read_mention(Source(id="s1", mention=text), scorer.knowledge)
    assert isinstance(mention.text, str)
    story = story_from_dict(
        {"claims": [{"id": "c1", "text": text, "sources": [{"mention": text}]}, {"id": "c2", "text": text}]}
    )
    report = scorer.score(story)
    assert [c["id"] for c in report["claims"]] == ["c1", "c2"]
    for claim in report["claims"]:
        assert 0.0 <= claim["credibility"]["score"] <= 1.0
