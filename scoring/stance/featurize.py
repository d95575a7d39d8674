"""From raw text pairs to the feature matrix, reading each distinct text once.

FNC-1 pairs 50,000 headlines with 1,683 bodies, and a story's candidate pairs
reuse each claim many times: texts are read into statements and encoded once,
and pairs refer to them by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from scoring.claims import Claim
from scoring.knowledge import Knowledge
from scoring.stance.data import StancePair
from scoring.stance.encoding import encode
from scoring.stance.features import pair_features
from scoring.stance.headline_body import fit_reader, hashed_tfidf, headline_body_features, read_cues
from scoring.stance.model import claims_inputs
from scoring.stance.refutation import refutation_by_headline
from scoring.statements import Statement, read_statement

MAX_TEXT_CHARS = 6000
"""Longer bodies are cut here: the stance of a report is stated early, and reading stays bounded."""


WORD_MIN_DF = 1
"""Texts a word or word pair must occur in to enter the sentence model's vocabulary.

1, not 2: a term only one training headline uses takes up what is peculiar to
that headline, so the shared cue words ("hoax", "reportedly") are not bent to
fit it. Claim-grouped cross-validation on Emergent train: accuracy 0.751 ->
0.762, and +0.010 on average over six reshuffled fold sets (26 of 30 folds
better); see the model card.
"""


def word_vectorizer(seed_texts: Sequence[str]) -> TfidfVectorizer:
    """The word TF-IDF (unigrams and bigrams, sublinear) fitted on the training texts."""
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), min_df=WORD_MIN_DF, max_features=30000, sublinear_tf=True, dtype=np.float64
    )
    vectorizer.fit(list(seed_texts))
    return vectorizer


def statements_of(texts: Sequence[str], knowledge: Knowledge) -> list[Statement]:
    """One statement per text (ids are row numbers)."""
    return [read_statement(Claim(str(i), text[:MAX_TEXT_CHARS]), knowledge) for i, text in enumerate(texts)]


def featurize_pairs(
    pairs: Sequence[StancePair], knowledge: Knowledge, vectorizer: TfidfVectorizer
) -> tuple[np.ndarray, sparse.csr_matrix, sparse.csr_matrix]:
    """Pair features of ``(a, b)`` and the TF-IDF rows of each ``a`` and each ``b``, each distinct text read once."""
    index: dict[str, int] = {}
    for pair in pairs:
        index.setdefault(pair.a, len(index))
        index.setdefault(pair.b, len(index))
    encoded = encode(statements_of(list(index), knowledge), knowledge, vectorizer)
    rows_a = np.fromiter((index[p.a] for p in pairs), dtype=np.int64, count=len(pairs))
    rows_b = np.fromiter((index[p.b] for p in pairs), dtype=np.int64, count=len(pairs))
    tfidf = sparse.csr_matrix(encoded.tfidf)
    return pair_features(encoded, rows_a, rows_b), sparse.csr_matrix(tfidf[rows_a]), sparse.csr_matrix(tfidf[rows_b])


def claims_model_inputs(pairs: Sequence[StancePair], knowledge: Knowledge, vectorizer: TfidfVectorizer) -> Any:
    """The sentence model's (unscaled) input rows for ``pairs``."""
    features, _, tfidf_b = featurize_pairs(pairs, knowledge, vectorizer)
    return claims_inputs(features, tfidf_b)


READ_REFUTATION = True
"""Whether new readers give the related-pairs model the refutation features (:mod:`scoring.stance.refutation`)."""


def fnc_readers(pairs: Sequence[StancePair]) -> dict[str, Any]:
    """The headline-body model's vectorizers, fitted on the texts of ``pairs`` only.

    The reader records whether it reads the refutation block (``refutation``), so an artifact trained
    before the block existed keeps getting the inputs it was trained on.
    """
    texts = [p.a for p in pairs] + [p.b[:MAX_TEXT_CHARS] for p in pairs]
    reader = fit_reader(texts, read_cues())
    reader["refutation"] = READ_REFUTATION
    return {"vectorizer": hashed_tfidf(sorted(set(texts)), 2**18, ngram_range=(1, 2)), "reader": reader}


def fnc_inputs(fnc: dict[str, Any], pairs: Sequence[StancePair], knowledge: Knowledge) -> np.ndarray:
    """The headline-body model's input: the shared pair features, then the headline-body features."""
    features, _, _ = featurize_pairs(pairs, knowledge, fnc["vectorizer"])
    headlines, bodies, rows_a, rows_b = _distinct_texts(pairs)
    extra = headline_body_features(fnc["reader"], headlines, bodies, rows_a, rows_b)
    return np.hstack([features, extra])


def fnc_words(fnc: dict[str, Any], pairs: Sequence[StancePair]) -> sparse.csr_matrix:
    """The related-pairs model's own inputs: the word TF-IDF rows (the reader's hashed 1-2-grams) of each
    pair's body, then of its headline, then (for a reader with ``refutation``) the refutation features.

    The related-pairs stance model (:func:`scoring.stance.model.fnc_probabilities`) reads them: which words
    a body and a headline use to take a side is more than the cue lexicon lists, and whether a body refutes
    the headline's story reads differently when the headline itself calls it a hoax. The boosted trees do
    not read the refutation features: on the cross-validation by story they lowered disagree-F1 there
    (see the model card, seventh session).
    """
    reader = fnc["reader"]
    words = reader["words"]
    headlines, bodies, rows_a, rows_b = _distinct_texts(pairs)
    body_words = sparse.csr_matrix(words.transform(bodies))
    head_words = sparse.csr_matrix(words.transform(headlines))
    blocks = [body_words[rows_b], head_words[rows_a]]
    if reader.get("refutation", False):
        blocks.append(sparse.csr_matrix(refutation_by_headline(reader, headlines, bodies, rows_a, rows_b)))
    return sparse.hstack(blocks, format="csr")


def _distinct_texts(pairs: Sequence[StancePair]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Each distinct headline and (clipped) body once, and each pair's row in them.

    FNC-1 pairs each body with many headlines: reading every text once and
    indexing it per pair costs a fraction of reading every pair.
    """
    headlines = sorted({p.a for p in pairs})
    bodies = sorted({p.b[:MAX_TEXT_CHARS] for p in pairs})
    head_row = {h: i for i, h in enumerate(headlines)}
    body_row = {b: i for i, b in enumerate(bodies)}
    rows_a = np.fromiter((head_row[p.a] for p in pairs), dtype=np.int64, count=len(pairs))
    rows_b = np.fromiter((body_row[p.b[:MAX_TEXT_CHARS]] for p in pairs), dtype=np.int64, count=len(pairs))
    return headlines, bodies, rows_a, rows_b
