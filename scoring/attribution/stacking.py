"""The tagger's second pass: each token seen again with its neighbours' first-pass probabilities.

A linear first pass labels each token from local words alone, so it cannot
see that the tokens around a likely source are themselves likely sources
("The family, protesters and civic leaders have been demanding"), or that a
confident subject stands right before a verb it has never met as a cue
("Mr. Clarke planned …"). The second pass is a small logistic model over
the binned source and cue probabilities of the token and of its neighbours
(each of the two on either side, the strongest within three tokens on either
side, the strongest cue four to eight tokens ahead and source four to eight
tokens back), crossed with the token's word, shape and the rules' reading. It is trained on
first-pass probabilities computed out of fold, so it learns how far to trust
the first pass on text that pass has not seen.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from scoring.attribution.features import CUE, SOURCE, hashed

STACKED_VERSION = 1
"""Bump when the second pass's features change: a model trained on other features is refused."""
N_STACKED = 2**16
"""Hashed columns of the second pass."""
BINS = 10

# Stacked codes per token: 0 word, 1 shape, 2 rule tag, 3 predicate word (first-pass codes 0, 2, 4, 13),
# 4 source bin, 5 cue bin, 6 strongest source bin 1-3 tokens left, 7 same to the right,
# 8 strongest cue bin 1-3 tokens left, 9 same to the right, 10 strongest cue bin 4-8 tokens right,
# 11 strongest source bin 4-8 tokens left.
_FROM_FIRST = (0, 2, 4, 13)
STACKED_TEMPLATES: tuple[tuple[tuple[int, int], ...], ...] = (
    (),
    ((0, 4),),
    ((0, 5),),
    ((0, 4), (0, 5)),
    ((-1, 4), (0, 4), (1, 4)),
    ((-1, 5), (0, 5), (1, 5)),
    ((0, 4), (1, 5)),
    ((0, 4), (1, 5), (2, 5)),
    ((0, 5), (-1, 4)),
    ((0, 5), (-2, 4), (-1, 4)),
    ((0, 4), (0, 9)),
    ((0, 4), (0, 8)),
    ((0, 5), (0, 6)),
    ((0, 5), (0, 7)),
    ((0, 4), (0, 10)),
    ((0, 5), (0, 11)),
    ((0, 4), (0, 6), (0, 7)),
    ((0, 4), (0, 0)),
    ((0, 5), (0, 0)),
    ((0, 4), (0, 1), (0, 2)),
    ((0, 5), (0, 1), (0, 2)),
    ((0, 4), (1, 0)),
    ((0, 4), (-1, 0)),
    ((0, 5), (-1, 0)),
    ((0, 4), (0, 3)),
    ((0, 4), (0, 9), (0, 1)),
)


def _shift(values: Any, segment: Any, d: int) -> Any:
    """``values[i + d]`` where token ``i + d`` is in the same sentence as token ``i``, else 0."""
    out = np.zeros_like(values)
    if d > 0:
        out[:-d] = np.where(segment[d:] == segment[:-d], values[d:], 0)
    elif d < 0:
        out[-d:] = np.where(segment[:d] == segment[-d:], values[:d], 0)
    else:
        out[:] = values
    return out


def _strongest(values: Any, segment: Any, offsets: range) -> Any:
    """The largest of ``values`` at the given offsets within each token's sentence (0 when none)."""
    out = np.zeros_like(values)
    for d in offsets:
        np.maximum(out, _shift(values, segment, d), out=out)
    return out


def stacked_columns(codes: Any, lengths: list[int], proba: Any) -> Any:
    """Hashed second-pass columns of every token, from its first-pass codes and all first-pass probabilities."""
    total = len(codes)
    if total == 0:
        return np.zeros((0, len(STACKED_TEMPLATES)), dtype=np.int64)
    segment = np.repeat(np.arange(len(lengths)), lengths)
    source = (np.minimum((proba[:, SOURCE] * BINS).astype(np.int64), BINS - 1) + 1).astype(np.uint64)
    cue = (np.minimum((proba[:, CUE] * BINS).astype(np.int64), BINS - 1) + 1).astype(np.uint64)
    rows = np.empty((total, 12), dtype=np.uint64)
    rows[:, :4] = codes[:, _FROM_FIRST]
    rows[:, 4] = source
    rows[:, 5] = cue
    rows[:, 6] = _strongest(source, segment, range(-3, 0))
    rows[:, 7] = _strongest(source, segment, range(1, 4))
    rows[:, 8] = _strongest(cue, segment, range(-3, 0))
    rows[:, 9] = _strongest(cue, segment, range(1, 4))
    rows[:, 10] = _strongest(cue, segment, range(4, 9))
    rows[:, 11] = _strongest(source, segment, range(-8, -3))
    return hashed(rows, lengths, STACKED_TEMPLATES, N_STACKED)
