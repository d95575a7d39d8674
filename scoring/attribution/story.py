"""Turning an article into a :class:`Story`: sentences → attributions → sources and claims."""

from __future__ import annotations

from dataclasses import dataclass, replace

from scoring.attribution.extractor import Found, Range, find_attributions
from scoring.attribution.guard import check_article
from scoring.attribution.reading import structured
from scoring.attribution.resolve import Entry, Registry
from scoring.attribution.sentences import (
    CLOSE_QUOTES,
    MAX_SEGMENT_CHARS,
    OPEN_QUOTES,
    Segment,
    split_segments,
)
from scoring.attribution.tagger import Tagger, shipped_tagger
from scoring.attribution.tokens import Token
from scoring.claims import Claim, Source, Span, Story

STRIP = frozenset({",", ";", ":", ".", " ", "\u2014", "\u2013", '"', "\u2019", "'"}) | OPEN_QUOTES | CLOSE_QUOTES


@dataclass(frozen=True)
class Attribution:
    """One attribution as character spans, for evaluation against annotated corpora."""

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    source_id: str
    segment: Span


def _span(seg: Segment, r: Range) -> Span:
    """Character span of a token range."""
    return Span(seg.tokens[r[0]].start, seg.tokens[r[1] - 1].end)


def _prose(seg: Segment) -> bool:
    """Whether a segment reads like a sentence (not garbage, not a runaway line)."""
    if seg.end - seg.start > MAX_SEGMENT_CHARS:
        return False
    alpha = sum(1 for t in seg.tokens if _wordlike(t.text))
    introduces = alpha == 2 and len(seg.tokens) == 3 and seg.tokens[-1].text == ":"  # "Limbaugh added:"
    return (alpha >= 3 or introduces) and alpha * 2 >= len(seg.tokens)


_JOINERS = str.maketrans("", "", "'\u2019-")
"""Apostrophes and hyphens, which join the letters of one word."""


def _wordlike(text: str) -> bool:
    """A word, contractions and compounds included ("It’s", "non-combat"), so short quotes count as prose."""
    return text.translate(_JOINERS).isalpha()


def prose_segments(text: str) -> list[Segment]:
    """The sentences of ``text`` the extractor reads (no headlines, no garbage)."""
    return [seg for seg in split_segments(text) if not seg.headline and _prose(seg)]


def _tokens_of(seg: Segment, r: Range) -> list[Token]:
    """Tokens of a range."""
    return list(seg.tokens[r[0] : r[1]])


class _Builder:
    """Walks the segments once, resolving sources and collecting claims."""

    def __init__(self, text: str, nested: bool = True, tagger: Tagger | None = None) -> None:
        self.text = text
        self.nested = nested
        self.tagger = tagger
        self.registry = Registry(text)
        self.attributions: list[tuple[Attribution, Entry | None, Found, Segment]] = []

    def run(self) -> None:
        """Extract and resolve every attribution of the article."""
        last_quote: tuple[Entry, int] | None = None
        segments = prose_segments(self.text)
        by_segment = [find_attributions(seg) for seg in segments]
        if self.tagger is not None:
            by_segment = self.tagger.augment(segments, by_segment)
        introduced: Entry | None = None
        """The speaker of a sentence ending in a colon ("Limbaugh added:"), who says the next paragraph."""
        for seg, found in zip(segments, by_segment, strict=True):
            previous: Entry | None = None
            if not self.nested:
                found = _top_level(found)
            if not found and introduced is not None:
                found = [Found((0, 0), ((0, len(seg.tokens)),), inherit="quote", quote=True)]
                last_quote = (introduced, seg.block)
            introduced = None
            for f in found:
                entry = self._entry(seg, f, previous, last_quote)
                if entry is not None:
                    previous = entry
                    if f.quote:
                        last_quote = (entry, seg.block)
                    if f.quote and not f.content:
                        introduced = entry
                att = Attribution(
                    source=_span(seg, f.mention or f.source) if f.source else None,
                    cue=_span(seg, f.cue) if f.cue[1] > f.cue[0] else None,
                    content=tuple(_span(seg, c) for c in f.content if c[1] > c[0]),
                    source_id=entry.id if entry else "",
                    segment=Span(seg.start, seg.end),
                )
                self.attributions.append((att, entry, f, seg))
            if not found:
                self.attributions.append(
                    (
                        Attribution(None, None, (Span(seg.start, seg.end),), "", Span(seg.start, seg.end)),
                        None,
                        Found((0, 0), ()),
                        seg,
                    )
                )

    def _entry(
        self, seg: Segment, f: Found, previous: Entry | None, last_quote: tuple[Entry, int] | None
    ) -> Entry | None:
        """The source entry of one attribution."""
        if f.inherit == "previous":
            return previous
        if f.inherit == "quote":
            if last_quote is not None and seg.block - last_quote[1] <= 1:
                return last_quote[0]
            return None
        if f.source is None:
            return None
        mention = f.antecedent if f.antecedent is not None else (f.mention or f.source)
        if f.citing is None:
            return self.registry.resolve(_tokens_of(seg, mention), "")
        # Nested attribution: the relay is the source as written, the origin is what it cites.
        origin = _span(seg, mention)
        return self.registry.resolve(_tokens_of(seg, f.citing), self.text[origin.start : origin.end])


def _top_level(found: list[Found]) -> list[Found]:
    """Drop attributions reported inside another's content ("X said Y told him …"), keeping participles."""
    out: list[Found] = []
    for f in found:
        inside = any(
            c[0] <= f.cue[0] < c[1] and (f.source is None or c[0] <= f.source[0]) for g in out for c in g.content
        )
        if not inside or f.inherit == "previous":
            out.append(f)
    return out


def _clean(text: str, span: Span) -> Span:
    """Trim quotation marks, spaces and edge punctuation from a content span."""
    a, b = span.start, span.end
    while a < b and text[a] in STRIP:
        a += 1
    while b > a and text[b - 1] in STRIP:
        b -= 1
    return Span(a, b)


def _source(entry: Entry) -> Source:
    """The frozen domain value of a source entry."""
    return replace(structured(entry.mention, entry.citing), id=entry.id, span=Span(entry.start, entry.end))


def extract_attributions(text: str, tagger: Tagger | None = None, rules_only: bool = False) -> list[Attribution]:
    """Every attribution of ``text`` (including unattributed sentences, with no source).

    The rules read first and the trained tagger (``tagger``, else the shipped
    one) adds what they miss; ``rules_only`` leaves the tagger out.
    """
    builder = _Builder(check_article(text), tagger=None if rules_only else tagger or shipped_tagger())
    builder.run()
    return [a for a, _, _, _ in builder.attributions]


def extract_story(text: str) -> Story:
    """Claims of an English news article with the sources they are attributed to.

    Raises :class:`~scoring.attribution.guard.ArticleError` for input that is not
    an article (too long, binary, non-Latin script).
    """
    builder = _Builder(check_article(text), nested=False, tagger=shipped_tagger())
    builder.run()
    sources = {e.id: _source(e) for e in builder.registry.entries}
    claims: list[Claim] = []
    for att, entry, _f, _seg in builder.attributions:
        if not att.content:
            continue
        first, last = att.content[0], att.content[-1]
        span = _clean(text, Span(first.start, last.end))
        if span.end <= span.start:
            continue
        if len(att.content) > 1:
            parts = [_clean(text, c) for c in att.content]
            claim_text = " ".join(text[p.start : p.end] for p in parts if p.end > p.start)
        else:
            claim_text = text[span.start : span.end]
        claim_sources = (sources[entry.id],) if entry is not None else ()
        claims.append(Claim(id=f"c{len(claims) + 1}", text=claim_text, sources=claim_sources, span=span))
    return Story(claims=tuple(claims))
