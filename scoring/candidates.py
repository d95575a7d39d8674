"""Which pairs of claims are worth comparing, without comparing all of them.

Every conflict or support rule needs the two claims to share something: content
words (restatement, negation, denial), a contrast pair (one side each), or a
counted noun (numbers). Claims are indexed by those keys in a sparse matrix;
keys carried by more than ``max_df`` claims are too common to pick out pairs
and are left out of the index (not of the similarity), and each claim keeps
its ``neighbours`` most similar partners. The work is then proportional to the
number of claims times ``max_df``, not to its square.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from scoring.knowledge import Knowledge
from scoring.statements import Statement


def tfidf_weights(statements: Sequence[Statement]) -> list[dict[str, float]]:
    """Unit-length TF-IDF weights of each claim's content words."""
    df: Counter[str] = Counter()
    for statement in statements:
        df.update(statement.content)
    n = len(statements)
    vectors: list[dict[str, float]] = []
    for statement in statements:
        weights = {w: math.log((1 + n) / (1 + df[w])) + 1.0 for w in statement.content}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two unit vectors held as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


def _keys(statement: Statement) -> set[str]:
    keys = set(statement.content)
    keys.update(f"contrast:{hit.pair}" for hit in statement.contrasts)
    keys.update(f"unit:{q.unit}" for q in statement.quantities)
    return keys


def candidate_pairs(
    statements: Sequence[Statement], knowledge: Knowledge, max_df: int = 50, neighbours: int = 30
) -> dict[tuple[int, int], float]:
    """Pairs ``(i, j)`` with ``i < j`` worth judging, mapped to their TF-IDF cosine."""
    del knowledge  # the keys come from the statements; kept for a uniform signature
    n = len(statements)
    if n < 2:
        return {}
    vectors = tfidf_weights(statements)
    keys = [_keys(s) for s in statements]
    df: Counter[str] = Counter()
    for claim_keys in keys:
        df.update(claim_keys)
    if n <= neighbours + 1:
        # Small story: no claim can have more partners than it keeps, and no key is
        # too common, so every pair sharing a key is a candidate.
        postings: dict[str, list[int]] = {}
        for row, claim_keys in enumerate(keys):
            for key in claim_keys:
                postings.setdefault(key, []).append(row)
        small: dict[tuple[int, int], float] = {}
        for rows_with_key in postings.values():
            if 1 < len(rows_with_key) <= max_df:
                for x, i in enumerate(rows_with_key):
                    for j in rows_with_key[x + 1 :]:
                        if (i, j) not in small:
                            small[(i, j)] = round(cosine(vectors[i], vectors[j]), 6)
        return small
    columns = {key: index for index, key in enumerate(sorted(k for k, c in df.items() if 1 < c <= max_df))}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, claim_keys in enumerate(keys):
        for key in claim_keys:
            column = columns.get(key)
            if column is not None:
                rows.append(row)
                cols.append(column)
                # Rare keys say more about a pair than common ones.
                vals.append(1.0 / math.log(1 + df[key]))
    if not columns:
        return {}
    index = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(columns)), dtype=np.float64)
    overlap = (index @ index.T).tocsr()
    pairs: dict[tuple[int, int], float] = {}
    for i in range(n):
        start, end = overlap.indptr[i], overlap.indptr[i + 1]
        partners = overlap.indices[start:end]
        strengths = overlap.data[start:end]
        mask = partners != i
        partners, strengths = partners[mask], strengths[mask]
        if len(partners) > neighbours:
            # Deterministic top-k: strongest first, ties broken by claim order.
            order = np.lexsort((partners, -strengths))[:neighbours]
            partners = partners[order]
        for j in partners.tolist():
            pair = (i, j) if i < j else (j, i)
            if pair not in pairs:
                pairs[pair] = round(cosine(vectors[pair[0]], vectors[pair[1]]), 6)
    return pairs
