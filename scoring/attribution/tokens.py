"""Tokenising with one linear regular expression and a Python merge pass.

The pattern has no nested quantifiers: a run of word characters, or any one
other non-space character. Abbreviations ("U.S.", "Dr.") and possessives are
joined afterwards by scanning the token list once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the text with its character offsets ``[start, end)``."""

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


def _is_format(ch: str) -> bool:
    """Zero-width and direction marks carry no words: skip them."""
    return unicodedata.category(ch) == "Cf"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``; linear in its length."""
    stop = len(text) if end is None else end
    raw: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text, start, stop):
        s = m.group()
        if len(s) == 1 and not s.isalnum() and _is_format(s):
            continue
        raw.append((s, m.start(), m.end()))
    return _merge(raw, text)


def _merge(raw: list[tuple[str, int, int]], text: str) -> list[Token]:
    """Join dotted abbreviations, title periods and possessive ``'s`` into single tokens."""
    out: list[Token] = []
    i = 0
    n = len(raw)
    while i < n:
        s, a, b = raw[i]
        # Dotted acronyms and initials: U.S. / U.N. / J.
        if len(s) <= 2 and s.isalpha() and i + 1 < n and raw[i + 1][0] == "." and raw[i + 1][1] == b:
            j = i + 1
            end = raw[j][2]
            while (
                j + 2 < n
                and raw[j + 1][1] == end
                and len(raw[j + 1][0]) <= 2
                and raw[j + 1][0].isalpha()
                and raw[j + 2][0] == "."
                and raw[j + 2][1] == raw[j + 1][2]
            ):
                j += 2
                end = raw[j][2]
            if j > i + 1 or s[:1].isupper() or s.lower() in _short_abbrevs():
                tok = text[a:end]
                out.append(Token(tok, a, end, tok.lower()))
                i = j + 1
                continue
        if (
            s.isalpha()
            and i + 1 < n
            and raw[i + 1][0] == "."
            and raw[i + 1][1] == b
            and s.lower() in _short_abbrevs()
        ):
            end = raw[i + 1][2]
            out.append(Token(text[a:end], a, end, text[a:end].lower()))
            i += 2
            continue
        if (
            s in ("'", "\u2019")
            and out
            and out[-1].end == a
            and out[-1].is_word
            and i + 1 < n
            and raw[i + 1][0].lower() in ("s", "t", "re", "ve", "ll", "d", "m")
            and raw[i + 1][1] == b
        ):
            nxt = raw[i + 1]
            if nxt[0].lower() == "t" and out[-1].lower.endswith("n"):
                prev = out.pop()
                out.append(Token(prev.text[:-1], prev.start, prev.end - 1, prev.lower[:-1]))
                tok = text[prev.end - 1 : nxt[2]]
                out.append(Token(tok, prev.end - 1, nxt[2], "n't"))
            else:
                tok = text[a : nxt[2]]
                out.append(Token(tok, a, nxt[2], "'" + nxt[0].lower()))
            i += 2
            continue
        out.append(Token(s, a, b, s.lower()))
        i += 1
    return out


def _short_abbrevs() -> frozenset[str]:
    """Abbreviations from the lexicon (imported lazily to keep this module standalone)."""
    from scoring.attribution.lexicon import lexicon

    return lexicon().abbreviations
