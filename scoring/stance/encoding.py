"""Each text read once into sparse rows, so pair features are row-wise products.

A story of a thousand claims has tens of thousands of candidate pairs, so no
pair feature may loop over words in Python. Every text becomes a few binary
rows over one shared column space (its content stems, the stems a negation,
denial or hedge governs, the contrast phrases it asserts or negates, the units
it counts) plus a TF-IDF row; a pair feature is then the dot product of two
rows, computed for all pairs at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from scoring.knowledge import Knowledge
from scoring.statements import Statement

CUE_WINDOW = 6
"""Words either side of a denial or hedge cue that it is taken to govern."""

LEAD_TOKENS = 60
"""Words at the start of a text that count as its lead (a long body's first sentences)."""

TEXT_STATS = (
    "content_words",
    "negated_words",
    "denial_cues",
    "lead_denial_cues",
    "hedges",
    "lead_hedges",
    "question",
    "quantities",
    "contrast_phrases",
)
"""Per-text numbers, in column order of :attr:`Encoded.stats`."""


@dataclass(frozen=True)
class Encoded:
    """A batch of texts as sparse rows over one column space, plus per-text numbers."""

    content: sparse.csr_matrix
    lead: sparse.csr_matrix
    negated: sparse.csr_matrix
    near_denial: sparse.csr_matrix
    near_hedge: sparse.csr_matrix
    contrast_asserted: sparse.csr_matrix
    contrast_negated: sparse.csr_matrix
    units: sparse.csr_matrix
    tfidf: sparse.csr_matrix
    stats: np.ndarray
    statements: tuple[Statement, ...]


class _Columns:
    """Stem to column, growing as a batch is read."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        column = self.index.get(key)
        if column is None:
            column = self.index[key] = len(self.index)
        return column


def _matrix(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    """Binary CSR matrix from per-row column lists (duplicates collapse to one)."""
    indptr = [0]
    indices: list[int] = []
    for columns in rows:
        unique = sorted(set(columns))
        indices.extend(unique)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)), shape=(len(rows), width))


def _governed(statement: Statement, positions: Sequence[tuple[int, int]]) -> set[str]:
    """Content stems within :data:`CUE_WINDOW` words of any cue span."""
    found: set[str] = set()
    tokens = statement.tokens
    for start, end in positions:
        for position in range(max(0, start - CUE_WINDOW), min(len(tokens), end + CUE_WINDOW)):
            stem = tokens[position].stem
            if stem in statement.content:
                found.add(stem)
    return found


def encode(statements: Sequence[Statement], knowledge: Knowledge, vectorizer: object) -> Encoded:
    """Read a batch of statements into one :class:`Encoded`.

    ``vectorizer`` is a fitted scikit-learn text vectorizer (the model's word
    TF-IDF); its rows give the TF-IDF cosine of a pair.
    """
    columns = _Columns()
    content: list[list[int]] = []
    lead: list[list[int]] = []
    negated: list[list[int]] = []
    near_denial: list[list[int]] = []
    near_hedge: list[list[int]] = []
    units: list[list[int]] = []
    asserted: list[list[int]] = []
    negated_contrast: list[list[int]] = []
    stats = np.zeros((len(statements), len(TEXT_STATS)), dtype=np.float64)
    unit_columns = _Columns()
    for row, statement in enumerate(statements):
        tokens = statement.tokens
        content.append([columns(s) for s in statement.content])
        lead.append([columns(t.stem) for t in tokens[:LEAD_TOKENS] if t.stem in statement.content])
        negated.append([columns(s) for s in statement.negated])
        denials = [(m.start, m.end) for m in knowledge.denial_cues.find(tokens, statement.text)]
        hedges = [(m.start, m.end) for m in knowledge.hedges.find(tokens, statement.text)]
        near_denial.append([columns(s) for s in _governed(statement, denials)])
        near_hedge.append([columns(s) for s in _governed(statement, hedges)])
        asserted.append([2 * h.pair + (h.side == "right") for h in statement.contrasts if not h.negated])
        negated_contrast.append([2 * h.pair + (h.side == "right") for h in statement.contrasts if h.negated])
        units.append([unit_columns(q.unit) for q in statement.quantities])
        stats[row] = (
            np.log1p(len(statement.content)),
            len(statement.negated),
            len(denials),
            sum(1 for start, _ in denials if start < LEAD_TOKENS),
            len(hedges),
            sum(1 for start, _ in hedges if start < LEAD_TOKENS),
            1.0 if "?" in statement.text[:300] else 0.0,
            len(statement.quantities),
            len(statement.contrasts),
        )
    width = max(1, len(columns.index))
    sides = max(2, 2 * len(knowledge.contrast_pairs))
    texts = [s.text for s in statements]
    tfidf = sparse.csr_matrix(vectorizer.transform(texts))  # type: ignore[attr-defined]
    return Encoded(
        content=_matrix(content, width),
        lead=_matrix(lead, width),
        negated=_matrix(negated, width),
        near_denial=_matrix(near_denial, width),
        near_hedge=_matrix(near_hedge, width),
        contrast_asserted=_matrix(asserted, sides),
        contrast_negated=_matrix(negated_contrast, sides),
        units=_matrix(units, max(1, len(unit_columns.index))),
        tfidf=tfidf,
        stats=stats,
        statements=tuple(statements),
    )
