"""Words as the rules see them.

All rule matching goes through :func:`tokenize`, a single pass with one
character-class regex, so it is linear in the length of the text whatever the
input (no regex in this package has nested quantifiers). Tokens keep their
original form (for case checks and for quoting back to readers), a normalised
form (for gazetteer lookups) and a stem (for comparing claims).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[\w'’.,\-%]+")
_EDGE = "'’.,-"
_POSSESSIVE = ("'s", "’s")


class Token(NamedTuple):
    """One word: its text as written, its lookup form, its stem and offsets.

    A named tuple rather than a frozen dataclass: every rule reads tokens, and
    building one is half the cost of tokenizing (a frozen dataclass sets each
    field through ``object.__setattr__``).
    """

    text: str
    norm: str
    stem: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        """Whether the word starts with a capital letter (a proper-noun hint)."""
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        """Whether the word is written in capitals, as acronyms are ("US", "NATO")."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def clean_text(text: str) -> str:
    """Fold compatibility characters and drop invisible format characters.

    Zero-width joiners and bidirectional marks are used to hide words from
    naive matching; dropping them (and folding full-width letters) makes the
    rules see what a reader sees.
    """
    if text.isascii():
        # ASCII is its own NFKC form and holds no format characters.
        return text
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Cs", "Co"))


def normalise(word: str) -> str:
    """Lookup form: lower case, possessive and surrounding punctuation removed, no dots."""
    word = word.strip(_EDGE).lower()
    for suffix in _POSSESSIVE:
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    word = word.replace("’", "'")
    if "." in word or "," in word:
        word = word.replace(".", "").replace(",", "")
    return word.strip(_EDGE)


def stem(norm: str) -> str:
    """A light English stem, enough to equate "troops"/"troop" and "filings"/"filing".

    Plurals are removed first, then verb endings, so that a word and its
    plural always share a stem.
    """
    if len(norm) <= 3 or not norm.isalpha():
        return norm
    word = norm
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    for ending, minimum in (("ing", 6), ("ed", 5)):
        if word.endswith(ending) and len(word) >= minimum:
            base = word[: -len(ending)]
            return base[:-1] if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "ls" else base
    return word


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens in one linear pass."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        raw = match.group()
        start, end = match.start(), match.end()
        # Keep the dots of abbreviations ("U.S.") but not a sentence's full stop.
        while raw and raw[0] in _EDGE:
            raw, start = raw[1:], start + 1
        while raw and raw[-1] in _EDGE and not _is_abbreviation(raw):
            raw, end = raw[:-1], end - 1
        if not raw:
            continue
        norm, stemmed = _forms(raw)
        if not norm:
            continue
        tokens.append(Token(raw, norm, stemmed, start, end))
    return tokens


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    """Normalised form and stem of a word; words repeat, so both are cached."""
    norm = normalise(word)
    return norm, stem(norm)


def _is_abbreviation(word: str) -> bool:
    """ "U.S." and "Dr." keep their final dot; "said." does not."""
    if not word.endswith("."):
        return False
    body = word[:-1]
    if "." in body:
        return True
    return len(body) <= 3 and body[:1].isupper() and body.isalpha()


def stems_of(phrase: str) -> tuple[str, ...]:
    """The stem sequence of a lexicon phrase, for matching against tokens."""
    return tuple(token.stem for token in tokenize(phrase))


def norms_of(phrase: str) -> tuple[str, ...]:
    """The normalised word sequence of a lexicon phrase."""
    return tuple(token.norm for token in tokenize(phrase))
