"""Token features for the trained attribution tagger: the words around a token and what the rules said.

The tagger labels each token of a sentence as part of a source, a cue or
neither. Its features are the token and its neighbours, their shapes, the
attribution lexicon's word classes, quotation marks, the distance to the
nearest cue word (lexicon verbs, the rules' cues and the cue words learned
from training data) and that word, and the rules' own reading of the sentence
(which tokens they took as source, cue or content), so the model learns where
the rules are right and what they miss.

Speed: each token gets a handful of small integer codes (a word's code is a
memoised MurmurHash3 of it), and every feature is a template combining codes
of nearby tokens, hashed to a column with integer arithmetic on whole numpy
arrays at once. So a sentence costs a few dictionary look-ups per token, not
a string per feature. Deterministic across processes (no Python ``hash``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.utils import murmurhash3_32

from scoring.attribution.extractor import Found, name_subject
from scoring.attribution.lexicon import is_organisation_noun, is_role, lexicon
from scoring.attribution.sentences import Segment
from scoring.attribution.spans import DETERMINERS

OUTSIDE, SOURCE, CUE = 0, 1, 2
"""Token labels of the tagger."""
LABELS = ("outside", "source", "cue")
FEATURE_VERSION = 4
"""Bump when the features change: a model trained on other features is refused."""
N_FEATURES = 2**18

_SHAPES = ("pad", "x", "Xx", "X", "d", "p", "p,", "p:", "p.", "p(", "p)", "pq", "p-")
_KINDS = ("pad", "-", "pron", "cueverb", "role", "org", "group", "stop")
_TAGS = {"-": 1, "T": 2, "S": 3, "C": 4}
_QUOTES = frozenset("\u201c\u201d\u2018\u2019\"'\u00ab\u00bb")
_CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "\u2014", "\u2013", "\u201c", '"'})
_CLAUSE_WORDS = frozenset({"and", "but", "that", "because", "when", "while", "as", "if", "since", "after", "so"})
_MIX = np.uint64(0x9E3779B97F4A7C15)

# Templates: (name code, offsets and code arrays). Code arrays: 0 word, 1 suffix, 2 shape, 3 kind,
# 4 rule tag, 5 quoted, 6 cue distance left, 7 cue distance right, 8 nearest cue word left,
# 9 nearest cue word right, 10 cue-ish, 11 position bucket, 12 distance-to-end bucket,
# 13 next predicate word (the first lower-case word after the token that is not an auxiliary, adverb or
# determiner: "commented" for "Trump" in "Trump has also commented"), 14 its suffix, 15 inside a name or
# pronoun that opens a clause and is followed by a lower-case word (a likely subject).
TEMPLATES: tuple[tuple[tuple[int, int], ...], ...] = (
    (),
    ((0, 0),),
    ((0, 1),),
    ((0, 2),),
    ((0, 3),),
    ((0, 4),),
    ((-1, 0),),
    ((1, 0),),
    ((-2, 0),),
    ((2, 0),),
    ((-1, 0), (0, 0)),
    ((0, 0), (1, 0)),
    ((-1, 2), (0, 2), (1, 2)),
    ((-1, 3), (0, 3), (1, 3)),
    ((-1, 4), (0, 4), (1, 4)),
    ((0, 5),),
    ((0, 6),),
    ((0, 7),),
    ((0, 2), (0, 7), (0, 4)),
    ((0, 2), (0, 6), (0, 4)),
    ((0, 10), (0, 3)),
    ((0, 8),),
    ((0, 9),),
    ((0, 2), (0, 7), (0, 9)),
    ((0, 2), (0, 6), (0, 8)),
    ((0, 11),),
    ((0, 12),),
    ((0, 13),),
    ((0, 2), (0, 13)),
    ((0, 3), (0, 14)),
    ((0, 2), (0, 14), (0, 4)),
    ((0, 15),),
    ((0, 15), (0, 13)),
    ((0, 15), (0, 4)),
)
N_CODES = 16


@lru_cache(maxsize=131072)
def word_code(text: str) -> int:
    """A stable code for a string (MurmurHash3, the hash scikit-learn's FeatureHasher uses)."""
    return int(murmurhash3_32(text.encode("utf-8"), seed=0, positive=True)) + 1


@lru_cache(maxsize=65536)
def _token_codes(text: str, lower: str) -> tuple[int, int, int, int]:
    """(word, suffix, shape, word class) codes of one token, memoised: most words recur."""
    if not text[:1].isalnum():
        punct = {",": "p,", ":": "p:", ".": "p.", "(": "p(", ")": "p)", "-": "p-"}
        shape = "pq" if text[:1] in _QUOTES else punct.get(text, "p")
    elif text.isupper() and len(text) > 1:
        shape = "X"
    elif text[:1].isupper():
        shape = "Xx"
    elif text[:1].isdigit():
        shape = "d"
    else:
        shape = "x"
    lex = lexicon()
    if lower in lex.pronouns:
        kind = "pron"
    elif lower in lex.verbs:
        kind = "cueverb"
    elif is_role(lower):
        kind = "role"
    elif is_organisation_noun(lower):
        kind = "org"
    elif lower in lex.group_nouns:
        kind = "group"
    elif lower in lex.clause_stops:
        kind = "stop"
    else:
        kind = "-"
    return word_code(lower), word_code("~" + lower[-3:]), _SHAPES.index(shape), _KINDS.index(kind)


def _bucket(distance: int) -> int:
    """Coarse distance: 1, 2, 3, 4 (4-6), 5 (7-30) or 6 (none)."""
    if distance <= 0 or distance > 30:
        return 6
    if distance <= 3:
        return distance
    return 4 if distance <= 6 else 5


def rule_tags(n: int, found: Sequence[Found]) -> list[str]:
    """Per token: what the rules took it for (``S`` source, ``C`` cue, ``T`` content, ``-`` nothing)."""
    tags = ["-"] * n
    for f in found:
        for a, b in f.content:
            for k in range(max(a, 0), min(b, n)):
                tags[k] = "T"
        for r in (f.mention, f.source, f.citing):
            if r is not None:
                for k in range(max(r[0], 0), min(r[1], n)):
                    tags[k] = "S"
        for k in range(max(f.cue[0], 0), min(f.cue[1], n)):
            tags[k] = "C"
    return tags


def _codes(seg: Segment, found: Sequence[Found], cue_words: frozenset[str]) -> list[tuple[int, ...]]:
    """One row of N_CODES integer codes per token of ``seg``."""
    toks = seg.tokens
    n = len(toks)
    if n == 0:
        return []
    info = [_token_codes(t.text, t.lower) for t in toks]
    tags = rule_tags(n, found)
    cueish = [info[i][3] == 3 or tags[i] == "C" or toks[i].lower in cue_words for i in range(n)]
    quoted = [1] * n
    for o, c in seg.quotes:
        for k in range(o, min(c + 1, n)):
            quoted[k] = 2
    has_quotes = 2 if seg.quotes else 0
    left = [6] * n
    near_left = [0] * n
    last = -1
    for i in range(n):
        if last >= 0:
            left[i], near_left[i] = _bucket(i - last), info[last][0]
        if cueish[i]:
            last = i
    right = [6] * n
    near_right = [0] * n
    nxt = -1
    for i in range(n - 1, -1, -1):
        if nxt >= 0:
            right[i], near_right[i] = _bucket(nxt - i), info[nxt][0]
        if cueish[i]:
            nxt = i
    predicate = [0] * n
    suffix = [0] * n
    word, end = 0, 0
    for i in range(n - 1, -1, -1):
        predicate[i], suffix[i] = word, end
        if not _skipped_before_predicate(toks[i].text, toks[i].lower):
            word, end = info[i][0], info[i][1]
    subject = [1] * n
    for i in range(n):
        if i == 0 or toks[i - 1].text in _CLAUSE_OPENERS or toks[i - 1].lower in _CLAUSE_WORDS:
            span = name_subject(seg, i, n)
            if span is not None:
                for k in range(span[0], span[1]):
                    subject[k] = 2
    return [
        (*info[i], _TAGS[tags[i]], quoted[i] + has_quotes, left[i], right[i], near_left[i], near_right[i],
         2 if cueish[i] else 1, _bucket(i + 1), _bucket(n - i), predicate[i], suffix[i], subject[i])
        for i in range(n)
    ]  # fmt: skip


@lru_cache(maxsize=65536)
def _skipped_before_predicate(text: str, lower: str) -> bool:
    """Whether a token stands between a subject and its verb: names, auxiliaries, adverbs, determiners."""
    if not text[:1].isalnum():
        return text in ("'s", "\u2019s", "-", "&", ".")
    if text[:1].isupper():
        return True
    lex = lexicon()
    adverb = lower.endswith("ly") and len(lower) > 4 and lower not in lex.group_nouns
    return lower in lex.auxiliaries or lower in DETERMINERS or adverb


def token_codes(segments: Sequence[Segment], found: Sequence[Sequence[Found]], cue_words: frozenset[str]) -> Any:
    """An (all tokens, N_CODES) uint64 array: the integer codes of every token of ``segments``, in order."""
    rows: list[tuple[int, ...]] = []
    for seg, f in zip(segments, found, strict=True):
        rows.extend(_codes(seg, f, cue_words))
    return np.array(rows, dtype=np.uint64).reshape(len(rows), N_CODES)


def hashed(codes: Any, lengths: Sequence[int], templates: Sequence[Sequence[tuple[int, int]]], n_features: int) -> Any:
    """An (all tokens, len(templates)) int64 array: each template's hashed column for every token.

    ``codes`` holds one row per token, sentence after sentence (``lengths``);
    zero rows are put around each sentence so that neighbours do not leak
    across sentences, and each template is hashed in one pass over the array.
    """
    total = len(codes)
    if total == 0:
        return np.zeros((0, len(templates)), dtype=np.int64)
    reach = max((abs(offset) for template in templates for offset, _ in template), default=0)
    starts = np.cumsum([0, *lengths[:-1]]) + reach * (np.arange(len(lengths)) + 1)
    keep = np.concatenate([np.arange(a, a + n) for a, n in zip(starts.tolist(), lengths, strict=True)])
    padded = np.zeros((int(starts[-1]) + lengths[-1] + reach, codes.shape[1]), dtype=np.uint64)
    padded[keep] = codes
    inner = len(padded) - 2 * reach
    out = np.empty((inner, len(templates)), dtype=np.int64)
    with np.errstate(over="ignore"):
        for t, template in enumerate(templates):
            h = np.full(inner, np.uint64(t + 1) * _MIX, dtype=np.uint64)
            for offset, which in template:
                part = padded[reach + offset : reach + offset + inner, which]
                h = (h ^ (part + np.uint64(which + 1) * np.uint64(0x100000001B3))) * _MIX
                h ^= h >> np.uint64(29)
            out[:, t] = (h % np.uint64(n_features)).astype(np.int64)
    return out[keep - reach]
