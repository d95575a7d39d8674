"""The trained tagger at run time: sources and cues the rules missed, added to their attributions.

The rules read each sentence first; the tagger then labels every token as
source, cue or neither, seeing the rules' reading among its features. A source
it finds that no rule attribution holds becomes a new attribution, with the
nearest cue (the tagger's or the lexicon's) and the rest of the sentence as
content. Rule attributions are kept as they are: the rules stay the readable
first pass, the model only adds what they miss ("he said" far from its
subject, colon cues, "hopes", "his claim", passives).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from scoring.attribution.artifact import REBUILD, ArtifactError, load_artifact
from scoring.attribution.extractor import Found, Range
from scoring.attribution.features import CUE, FEATURE_VERSION, N_FEATURES, SOURCE, columns
from scoring.attribution.lexicon import lexicon
from scoring.attribution.sentences import CLOSE_QUOTES, OPEN_QUOTES, Segment
from scoring.attribution.spans import scan_left, scan_right
from scoring.attribution.tokens import Token

_EDGE = frozenset({",", ":", ";", "-", "\u2013", "\u2014", "that"}) | OPEN_QUOTES | CLOSE_QUOTES
_FINAL = frozenset({".", "!", "?"})
MAX_SOURCE_TOKENS = 14


@dataclass(frozen=True)
class Thresholds:
    """Probabilities above which a token is taken as source or cue (chosen on PolNeAR dev)."""

    source: float = 0.5
    cue: float = 0.5
    gap: int = 6
    seed: float = 0.5
    """A tagged source run is kept only when one of its tokens reaches this probability."""
    """Most tokens between an added source and its cue; a source with no cue that close is not added."""


class Tagger:
    """A fitted linear token classifier (outside / source / cue, one-vs-rest logistic) and its thresholds.

    Scoring gathers the weight rows of each token's hashed feature columns and
    sums them (every token has the same number of features): what the model's
    ``predict_proba`` computes on the one-hot matrix, without building it.
    """

    def __init__(self, model: Any, thresholds: Thresholds, cue_words: frozenset[str]) -> None:
        self.model = model
        self.thresholds = thresholds
        self.cue_words = cue_words
        self._weights = np.ascontiguousarray(np.asarray(model.coef_, dtype=np.float64).T)
        self._intercept = np.asarray(model.intercept_, dtype=np.float64)

    def probabilities(self, segments: Sequence[Segment], found: Sequence[Sequence[Found]]) -> list[Any]:
        """Per segment, an array of (outside, source, cue) probabilities per token."""
        index = columns(segments, found, self.cue_words)
        scores = self._weights[index].sum(axis=1) + self._intercept
        proba = 1.0 / (1.0 + np.exp(-scores))
        proba /= proba.sum(axis=1, keepdims=True)
        out: list[Any] = []
        at = 0
        for seg in segments:
            out.append(proba[at : at + len(seg.tokens)])
            at += len(seg.tokens)
        return out

    def augment(self, segments: Sequence[Segment], found: Sequence[list[Found]]) -> list[list[Found]]:
        """The rules' attributions of each segment plus those only the tagger finds."""
        out: list[list[Found]] = []
        for seg, f, proba in zip(segments, found, self.probabilities(segments, found), strict=True):
            out.append(f + added(seg, f, proba, self.thresholds))
        return out


def from_bundle(bundle: dict[str, Any]) -> Tagger:
    """A tagger from a loaded artifact bundle, refusing one built for other features."""
    if bundle.get("feature_version") != FEATURE_VERSION or bundle.get("n_features") != N_FEATURES:
        raise ArtifactError(f"the attribution tagger was trained on other features; {REBUILD}")
    source, cue, gap, seed = bundle["thresholds"]
    words = str(bundle["cue_words"])
    thresholds = Thresholds(float(source), float(cue), int(gap), float(seed))
    return Tagger(bundle["model"], thresholds, frozenset(words.split("\n")))


@lru_cache(maxsize=1)
def shipped_tagger() -> Tagger:
    """The tagger shipped with the package (hash-checked on first use)."""
    return from_bundle(load_artifact())


def _runs(mask: Any) -> list[Range]:
    """Maximal runs of true values, as token ranges."""
    runs: list[Range] = []
    start = -1
    for i, on in enumerate(mask.tolist()):
        if on and start < 0:
            start = i
        elif not on and start >= 0:
            runs.append((start, i))
            start = -1
    if start >= 0:
        runs.append((start, len(mask)))
    return runs


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def added(seg: Segment, found: Sequence[Found], proba: Any, thresholds: Thresholds) -> list[Found]:
    """New attributions for sources the tagger finds outside every rule attribution's source."""
    if len(proba) == 0:
        return []
    toks = seg.tokens
    taken: list[Range] = [r for f in found for r in (f.source, f.mention, f.citing, f.antecedent) if r is not None]
    cues = _runs(proba[:, CUE] >= thresholds.cue) + [f.cue for f in found if f.cue[1] > f.cue[0]]
    new: list[Found] = []
    auxiliaries = lexicon().auxiliaries
    cues = [c for c in cues if any(t.lower not in auxiliaries for t in toks[c[0] : c[1]])]
    for run in _runs(proba[:, SOURCE] >= thresholds.source):
        if float(proba[run[0] : run[1], SOURCE].max()) < thresholds.seed:
            continue
        src = _phrase(toks, run)
        if src[1] - src[0] > MAX_SOURCE_TOKENS or not any(t.is_word for t in toks[src[0] : src[1]]):
            continue
        if any(_overlaps(src, r) for r in taken):
            continue
        free = [c for c in cues if not _overlaps(c, src)]
        cue = min(free, key=lambda c: _gap(src, c), default=None)
        if cue is None or _gap(src, cue) > thresholds.gap:
            continue
        content = _content(seg, src, cue)
        if not content:
            continue  # "Not everyone agrees.": a stance with nothing reported
        new.append(Found(cue=cue, content=content, source=src, mention=src))
        taken.append(src)
    return new


def _gap(src: Range, cue: Range) -> int:
    """Tokens between a source and a cue that do not overlap."""
    return cue[0] - src[1] if cue[0] >= src[1] else src[0] - cue[1]


def _phrase(toks: Sequence[Token], run: Range) -> Range:
    """The whole noun phrase around a tagged run ("New" and "Times" of "the New York Times" are one source)."""
    start = min(run[0], scan_left(tuple(toks), run[1] - 1))
    end = max(run[1], scan_right(tuple(toks), run[0]))
    return (start, end) if end > start else run


def _content(seg: Segment, src: Range, cue: Range) -> tuple[Range, ...]:
    """The words of the sentence the source is reported to have said: after the frame, else before it."""
    toks = seg.tokens
    n = len(toks)
    while n > 0 and toks[n - 1].text in _FINAL:
        n -= 1
    frame = (min(src[0], cue[0]) if cue[1] > cue[0] else src[0], max(src[1], cue[1]))
    a = frame[1]
    while a < n and toks[a].lower in _EDGE:
        a += 1
    if n - a >= 2:
        return ((a, n),)
    b = frame[0]
    while b > 0 and toks[b - 1].lower in _EDGE:
        b -= 1
    return ((0, b),) if b >= 2 else ()
