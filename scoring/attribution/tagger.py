"""The trained tagger at run time: sources and cues the rules missed, added to their attributions.

The rules read each sentence first; the tagger then labels every token as
source, cue or neither, seeing the rules' reading among its features, in two
passes: the second (:mod:`scoring.attribution.stacking`) sees the first's
probabilities around each token. A source
it finds that no rule attribution holds becomes a new attribution, with the
nearest cue (the tagger's or the lexicon's) and the rest of the sentence as
content ("he said" far from its subject, "hopes", "his claim", passives). The
rules stay the readable first pass: their attributions are kept as they read
them, unless no token of the source gets even ``DOUBT`` probability of being
a source (a rule that took "Tuesday" or a clause for a speaker). Verbs that
report an event ("approved", "signed", ``not_cues.txt``) are never cues here:
a reported act is an unattributed claim, not a statement. A source the model
is sure of (``STRONG``) with no cue tagged next to it takes the finite verb
after it as its cue ("Mr. Clarke planned …"), as PolNeAR's annotators do.
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
from scoring.attribution.features import CUE, FEATURE_VERSION, N_FEATURES, SOURCE, TEMPLATES, hashed, token_codes
from scoring.attribution.lexicon import lexicon
from scoring.attribution.sentences import CLOSE_QUOTES, OPEN_QUOTES, Segment
from scoring.attribution.spans import TIME_HEADS, scan_left, scan_right
from scoring.attribution.stacking import N_STACKED, STACKED_VERSION, stacked_columns
from scoring.attribution.tokens import Token

_EDGE = frozenset({",", ":", ";", "-", "\u2013", "\u2014", "that"}) | OPEN_QUOTES | CLOSE_QUOTES
_FINAL = frozenset({".", "!", "?"})
MAX_SOURCE_TOKENS = 14
WIDEN = 0.1
"""Source probability of a token next to a tagged run for the run to take it in (chosen on PolNeAR dev)."""
DOUBT = 0.3
"""Highest source probability below which a rule attribution's source is dropped (PolNeAR dev, 0.1 / 0.2 / 0.3 /
0.4: source F1 0.726 / 0.731 / 0.733 / 0.733)."""
STRONG = 0.6
"""Source probability from which a tagged source with no tagged cue nearby takes the verb after it as its cue
(PolNeAR dev, 0.5 / 0.6 / 0.7: source F1 0.734 / 0.733 / 0.729; 0.6 is more precise)."""
PREDICATE_CUE = 0.1
"""Least cue probability of that verb ("Mr. Clarke planned …": a verb the model has rarely seen as a cue)."""
CUE_WIDEN = 0.2
"""Cue probability of a token next to an added attribution's cue for the cue to take it in ("has also intensified");
PolNeAR dev cue F1 0.693 without, 0.696 / 0.700 / 0.698 at 0.1 / 0.2 / 0.3."""
MAX_CUE_TOKENS = 6


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

    def __init__(self, model: Any, thresholds: Thresholds, cue_words: frozenset[str], second: Any = None) -> None:
        self.model = model
        self.second = second
        """The second pass (:mod:`scoring.attribution.stacking`), or None for the first pass alone."""
        self.thresholds = thresholds
        self.cue_words = cue_words
        self._weights = np.ascontiguousarray(np.asarray(model.coef_, dtype=np.float64))
        self._intercept = np.asarray(model.intercept_, dtype=np.float64)
        if second is not None:
            self._weights2 = np.ascontiguousarray(np.asarray(second.coef_, dtype=np.float64))
            self._intercept2 = np.asarray(second.intercept_, dtype=np.float64)

    def probabilities(self, segments: Sequence[Segment], found: Sequence[Sequence[Found]]) -> list[Any]:
        """Per segment, an array of (outside, source, cue) probabilities per token (after the second pass)."""
        codes = token_codes(segments, found, self.cue_words)
        lengths = [len(seg.tokens) for seg in segments]
        proba = _proba(self._weights, self._intercept, hashed(codes, lengths, TEMPLATES, N_FEATURES))
        if self.second is not None:
            proba = _proba(self._weights2, self._intercept2, stacked_columns(codes, lengths, proba))
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
            out.append(kept + added(seg, kept, proba, self.thresholds, self.cue_words))
        return out


def _proba(weights: Any, intercept: Any, index: Any) -> Any:
    """One-vs-rest logistic probabilities, normalised, from each token's hashed columns.

    ``weights`` is (classes, columns); each class's weights of a token's
    columns are gathered with ``take`` and summed per token with
    ``add.reduceat``, several times faster than fancy-indexing a matrix.
    """
    n, width = index.shape
    if n == 0:
        return np.zeros((0, len(intercept)), dtype=np.float64)
    flat = index.ravel()
    starts = np.arange(0, flat.size, width)
    scores = np.stack([np.add.reduceat(row.take(flat), starts) for row in weights], axis=1) + intercept
    proba = expit(scores)  # the logistic function, without overflow
    proba /= proba.sum(axis=1, keepdims=True)
    return proba


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
    second = bundle.get("second")
    if second is not None and (bundle.get("n_stacked"), bundle.get("stacked_version")) != (N_STACKED, STACKED_VERSION):
        raise ArtifactError(f"the attribution tagger's second pass was trained on other features; {REBUILD}")
    return Tagger(bundle["model"], thresholds, frozenset(words.split("\n")), second)


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


def added(
    seg: Segment, found: Sequence[Found], proba: Any, thresholds: Thresholds, cue_words: frozenset[str] = frozenset()
) -> list[Found]:
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
        if toks[src[0]].lower in TIME_HEADS:
            continue  # "Wednesday in Science": a run that starts with a date is the tail of a longer phrase
        if any(_overlaps(src, r) for r in taken):
            continue
        free = [c for c in cues if not _overlaps(c, src)]
        cue = min(free, key=lambda c: _gap(src, c), default=None)
        if (cue is None or _gap(src, cue) > thresholds.gap) and float(proba[src[0] : src[1], SOURCE].max()) >= STRONG:
            cue = _predicate(toks, src, proba[:, CUE], cue_words)
        if cue is None or _gap(src, cue) > thresholds.gap:
            continue
        cue = _widen_cue(cue, src, proba[:, CUE])
        if any(t.lower in not_cues for t in toks[cue[0] : cue[1]]):
            continue
        content = _content(seg, src, cue)
        if not content:
            continue  # "Not everyone agrees.": a stance with nothing reported
        new.append(Found(cue=cue, content=content, source=src, mention=src))
        taken.append(src)
    return new


def _predicate(toks: Sequence[Token], src: Range, cue_proba: Any, cue_words: frozenset[str]) -> Range | None:
    """The verb right after a confident source, with its auxiliaries, as its cue ("Mr. Clarke planned …").

    PolNeAR's annotators mark nearly any stance or act of a source; the model
    is sure of such a subject well before it has seen its verb as a cue.
    Verbs of events (``not_cues.txt``) never qualify.
    """
    lex = lexicon()
    k = src[1]
    while k < len(toks) and k - src[1] < 3 and (toks[k].lower in lex.auxiliaries or toks[k].lower.endswith("ly")):
        k += 1
    if k >= len(toks) or not toks[k].is_word or toks[k].is_capitalised or toks[k].lower in lex.not_cues:
        return None
    if float(cue_proba[k]) < PREDICATE_CUE or not _verb_like(toks[k].lower, cue_words):
        return None
    return (src[1], k + 1)


def _verb_like(word: str, cue_words: frozenset[str]) -> bool:
    """Whether a word can be a finite verb: a cue word, or a past or third-person form ("planned", "wants")."""
    if word in lexicon().verbs or word in cue_words or word.endswith("ed"):
        return True
    return word.endswith("s") and not word.endswith("ss")


def _widen_cue(cue: Range, src: Range, cue_proba: Any) -> Range:
    """A cue grown over neighbours the model gives ``CUE_WIDEN`` cue probability, never into the source."""
    after = cue[0] >= src[1]
    low, high = (src[1], len(cue_proba)) if after else (0, src[0])
    a, b = cue
    while a > low and cue_proba[a - 1] >= CUE_WIDEN:
        a -= 1
    while b < high and cue_proba[b] >= CUE_WIDEN and b - a < MAX_CUE_TOKENS:
        b += 1
    return (a, b)


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
