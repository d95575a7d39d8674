"""Finding the edges of a source noun phrase by scanning tokens away from its cue.

No regular expressions here: each scan walks at most ``MAX_NP`` tokens, so
the whole extractor stays linear in the length of the text.
"""

from __future__ import annotations

from scoring.attribution.lexicon import lexicon, word_list
from scoring.attribution.tokens import Token

MAX_NP = 14
"""Longest source noun phrase considered; longer runs are not a source."""
HARD_STOPS = frozenset(
    {
        ",",
        ";",
        ":",
        ".",
        "!",
        "?",
        "\u201c",
        "\u201d",
        '"',
        "\u2014",
        "\u2013",
        "\u2015",
        "\u00ab",
        "\u00bb",
        "[",
        "]",
        "\u2026",
    }
)
INSIDE_PUNCT = frozenset({"(", ")", "-", "&", "/", "'s", "'"})
TIME_HEADS = word_list("time_heads.txt")
STATEMENT_WORDS = frozenset(
    "statement interview email emails letter post tweet video briefing conference call release".split()
)
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some many several one two three".split()
)


def _np_token_ok(tok: Token, leftward: bool) -> bool:
    """Whether ``tok`` can be inside a source noun phrase."""
    lex = lexicon()
    if tok.text in HARD_STOPS:
        return False
    if not tok.is_word:
        return tok.lower in INSIDE_PUNCT or tok.lower.startswith("'") or tok.lower.startswith("\u2019")
    if tok.lower in lex.connectors:
        return True
    if tok.lower in lex.clause_stops:
        return False
    if tok.lower in lex.verbs and not tok.is_capitalised:
        return leftward and tok.lower.endswith("ing") and tok.lower in ("speaking",)
    return True


def _abbreviation_in_brackets(tokens: tuple[Token, ...], i: int, k: int) -> bool:
    """A full stop that ends an abbreviation right before ")": "Rep. Gwen Moore (D-Wis.) said"."""
    return (
        tokens[i].text == "."
        and 0 < i < k
        and tokens[i - 1].end == tokens[i].start
        and tokens[i - 1].is_word
        and tokens[i + 1].text == ")"
    )


def scan_left(tokens: tuple[Token, ...], k: int, floor: int = 0) -> int:
    """Start index of the noun phrase ending at ``k`` (inclusive), or ``k + 1`` if none."""
    i = k
    lex = lexicon()
    while i >= floor and k - i < MAX_NP:
        tok = tokens[i]
        low = tok.lower
        noun_use = i > 0 and tokens[i - 1].lower in DETERMINERS and low in lex.verbs  # "a report by"
        if not noun_use and not _np_token_ok(tok, True) and not _abbreviation_in_brackets(tokens, i, k):
            break
        relay = i + 1 <= k and tokens[i + 1].lower == "by" and low in ("quoted", "cited")
        agent = i > floor and (
            (tokens[i - 1].is_word and any(t.lower == "by" for t in tokens[i + 1 : min(i + 3, k + 1)]))
            or tokens[i - 1].lower in lex.document_nouns  # "a study published in the journal Nature"
        )
        if (
            i < k
            and low.endswith("ed")
            and not tok.is_capitalised
            and not relay
            and not agent  # "a report released Tuesday by the GAO": a participle inside the phrase
            and (i == 0 or tokens[i - 1].lower not in DETERMINERS)
        ):
            break  # a past-tense verb: "His decision surprised party officials"
        i -= 1
    start = i + 1
    # do not start on a connector ("of", "and", "with") or a dangling ")"
    while start <= k and (
        (
            tokens[start].lower in lex.connectors
            and tokens[start].lower not in DETERMINERS
            and tokens[start].lower not in ("the", "a", "an")
        )
        or tokens[start].text in (")", "-", "'s")
    ):
        start += 1
    return start


def scan_right(tokens: tuple[Token, ...], r: int, ceiling: int | None = None) -> int:
    """End index (exclusive) of the noun phrase starting at ``r``, or ``r`` if none."""
    n = len(tokens) if ceiling is None else ceiling
    lex = lexicon()
    i = r
    while i < n and i - r < MAX_NP:
        tok = tokens[i]
        if not _np_token_ok(tok, False):
            break
        low = tok.lower
        if i > r and low in ("on", "in", "at", "during", "last", "this", "late", "early") and i + 1 < n:
            nxt = tokens[i + 1].lower
            after = tokens[i + 2].lower if i + 2 < n else ""
            if (
                nxt in TIME_HEADS
                or nxt in lex.adjuncts
                and nxt not in ("on", "in", "at")
                and not tokens[i + 1].is_capitalised
            ):
                break
            if nxt in ("a", "an", "his", "her", "their", "its") and after in STATEMENT_WORDS:
                break
            if low in ("last", "this") and nxt in TIME_HEADS:
                break
        if i > r and low in TIME_HEADS:
            break
        if i > r and low == "who":
            break
        i += 1
    end = i
    while end > r and (tokens[end - 1].lower in lex.connectors or tokens[end - 1].text in ("(", "-")):
        end -= 1
    return end


def trim_time(tokens: tuple[Token, ...], a: int, b: int) -> int:
    """Drop a trailing time adjunct ("on Tuesday", "last week") from the phrase ``[a, b)``."""
    end = b
    while end - a >= 2 and tokens[end - 1].lower in TIME_HEADS:
        end -= 1
        while end > a and tokens[end - 1].lower in (
            "on",
            "last",
            "this",
            "late",
            "early",
            "in",
            "at",
            "earlier",
            "later",
        ):
            end -= 1
    return end if end > a else b
