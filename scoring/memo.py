"""A bounded memory of answers computed in batches: look up what is known, compute the rest together.

The scorer remembers each claim's credibility and each pair's judgement.
Both are asked for many keys at once and are cheapest computed in one batch,
so the memory is consulted for every key first and only the missing ones
are computed. It is a plain dict, emptied when full (the working set of a
news desk is small and recent), and read into a local dict before anything
is computed: another thread (a training job, a threaded worker) may clear it
meanwhile, and a lookup must not fail because of that.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(memo: dict[K, V], keys: Sequence[K], limit: int, compute: Callable[[list[int]], Sequence[V]]) -> list[V]:
    """The answer for every key, in order; ``compute`` gets the positions of the unknown keys, answers them in order."""
    known = {key: hit for key in keys if (hit := memo.get(key)) is not None}
    missing = [i for i, key in enumerate(keys) if key not in known]
    if missing:
        if len(memo) + len(missing) > limit:
            memo.clear()
        for i, answer in zip(missing, compute(missing), strict=True):
            known[keys[i]] = memo[keys[i]] = answer
    return [known[key] for key in keys]
