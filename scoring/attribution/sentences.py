"""Splitting an article into headlines and sentences, keeping quotations whole.

Each non-blank line is a block (news text puts one paragraph per line). A
block that does not end in sentence punctuation, or a short title-case line,
is a *headline*: it is kept as a segment but never yields claims, because
headlines summarise rather than report. Inside a block, sentences end at
``.``, ``!`` or ``?`` unless the period belongs to an abbreviation ("Dr.",
"Jan.", initials) or the mark is inside a quotation that closes in the same
block: a quotation of several sentences stays in one segment so that it keeps
the speaker named after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.attribution.lexicon import lexicon
from scoring.attribution.tokens import Token, tokenize

OPEN_QUOTES = frozenset({"\u201c", "\u00ab", "\u201e"})
CLOSE_QUOTES = frozenset({"\u201d", "\u00bb"})
STRAIGHT_QUOTE = '"'
FINAL_MARKS = frozenset({".", "!", "?", "\u2026"})
TRAILERS = CLOSE_QUOTES | {STRAIGHT_QUOTE, ")", "]", "\u2019", "'"}
MAX_QUOTE_CHARS = 1500
"""A quotation longer than this is not kept whole (it is more likely an unbalanced mark)."""
MAX_SEGMENT_CHARS = 5000
"""A run of text this long without a sentence boundary is not prose; it yields no claims."""
HEADLINE_WORDS = 30
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but in on at this that these those his her their its our "
    "there however meanwhile officials some many".split()
)


@dataclass(frozen=True)
class Segment:
    """A sentence or headline: offsets, tokens, its block number and its quotation pairs."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    block: int
    headline: bool
    quotes: tuple[tuple[int, int], ...]
    """Token index pairs (open, close) of quotation marks inside this segment."""


def double_apostrophes(tokens: list[Token]) -> list[Token]:
    """Two touching apostrophes read as one straight quotation mark: ''It's reform,'' said Mr. Burman.

    Some archives (The New York Times among them) print quotation marks that way; the merged token keeps
    the offsets of both characters, so spans still point into the original text.
    """
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if tok.text == "'" and prev is not None and prev.text == "'" and prev.end == tok.start:
            out[-1] = Token(STRAIGHT_QUOTE, prev.start, tok.end, STRAIGHT_QUOTE)
        else:
            out.append(tok)
    return out


def quote_pairs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Pair opening and closing quotation marks of one block (unmatched marks are ignored)."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    straight: int | None = None
    for i, tok in enumerate(tokens):
        t = tok.text
        if t in OPEN_QUOTES:
            stack.append(i)
        elif t in CLOSE_QUOTES:
            if stack:
                pairs.append((stack.pop(), i))
        elif t == STRAIGHT_QUOTE:
            if straight is None:
                straight = i
            else:
                pairs.append((straight, i))
                straight = None
    pairs.sort()
    return pairs


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` (a final mark or an abbreviation) ends a sentence."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok.text in FINAL_MARKS:
        return True
    if not tok.text.endswith(".") or len(tok.text) < 2:
        return False
    body = tok.lower[:-1]
    if nxt is None:
        return True
    if "." in body and len(body) > 2:  # U.S. / p.m. at the end of a sentence
        return nxt.lower in SENTENCE_STARTERS and nxt.is_capitalised
    if body in lexicon().abbreviations or len(body) == 1:
        return False
    return True


def _is_title_case(tokens: list[Token]) -> bool:
    """Most longer words capitalised, as in a headline."""
    words = [t for t in tokens if t.is_word and len(t.text) > 3]
    if not words:
        return True
    caps = sum(1 for t in words if t.is_capitalised)
    return caps * 10 >= len(words) * 7


def _block_is_headline(text: str, tokens: list[Token]) -> bool:
    """A line without final punctuation, or a short title-case line, is a headline."""
    words = sum(1 for t in tokens if t.is_word)
    last = text.rstrip()[-1:]
    if tokens[0].text in OPEN_QUOTES or tokens[0].text == STRAIGHT_QUOTE:
        return False
    if last not in FINAL_MARKS and last not in TRAILERS and last != ":":
        return words <= HEADLINE_WORDS
    return words <= 20 and _is_title_case(tokens) and last in {"?", "!", ""}


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text``."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            blocks.append((a, b))
        pos = end + 1
    return blocks


def split_segments(text: str) -> list[Segment]:
    """All segments of ``text`` in order; linear in its length."""
    segments: list[Segment] = []
    for block_no, (a, b) in enumerate(split_blocks(text)):
        tokens = double_apostrophes(tokenize(text, a, b))
        if not tokens:
            continue
        pairs = quote_pairs(tokens)
        if _block_is_headline(text[a:b], tokens):
            segments.append(_segment(tokens, 0, len(tokens), block_no, True, pairs))
            continue
        inside = [False] * len(tokens)
        for o, c in pairs:
            if tokens[c].end - tokens[o].start <= MAX_QUOTE_CHARS:
                for k in range(o + 1, c):
                    inside[k] = True
        start = 0
        i = 0
        n = len(tokens)
        while i < n:
            if not inside[i] and _ends_sentence(tokens, i):
                j = i + 1
                while j < n and tokens[j].text in TRAILERS and not _opens(tokens, j, pairs):
                    j += 1
                nxt = tokens[j] if j < n else None
                if nxt is not None and nxt.start == tokens[j - 1].end and nxt.is_word:
                    i = j
                    continue  # "3.5", "example.com"
                if nxt is None or nxt.is_capitalised or nxt.text[:1].isdigit() or _opens(tokens, j, pairs):
                    segments.append(_segment(tokens, start, j, block_no, False, pairs))
                    start = j
                i = j
                continue
            if tokens[i].text in CLOSE_QUOTES or (tokens[i].text == STRAIGHT_QUOTE and inside[i - 1] if i else False):
                # a quotation ending a sentence: “… role.” The next sentence …
                prev = tokens[i - 1] if i else None
                nxt = tokens[i + 1] if i + 1 < n else None
                if prev is not None and prev.text in FINAL_MARKS and nxt is not None and nxt.is_capitalised:
                    segments.append(_segment(tokens, start, i + 1, block_no, False, pairs))
                    start = i + 1
            i += 1
        if start < n:
            segments.append(_segment(tokens, start, n, block_no, False, pairs))
    return segments


def _opens(tokens: list[Token], j: int, pairs: list[tuple[int, int]]) -> bool:
    """Whether token ``j`` opens a quotation."""
    t = tokens[j].text
    if t in OPEN_QUOTES:
        return True
    if t != STRAIGHT_QUOTE:
        return False
    return any(o == j for o, _ in pairs)


def _segment(tokens: list[Token], a: int, b: int, block: int, headline: bool, pairs: list[tuple[int, int]]) -> Segment:
    """Build a segment from tokens ``[a, b)`` with its quotation pairs re-indexed."""
    seg_tokens = tuple(tokens[a:b])
    local = tuple((o - a, c - a) for o, c in pairs if a <= o and c < b)
    return Segment(seg_tokens[0].start, seg_tokens[-1].end, seg_tokens, block, headline, local)
