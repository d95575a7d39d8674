"""The trained tagger at run time: sources and cues the rules missed, added to their attributions.

The rules read each sentence first; the tagger then labels every token as
source, cue or neither, seeing the rules' reading among its features. A source
it finds that no rule attribution holds becomes a new attribution, with the
nearest cue (the tagger's or the lexicon's) and the rest of the sentence as
content ("he said" far from its subject, "hopes", "his claim", passives). The
rules stay the readable first pass: their attributions are kept as they read
them, unless no token of the source gets even ``DOUBT`` probability of being
a source (a rule that took "Tuesday" or a clause for a speaker). Verbs that
report an event ("approved", "signed", ``not_cues.txt``) are never cues here:
a reported act is an unattributed claim, not a statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.special import expit

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
WIDEN = 0.1
"""Source probability of a token next to a tagged run for the run to take it in (chosen on PolNeAR dev)."""
DOUBT = 0.2
"""Highest source probability below which a rule attribution's source is dropped (chosen on PolNeAR dev)."""


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
        proba = expit(scores)  # the logistic function, without overflow for large scores
        proba /= proba.sum(axis=1, keepdims=True)
        out: list[Any] = []
        at = 0
        for seg in segments:
            out.append(proba[at : at + len(seg.tokens)])
            at += len(seg.tokens)
        return out

    def augment(self, segments: Sequence[Segment], found: Sequence[list[Found]]) -> list[list[Found]]:
        """The rules' attributions the model believes in, plus those only the tagger finds."""
        out: list[list[Found]] = []
        for seg, f, proba in zip(segments, found, self.probabilities(segments, found), strict=True):
            kept = [g for g in f if _believed(g, proba)]
            out.append(kept + added(seg, kept, proba, self.thresholds))
        return out


def _believed(found: Found, proba: Any) -> bool:
    """Whether a rule attribution's source gets some source probability from the model (``DOUBT``)."""
    if found.source is None or found.citing is not None or found.antecedent is not None:
        return True
    a, b = found.source
    return b <= a or float(proba[a:b, SOURCE].max()) >= DOUBT


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
    not_cues = lexicon().not_cues
    cues = [
        c
        for c in cues
        if any(t.lower not in auxiliaries for t in toks[c[0] : c[1]])
        and not any(t.lower in not_cues for t in toks[c[0] : c[1]])
    ]
    for run in _runs(proba[:, SOURCE] >= thresholds.source):
        if float(proba[run[0] : run[1], SOURCE].max()) < thresholds.seed:
            continue
        src = _phrase(toks, run, proba[:, SOURCE])
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


def _phrase(toks: Sequence[Token], run: Range, source: Any) -> Range:
    """The noun phrase around a tagged run ("New" and "Times" of "the New York Times" are one source).

    It widens only over tokens the model itself gives some chance of being
    source (``WIDEN``), so a run is not stretched over the verb and object
    after it ("Cruz exhorted Republicans").
    """
    start = min(run[0], scan_left(tuple(toks), run[1] - 1))
    end = max(run[1], scan_right(tuple(toks), run[0]))
    a, b = run
    while a > start and source[a - 1] >= WIDEN:
        a -= 1
    while b < end and source[b] >= WIDEN:
        b += 1
    return (a, b)


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
