"""Features of a headline against a long article body, beyond the pair features both models share.

A body of thirty sentences takes its stance in the few sentences that talk
about the headline's story, so besides whole-text similarities (word TF-IDF,
character n-grams) the headline is compared with every
body sentence: how close the closest ones are, where they sit, and whether
they refute, negate or hedge. Which stance words a body and a headline use at
all ("hoax", "denied", "reportedly", "confirmed") is counted per word from
:file:`lexicon/stance_cues.tsv`, so the model can weigh each cue on its own.

No fitted topic space (LSA) is used: one fitted on the training stories
places a new story's texts badly, so its cosines separate related from
unrelated pairs far worse on new stories than on the stories it was fitted
on (see the model card).

The fitted parts (vectorizers, cue words) live in a plain dict
of scikit-learn objects and lists (a *reader*) so the artifact holds no
custom types. Every text is read once; pairs refer to texts by row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer
from sklearn.pipeline import Pipeline

from scoring.knowledge import read_table

CUES_FILE = Path(__file__).resolve().parent / "lexicon" / "stance_cues.tsv"
SENTENCE_KINDS = ("refute", "negate", "hedge")
"""Cue kinds also counted in the body sentences closest to the headline."""

TOP_SENTENCES = 3
LEAD_CHARS = 255
"""A body's lead, for n-gram hits (the FNC-1 baseline's window)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[a-z0-9]+")
"""A word of lower-cased text, as the n-gram overlap and the refutation features read it."""
_CUE_TOKEN = r"(?u)\b\w+\b"

SIMILARITIES = (
    "body_word_cosine",
    "body_char_cosine",
    "sentence_max_cosine",
    "sentence_top3_cosine",
    "sentence_closest_position",
    "sentence_first_cosine",
    "body_sentences",
)
NGRAM_HITS = tuple(f"headline_{n}grams_in_body{where}" for where in ("_lead", "") for n in (1, 2, 3))


def read_cues(path: Path = CUES_FILE) -> list[tuple[str, str]]:
    """(word, kind) rows of the cue lexicon, in file order."""
    return [(row["word"], row["kind"]) for row in read_table(path)]


def feature_names(reader: dict[str, Any]) -> tuple[str, ...]:
    """Column names of :func:`headline_body_features` for this reader."""
    kinds = [
        f"{kind}_{where}"
        for where in ("closest_sentence", "top3_sentences", "body", "headline")
        for kind in SENTENCE_KINDS
    ]
    cues = [f'"{w}" in body' for w in reader["cue_words"]] + [f'"{w}" in headline' for w in reader["cue_words"]]
    return SIMILARITIES + NGRAM_HITS + tuple(kinds) + ("headline_refutes_x_body_refutes",) + tuple(cues)


def sentences(body: str) -> list[str]:
    """A body cut into sentences (at ., ! or ? followed by space, and at line breaks)."""
    parts = [s for s in _SENTENCE_END.split(body) if len(s.strip()) > 2]
    return parts or [body]


def hashed_tfidf(corpus: Sequence[str], n_features: int, min_df: int = 2, **hashing: Any) -> Pipeline:
    """A TF-IDF over hashed n-grams (sublinear, L2-normalised), fitted on ``corpus``.

    Hashing keeps the artifact to a few arrays: a vocabulary of tens of
    thousands of terms costs skops minutes to write and megabytes to store,
    and these vectors are only compared, never explained term by term. As
    with a vocabulary's ``min_df``, buckets seen in fewer than ``min_df``
    training texts get no weight: otherwise every word new to the model (a
    new story's names) would carry the highest IDF and pull the cosines of
    new texts below those the model was trained on.
    """
    hasher = HashingVectorizer(n_features=n_features, alternate_sign=False, norm=None, dtype=np.float64, **hashing)
    counts = sparse.csr_matrix(hasher.transform(list(corpus)))
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    document_frequency = np.bincount(counts.indices, minlength=n_features)
    tfidf.idf_ = np.where(document_frequency >= min_df, tfidf.idf_, 0.0)
    return Pipeline([("hash", hasher), ("tfidf", tfidf)])


def fit_reader(texts: Sequence[str], cues: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Fit the vectorizers on training headlines and bodies (deduplicated, sorted)."""
    corpus = sorted(set(texts))
    words = hashed_tfidf(corpus, 2**18, ngram_range=(1, 2), stop_words="english")
    chars = hashed_tfidf(corpus, 2**18, analyzer="char_wb", ngram_range=(3, 5))
    return {
        "words": words,
        "chars": chars,
        "cue_words": [w for w, _ in cues],
        "cue_kinds": [k for _, k in cues],
    }


def _row_dot(x: Any, y: Any) -> np.ndarray:
    return np.asarray(sparse.csr_matrix(x).multiply(y).sum(axis=1)).ravel()


def _grams(text: str) -> list[set[tuple[str, ...]]]:
    words = WORD.findall(text.lower())
    return [{tuple(words[i : i + n]) for i in range(len(words) - n + 1)} for n in (1, 2, 3)]


class _Texts:
    """The per-text rows of a batch: vectors, sentence vectors and cue counts."""

    def __init__(self, reader: dict[str, Any], headlines: Sequence[str], bodies: Sequence[str]) -> None:
        cue_counter = CountVectorizer(vocabulary=reader["cue_words"], token_pattern=_CUE_TOKEN, lowercase=True)
        kinds = np.asarray(reader["cue_kinds"])
        kind_columns = np.column_stack([(kinds == k).astype(np.float64) for k in SENTENCE_KINDS])
        body_sentences = [sentences(b) for b in bodies]
        self.starts = np.concatenate([[0], np.cumsum([len(s) for s in body_sentences])]).astype(np.int64)
        flat = [s for group in body_sentences for s in group]
        words, chars = reader["words"], reader["chars"]
        self.head_words = words.transform(headlines)
        self.body_words = words.transform(bodies)
        self.sentence_words = words.transform(flat)
        self.head_chars = chars.transform(headlines)
        self.body_chars = chars.transform(bodies)
        self.head_cues = cue_counter.transform(headlines).toarray().astype(np.float64)
        self.body_cues = np.log1p(cue_counter.transform(bodies).toarray().astype(np.float64))
        self.sentence_kinds = cue_counter.transform(flat) @ kind_columns
        self.head_kinds = self.head_cues @ kind_columns
        self.body_kinds = np.asarray(
            [self.sentence_kinds[self.starts[j] : self.starts[j + 1]].sum(axis=0) for j in range(len(bodies))]
        ).reshape(len(bodies), len(SENTENCE_KINDS))
        self.head_grams = [_grams(h) for h in headlines]
        self.body_grams = [_grams(b) for b in bodies]
        self.lead_grams = [_grams(b[:LEAD_CHARS]) for b in bodies]


def headline_body_features(
    reader: dict[str, Any],
    headlines: Sequence[str],
    bodies: Sequence[str],
    rows_a: np.ndarray,
    rows_b: np.ndarray,
) -> np.ndarray:
    """One row per pair (headline ``headlines[rows_a[k]]``, body ``bodies[rows_b[k]]``).

    Columns are :func:`feature_names`; ``bodies`` should already be cut to the length the model reads.
    """
    texts = _Texts(reader, headlines, bodies)
    n_pairs, n_cues = len(rows_a), len(reader["cue_words"])
    kinds = len(SENTENCE_KINDS)
    similar = np.zeros((n_pairs, len(SIMILARITIES)))
    hits = np.zeros((n_pairs, len(NGRAM_HITS)))
    near = np.zeros((n_pairs, 2 * kinds))
    order = np.argsort(rows_b, kind="stable")
    boundaries = np.flatnonzero(np.diff(rows_b[order])) + 1
    for ks in np.split(order, boundaries):
        if len(ks) == 0:
            continue
        j = int(rows_b[ks[0]])
        heads = rows_a[ks]
        first, last = texts.starts[j], texts.starts[j + 1]
        word_sim = (texts.head_words[heads] @ texts.sentence_words[first:last].T).toarray()
        ranked = np.argsort(-word_sim, axis=1, kind="stable")
        closest, top = ranked[:, 0], ranked[:, :TOP_SENTENCES]
        similar[ks] = np.column_stack(
            [
                _row_dot(texts.head_words[heads], texts.body_words[j]),
                _row_dot(texts.head_chars[heads], texts.body_chars[j]),
                word_sim.max(axis=1),
                np.take_along_axis(word_sim, top, axis=1).mean(axis=1),
                closest / max(1, last - first),
                word_sim[:, 0],
                np.full(len(ks), float(last - first)),
            ]
        )
        near[ks, :kinds] = texts.sentence_kinds[first + closest]
        near[ks, kinds:] = texts.sentence_kinds[first + top].sum(axis=1)
        for k, h in zip(ks, heads, strict=True):
            head_grams = texts.head_grams[h]
            in_lead = [len(g & lead) / max(1, len(g)) for g, lead in zip(head_grams, texts.lead_grams[j], strict=True)]
            in_body = [len(g & body) / max(1, len(g)) for g, body in zip(head_grams, texts.body_grams[j], strict=True)]
            hits[k] = in_lead + in_body
    head_kinds, body_kinds = texts.head_kinds[rows_a], texts.body_kinds[rows_b]
    refute = SENTENCE_KINDS.index("refute")
    both_refute = head_kinds[:, refute] * body_kinds[:, refute]
    out = np.hstack(
        [
            similar,
            hits,
            near,
            body_kinds,
            head_kinds,
            both_refute[:, None],
            texts.body_cues[rows_b],
            texts.head_cues[rows_a],
        ]
    )
    assert out.shape[1] == len(SIMILARITIES) + len(NGRAM_HITS) + 4 * kinds + 1 + 2 * n_cues
    return out.astype(np.float64)
