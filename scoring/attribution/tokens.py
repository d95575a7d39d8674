"""Words and punctuation, as the attribution rules see them.

Words come from the scoring spine's tokenizer (:func:`scoring.tokens.tokenize`),
so that the extractor and the scoring rules agree on what a word is ("U.S.",
"Ukraine’s", "non-combat"). Attribution also needs the punctuation between
words (quotation marks, commas, colons, dashes), so every other visible
character in the gaps becomes a one-character token. Both passes are linear.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from scoring import tokens as spine


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its character offsets ``[start, end)``."""

    text: str
    start: int
    end: int
    lower: str

    @property
    def is_word(self) -> bool:
        """True when the token starts with a letter or digit."""
        return self.text[:1].isalnum()

    @property
    def is_capitalised(self) -> bool:
        """True when the token starts with an upper-case letter."""
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``; linear in its length."""
    stop = len(text) if end is None else end
    piece = text[start:stop]
    out: list[Token] = []
    pos = 0
    for word in spine.tokenize(piece):
        if word.start - pos != 1 or piece[pos] != " ":  # most gaps are one space: nothing to add
            _punctuation(piece, pos, word.start, start, out)
        a, b = word.start, word.end
        body = piece[a:b]
        if b < len(piece) and piece[b] == "." and body.lower() in _abbreviations():
            b += 1  # "Sept.", "Calif.": longer than the spine's own abbreviation rule
        elif (
            body.endswith(".") and len(body) > 2 and "." not in body[:-1] and body[:-1].lower() not in _abbreviations()
        ):
            # The spine keeps the dot of any short capitalised word ("Lee."): here a name ends a
            # sentence. Initials ("J.") keep theirs.
            out.append(Token(body[:-1], start + a, start + b - 1, body[:-1].lower()))
            out.append(Token(".", start + b - 1, start + b, "."))
            pos = b
            continue
        out.append(Token(piece[a:b], start + a, start + b, piece[a:b].lower()))
        pos = b
    _punctuation(piece, pos, len(piece), start, out)
    return out


def _punctuation(piece: str, a: int, b: int, offset: int, out: list[Token]) -> None:
    """One token per visible character of a gap between words (not spaces or invisible marks)."""
    for k in range(a, b):
        ch = piece[k]
        if ch.isspace() or unicodedata.category(ch) in ("Cf", "Cs", "Co", "Cc"):
            continue
        out.append(Token(ch, offset + k, offset + k + 1, ch))


def _abbreviations() -> frozenset[str]:
    """Abbreviations from the lexicon (imported lazily: the lexicon module tokenizes its phrases)."""
    from scoring.attribution.lexicon import lexicon

    return lexicon().abbreviations
