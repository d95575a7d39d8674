"""Numbers and what they count, as ranges that can be compared.

"Fewer than 200" and "about 1,000 troops" cannot both describe one
deployment; "about 1,000" and "nearly 1,100" can. Each number becomes a range
from its qualifier, and is tied to the noun it counts so that only numbers of
the same thing are compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scoring.knowledge import KNOWLEDGE_DIR, Knowledge, read_table
from scoring.phrases import PhraseMatcher
from scoring.tokens import Token

_LOOKAHEAD = 3
_LOOKBACK = 8
_YEARS = (1900, 2100)

EXACT = 0.02
"""A bare number ("150 killed") still allows for rounding."""

APPROXIMATE = 0.075
"""How far "about" stretches a number: "about 201" and "about 165" cannot both hold."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim: the range it allows, what it counts, and its words."""

    low: float
    high: float
    unit: str
    text: str
    about: frozenset[str] = frozenset()
    """Stems of the content words in the number's own clause ("turnout", "referendum" in "Turnout in the
    referendum was 61 percent, the commission said"): what the figure measures, without the attribution."""

    def disjoint(self, other: Quantity) -> bool:
        """Whether the two ranges cannot both hold."""
        return self.high < other.low or other.high < self.low


@dataclass(frozen=True)
class _NumberWords:
    words: PhraseMatcher[tuple[float, float, str]]
    qualifiers: PhraseMatcher[str]


@cache
def _number_words(directory: Path = KNOWLEDGE_DIR) -> _NumberWords:
    words: PhraseMatcher[tuple[float, float, str]] = PhraseMatcher("norm")
    for row in read_table(directory / "lexicon" / "number_words.tsv"):
        words.add(row["word"], (float(row["low"]), float(row["high"]), row["role"]))
    qualifiers: PhraseMatcher[str] = PhraseMatcher("norm")
    for row in read_table(directory / "lexicon" / "quantity_qualifiers.tsv"):
        qualifiers.add(row["phrase"], row["bound"])
    return _NumberWords(words, qualifiers)


def _numeral(token: Token) -> float | None:
    if not token.text[:1].isdigit():
        return None
    text = token.text.replace(",", "").rstrip("%")
    if not text or len(text) > 18:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def find_quantities(tokens: Sequence[Token], text: str, knowledge: Knowledge) -> list[Quantity]:
    """Every counted number in a claim, with its range and unit group."""
    lexicon = _number_words()
    word_hits = {m.start: m for m in lexicon.words.find(tokens)}
    qualifier_ends = {m.end: m for m in lexicon.qualifiers.find(tokens)}
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        value = _numeral(tokens[i])
        end = i + 1
        low = high = 0.0
        if value is not None:
            low = high = value
        elif i in word_hits and word_hits[i].value[2] == "number":
            low, high, _ = word_hits[i].value
            end = word_hits[i].end
        else:
            i += 1
            continue
        if end in word_hits and word_hits[end].value[2] == "scale":
            scale = word_hits[end].value[0]
            low, high, end = low * scale, high * scale, word_hits[end].end
        is_year = value is not None and value.is_integer() and _YEARS[0] <= value <= _YEARS[1]
        unit, factor = _unit(tokens, i, end, knowledge)
        if tokens[i].text.endswith("%"):
            unit, factor = "percent", 1.0
        if unit and not (is_year and unit not in knowledge.unit_groups):
            start = i
            qualifier = qualifier_ends.get(i)
            if qualifier is not None:
                low, high = _bound(low, high, qualifier.value)
                start = qualifier.start
            elif low == high:
                low, high = low * (1 - EXACT), high * (1 + EXACT)
            words = text[tokens[start].start : tokens[end - 1].end] if text else tokens[i].text
            found.append(
                Quantity(low * factor, high * factor, unit, words, _clause_content(tokens, text, start, end, knowledge))
            )
        i = end
    return found


_CLAUSE_BREAKS = frozenset(",;:()[].!?\u2013\u2014")
"""Characters between two words that end a clause (tokens carry no punctuation; the gaps between them do)."""


def _clause_content(tokens: Sequence[Token], text: str, start: int, end: int, knowledge: Knowledge) -> frozenset[str]:
    """Content stems between the punctuation around tokens ``start:end``, the number's own words left out."""

    def broken(index: int) -> bool:  # a clause break between tokens index - 1 and index
        return not _CLAUSE_BREAKS.isdisjoint(text[tokens[index - 1].end : tokens[index].start])

    left = start
    while left > 0 and not broken(left):
        left -= 1
    right = end
    while right < len(tokens) and not broken(right):
        right += 1
    return frozenset(
        token.stem
        for index in (*range(left, start), *range(end, right))
        if (token := tokens[index]).norm not in knowledge.stopwords
        and len(token.norm) > 1
        and token.stem not in knowledge.units
        and _numeral(token) is None
    )


def _bound(low: float, high: float, bound: str) -> tuple[float, float]:
    if bound == "upper":
        return 0.0, high
    if bound == "lower":
        return low, math.inf
    return low * (1 - APPROXIMATE), high * (1 + APPROXIMATE)


def _unit(tokens: Sequence[Token], start: int, end: int, knowledge: Knowledge) -> tuple[str, float]:
    """What a number counts: a unit noun just after it, else the next common noun, else one before it."""
    for token in tokens[end : end + _LOOKAHEAD]:
        if token.stem in knowledge.units:
            return knowledge.units[token.stem]
        if not token.capitalised and token.norm not in knowledge.stopwords:
            break
    after = tokens[end] if end < len(tokens) else None
    if after is not None and after.norm.isalpha() and not after.capitalised and after.norm not in knowledge.stopwords:
        return after.stem, 1.0
    for token in reversed(tokens[max(0, start - _LOOKBACK) : start]):
        if token.stem in knowledge.units:
            return knowledge.units[token.stem]
    return "", 1.0
