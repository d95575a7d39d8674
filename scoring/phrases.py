"""Finding lexicon phrases in token sequences.

Phrases are looked up as tuples of words in a dictionary, trying the longest
length first at each position. The cost is ``O(len(tokens) * longest phrase)``
whatever the text, which is what keeps hostile input harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Generic, Literal, TypeVar

from scoring.tokens import Token, tokenize

T = TypeVar("T")
Key = Literal["norm", "stem"]


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found at tokens ``[start, end)``, with what the lexicon says of it."""

    start: int
    end: int
    value: T
    text: str


class PhraseMatcher(Generic[T]):
    """Longest-match lookup of multi-word phrases.

    ``key`` chooses whether words are compared by their normalised form
    (names, where "Laotian" must not match "Laos") or by their stem (cue words,
    where "denied" should match "deny"). Phrases written in capitals in the
    lexicon ("US", "WHO") only match words written in capitals, so that the
    pronoun "us" is not the United States.
    """

    def __init__(self, key: Key = "norm") -> None:
        self.key = key
        self._word = attrgetter(key)
        self._phrases: dict[tuple[str, ...], list[tuple[T, bool]]] = {}
        self._firsts: set[str] = set()
        self.longest = 0

    def add(self, phrase: str, value: T) -> None:
        """Register ``phrase`` (as written in a lexicon) with its ``value``."""
        tokens = tokenize(phrase)
        if not tokens:
            return
        words = tuple(getattr(t, self.key) for t in tokens)
        acronym = len(tokens) == 1 and tokens[0].upper and len(words[0]) <= 5
        self._phrases.setdefault(words, []).append((value, acronym))
        self._firsts.add(words[0])
        self.longest = max(self.longest, len(words))

    def add_all(self, phrases: Iterable[str], value: T) -> None:
        """Register several phrases with the same value."""
        for phrase in phrases:
            self.add(phrase, value)

    def __contains__(self, phrase: str) -> bool:
        words = tuple(getattr(t, self.key) for t in tokenize(phrase))
        return words in self._phrases

    def find(self, tokens: Sequence[Token], text: str = "") -> list[Match[T]]:
        """All non-overlapping phrases in ``tokens``, longest first, left to right."""
        found: list[Match[T]] = []
        words = list(map(self._word, tokens))
        firsts = self._firsts
        if firsts.isdisjoint(words):  # most lexicons have nothing in most sentences: one set test, in C
            return found
        i, n = 0, len(tokens)
        while i < n:
            step = 1
            if words[i] not in firsts:
                i += 1
                continue
            for length in range(min(self.longest, n - i), 0, -1):
                entries = self._phrases.get(tuple(words[i : i + length]))
                if not entries:
                    continue
                value = self._first_fitting(entries, tokens[i : i + length])
                if value is None:
                    continue
                span_text = (
                    text[tokens[i].start : tokens[i + length - 1].end]
                    if text
                    else " ".join(t.text for t in tokens[i : i + length])
                )
                found.append(Match(i, i + length, value, span_text))
                step = length
                break
            i += step
        return found

    @staticmethod
    def _first_fitting(entries: list[tuple[T, bool]], tokens: Sequence[Token]) -> T | None:
        first = tokens[0]
        for value, acronym in entries:
            # "US" and "UN" need capitals; "NATO" may be written "Nato" but not "nato".
            if not acronym or first.upper or (len(first.norm) > 2 and first.capitalised):
                return value
        return None

    def get(self, phrase: str) -> list[T]:
        """Values registered for exactly this phrase."""
        words = tuple(getattr(t, self.key) for t in tokenize(phrase))
        return [value for value, _ in self._phrases.get(words, [])]
