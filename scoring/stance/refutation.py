"""Where a body's refuting, hedging and negating words stand relative to the headline's content.

A body that debunks a headline usually says so in the sentence that retells
it ("the photo of a shark in the flooded streets is a hoax"), and a refuting
word elsewhere in the body ("a rumour about the mayor", three paragraphs on)
says little. So each body sentence is weighed by how much of the headline it
repeats (the headline's content words, each weighted by its IDF in the
training texts) and multiplied by whether it carries a cue of each kind of
:file:`lexicon/stance_cues.tsv`; how close, in words, a refuting or hedging
cue stands to a headline word in the same sentence; and whether the
headline's key words (its rarest words the body repeats) are negated where
the body uses them ("did not resign").

The related-pairs model reads these features in two blocks, for headlines
that dispute their story ("... is a hoax", "... did not ...") and for those
that tell it (:func:`refutation_by_headline`): the same debunking body
disagrees with the one and agrees with the other.

All of it is read per text and per pair with small dictionaries, no fitted
vocabulary: the IDF comes from the reader's hashed word TF-IDF, so the
artifact holds nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

from scoring.stance.headline_body import WORD, sentences
from scoring.tokens import stem

CUE_KINDS = ("refute", "hedge", "support", "negate")
"""Cue kinds whose sentences are weighed by the headline's share in them."""

NEAR_KINDS = ("refute", "hedge")
"""Cue kinds whose distance to the nearest headline word in the same sentence is a feature."""

KEY_WORDS = 3
"""How many of the rarest shared words count as the headline's key words."""

NEGATION_WINDOW = 3
"""Words before a key word in which a negation (or, either side, a refuting cue) governs it."""

TOP_SENTENCES = 3

_CONTRACTION = re.compile(r"n['\u2019]t\b")

FEATURE_NAMES: tuple[str, ...] = (
    tuple(f"{kind}_sentence_{stat}" for kind in CUE_KINDS for stat in ("max", "top3"))
    + tuple(f"{kind}_cue_nearness" for kind in NEAR_KINDS)
    + tuple(f"{kind}_near_headline_words" for kind in NEAR_KINDS)
    + ("key_words_negated", "key_words_refuted", "rarest_shared_word_negated")
)

SPLIT_NAMES: tuple[str, ...] = tuple(f"{name} (headline refutes or negates)" for name in FEATURE_NAMES) + tuple(
    f"{name} (headline asserts)" for name in FEATURE_NAMES
)
"""Columns of :func:`refutation_by_headline`."""

HEADLINE_KINDS = ("refute", "negate")
"""Cue kinds that make a headline dispute rather than tell its story ("... is a hoax", "... did not ...")."""


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, with "n't" read as "not" ("didn't" -> "did", "not")."""
    return WORD.findall(_CONTRACTION.sub(" not", text.lower()))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """:func:`scoring.tokens.stem`, cached: bodies repeat their words."""
    return stem(word)


@dataclass(frozen=True)
class _Body:
    """One body read for the features: per-sentence words and cue kinds, and where cues stand."""

    word_sentences: dict[str, list[int]]
    kinds: np.ndarray
    """(sentences, kinds) 1.0 where a sentence holds a cue of that kind."""
    distance: tuple[dict[str, int], ...]
    """Per :data:`NEAR_KINDS`: each word's fewest words to a cue of that kind in the same sentence."""
    negated: frozenset[str]
    refuted: frozenset[str]


def _nearest(words: list[str], cue_positions: list[int]) -> dict[str, int]:
    """Each word's fewest words to one of the cues (the cue words themselves left out)."""
    out: dict[str, int] = {}
    for p, word in enumerate(words):
        d = min(abs(p - c) for c in cue_positions)
        if d > 0 and d < out.get(word, 1 << 30):
            out[word] = d
    return out


def _read_body(body: str, cue_kind: dict[str, str]) -> _Body:
    """Cue words are looked up as written, everything else by stem (so "resigns" meets "resign")."""
    word_sentences: dict[str, list[int]] = {}
    parts = [tokens(s) for s in sentences(body)]
    kinds = np.zeros((max(1, len(parts)), len(CUE_KINDS)))
    distance: tuple[dict[str, int], ...] = tuple({} for _ in NEAR_KINDS)
    negated: set[str] = set()
    refuted: set[str] = set()
    for s, raw in enumerate(parts):
        words = [_stem(w) for w in raw]
        for word in set(words):
            word_sentences.setdefault(word, []).append(s)
        positions: dict[str, list[int]] = {kind: [] for kind in CUE_KINDS}
        for p, word in enumerate(raw):
            kind = cue_kind.get(word)
            if kind in positions:
                positions[kind].append(p)
        for k, kind in enumerate(CUE_KINDS):
            kinds[s, k] = 1.0 if positions[kind] else 0.0
        for k, kind in enumerate(NEAR_KINDS):
            if positions[kind]:
                for word, d in _nearest(words, positions[kind]).items():
                    if d < distance[k].get(word, 1 << 30):
                        distance[k][word] = d
        for p in positions["negate"]:
            negated.update(words[p + 1 : p + 1 + NEGATION_WINDOW])
        for p in positions["refute"]:
            refuted.update(words[max(0, p - NEGATION_WINDOW) : p])
            refuted.update(words[p + 1 : p + 1 + NEGATION_WINDOW])
    return _Body(word_sentences, kinds, distance, frozenset(negated), frozenset(refuted))


def _idf(reader: dict[str, Any], words: Sequence[str]) -> dict[str, float]:
    """Each word's IDF in the reader's hashed word TF-IDF; words too rare to have one get the highest."""
    if not words:
        return {}
    pipeline = reader["words"]
    hasher: HashingVectorizer = pipeline.named_steps["hash"]
    idf = np.asarray(pipeline.named_steps["tfidf"].idf_)
    top = float(idf.max()) if idf.size else 1.0
    rows = sparse.csr_matrix(hasher.transform(list(words)))
    out: dict[str, float] = {}
    for i, word in enumerate(words):
        buckets = rows.indices[rows.indptr[i] : rows.indptr[i + 1]]
        value = float(idf[buckets[0]]) if len(buckets) else 0.0
        out[word] = value if value > 0.0 else top
    return out


def _headline_words(headline: str, cue_kind: dict[str, str]) -> dict[str, str]:
    """A headline's content words by stem (each with its first spelling): no stop words, letters or cue words."""
    out: dict[str, str] = {}
    for word in tokens(headline):
        if len(word) > 1 and word not in ENGLISH_STOP_WORDS and word not in cue_kind:
            out.setdefault(_stem(word), word)
    return out


class _Reading:
    """The texts of a batch read once: bodies, headline stems and their IDF."""

    def __init__(self, reader: dict[str, Any], headlines: Sequence[str], bodies: Sequence[str]) -> None:
        cue_kind = dict(zip(reader["cue_words"], reader["cue_kinds"], strict=True))
        self.bodies = [_read_body(b, cue_kind) for b in bodies]
        words = [_headline_words(h, cue_kind) for h in headlines]
        idf = _idf(reader, sorted({w for stems in words for w in stems.values()}))
        self.headlines = [list(stems) for stems in words]
        self.weights = [np.asarray([idf[w] for w in stems.values()]) for stems in words]


def _pair_row(words: list[str], weights: np.ndarray, body: _Body) -> list[float]:
    """One pair's :data:`FEATURE_NAMES`, from the headline's stems and IDF weights and the read body."""
    n_sentences = body.kinds.shape[0]
    total = float(weights.sum()) or 1.0
    share = np.zeros(n_sentences)
    for word, weight in zip(words, weights, strict=True):
        for s in body.word_sentences.get(word, ()):
            share[s] += weight
    share /= total
    weighted = share[:, None] * body.kinds
    top = np.sort(weighted, axis=0)[-TOP_SENTENCES:].sum(axis=0) / TOP_SENTENCES
    row = [float(v) for pair in zip(weighted.max(axis=0), top, strict=True) for v in pair]
    nearness: list[float] = []
    near_words: list[float] = []
    for distance in body.distance:
        closeness = np.asarray([1.0 / (1.0 + distance[w]) if w in distance else 0.0 for w in words])
        nearness.append(float(closeness.max()) if len(closeness) else 0.0)
        near_words.append(float((closeness * weights).sum() / total))
    shared = [(weight, word) for word, weight in zip(words, weights, strict=True) if word in body.word_sentences]
    key = [word for _, word in sorted(shared, key=lambda item: (-item[0], item[1]))[:KEY_WORDS]]
    negated = sum(w in body.negated for w in key) / KEY_WORDS
    refuted = sum(w in body.refuted for w in key) / KEY_WORDS
    rarest = 1.0 if key and key[0] in body.negated else 0.0
    return row + nearness + near_words + [negated, refuted, rarest]


def refutation_features(
    reader: dict[str, Any], headlines: Sequence[str], bodies: Sequence[str], rows_a: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """One row per pair (headline ``headlines[rows_a[k]]``, body ``bodies[rows_b[k]]``).

    Columns are :data:`FEATURE_NAMES`; ``bodies`` should already be cut to the length the model reads.
    """
    reading = _Reading(reader, headlines, bodies)
    out = np.zeros((len(rows_a), len(FEATURE_NAMES)))
    for k, (h, b) in enumerate(zip(rows_a, rows_b, strict=True)):
        out[k] = _pair_row(reading.headlines[h], reading.weights[h], reading.bodies[b])
    return out


def headline_disputes(reader: dict[str, Any], headlines: Sequence[str]) -> np.ndarray:
    """1.0 for each headline holding a refuting or negating cue word ("hoax", "denies", "not"), else 0.0."""
    cues = {w for w, kind in zip(reader["cue_words"], reader["cue_kinds"], strict=True) if kind in HEADLINE_KINDS}
    return np.asarray([1.0 if cues.intersection(tokens(h)) else 0.0 for h in headlines])


def refutation_by_headline(
    reader: dict[str, Any], headlines: Sequence[str], bodies: Sequence[str], rows_a: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """:func:`refutation_features` in two blocks: for headlines that dispute their story, and for the rest.

    A body debunking the story disagrees with a headline that tells it and
    agrees with one that already calls it a hoax or says it did not happen; a
    linear model can only weigh the two cases differently when they are
    separate inputs. Columns are :data:`SPLIT_NAMES`.
    """
    features = refutation_features(reader, headlines, bodies, rows_a, rows_b)
    disputes = headline_disputes(reader, headlines)[np.asarray(rows_a, dtype=np.int64)][:, None]
    return np.hstack([features * disputes, features * (1.0 - disputes)])
