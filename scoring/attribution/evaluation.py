"""Scoring extracted attributions against gold spans: token overlap of at least half, one to one.

Shared by ``bench/attribution.py`` and the tagger's training report, so the
model card and the benchmark count the same way.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable

from scoring.attribution.polnear import ROLES, Article, Spans
from scoring.attribution.reading import ANONYMOUS, KINDS, UNNAMED_GROUP
from scoring.attribution.story import Attribution

_WORD = re.compile(r"\w+|[^\w\s]")


def _token_sets(text: str, spans: Spans) -> list[frozenset[int]]:
    """Token indices covered by each span (tokens are words or single symbols)."""
    starts = [m.start() for m in _WORD.finditer(text)]
    ends = [m.end() for m in _WORD.finditer(text)]
    out: list[frozenset[int]] = []
    for a, b in spans:
        lo = bisect.bisect_right(ends, a)
        hi = bisect.bisect_left(starts, b)
        out.append(frozenset(range(lo, hi)))
    return out


def match_counts(text: str, gold: Spans, pred: Spans) -> tuple[int, int, int]:
    """(true positives, predicted, gold) with greedy one-to-one matching at ≥ 50 % token overlap."""
    g_sets = _token_sets(text, gold)
    p_sets = _token_sets(text, pred)
    used: set[int] = set()
    tp = 0
    for p in p_sets:
        if not p:
            continue
        best = -1
        best_score = 0.0
        for gi, g in enumerate(g_sets):
            if gi in used or not g:
                continue
            inter = len(p & g)
            if not inter:
                continue
            score = inter / max(len(p), len(g))
            if score >= 0.5 and score > best_score:
                best, best_score = gi, score
        if best >= 0:
            used.add(best)
            tp += 1
    return tp, len([p for p in p_sets if p]), len([g for g in g_sets if g])


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_kinds(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Accuracy, per-kind F1 and the F1 of "anonymous or unnamed" of (gold, predicted) kinds of source.

    "Anonymous or unnamed" pools the anonymous individual and the unnamed
    group against the rest: the distinction an editor acts on.
    """
    out = {"statements": float(len(pairs)), "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0}
    for kind in KINDS:
        tp = sum(g == p == kind for g, p in pairs)
        out[f"f1 {kind}"] = prf(tp, sum(p == kind for _, p in pairs), sum(g == kind for g, _ in pairs))[2]
    unnamed = {ANONYMOUS, UNNAMED_GROUP}
    tp = sum(g in unnamed and p in unnamed for g, p in pairs)
    out["anonymous_f1"] = prf(tp, sum(p in unnamed for _, p in pairs), sum(g in unnamed for g, _ in pairs))[2]
    return out


def score_articles(articles: list[Article], extract: Callable[[str], list[Attribution]]) -> dict[str, float]:
    """Span P/R/F1 of ``extract`` on annotated articles, and its speed."""
    totals = {k: [0, 0, 0] for k in ROLES}
    words = 0
    elapsed = 0.0
    cpu = 0.0
    for article in articles:
        text, gold = article.text, article.gold
        t0, c0 = time.perf_counter(), time.process_time()
        atts = extract(text)
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        words += len(text.split())
        pred: dict[str, Spans] = {"source": [], "cue": [], "content": []}
        for a in atts:
            if a.cue is None and a.source is None:
                continue
            if a.source is not None:
                pred["source"].append((a.source.start, a.source.end))
            if a.cue is not None:
                pred["cue"].append((a.cue.start, a.cue.end))
            if a.content:
                pred["content"].append((a.content[0].start, a.content[-1].end))
        for key in totals:
            tp, npred, ngold = match_counts(text, gold[key], sorted(set(pred[key])))
            totals[key][0] += tp
            totals[key][1] += npred
            totals[key][2] += ngold
    out: dict[str, float] = {"articles": float(len(articles))}
    for key, (tp, npred, ngold) in totals.items():
        p, r, f = prf(tp, npred, ngold)
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = p, r, f
    out["ms_per_1000_words"] = 1000 * elapsed / words * 1000 if words else 0.0
    # CPU time of this process: on a shared machine, wall time also counts other jobs' turns.
    out["cpu_ms_per_1000_words"] = 1000 * cpu / words * 1000 if words else 0.0
    out["articles_per_second"] = len(articles) / elapsed if elapsed else 0.0
    return out
