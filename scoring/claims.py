"""The story as it arrives: claims and the sources they are attributed to.

These are plain, frozen dataclasses so that everything downstream (anonymity,
independence, conflict, credibility) can rely on values that never change
under its feet, and so that the API and the article extractor can build them
without knowing anything about how they are scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_TYPES = (
    "person",
    "government",
    "international",
    "company",
    "organisation",
    "outlet",
    "expert",
    "document",
)
"""Types a caller may declare for a source; anything else is inferred."""


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` in an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """One attribution as written: who the claim is said to come from.

    ``mention`` is the source as the story words it ("a Ukrainian intelligence
    officer"); ``name``, ``organisation`` and ``role`` are optional structured
    parts a caller (or the article extractor) may already know. ``type`` lets
    a caller state what the source is when the words alone cannot tell.
    ``citing`` names the origin a relaying outlet repeats ("CNN, citing
    Reuters"), so that repeats are not counted as new corroboration.
    """

    id: str
    mention: str = ""
    name: str = ""
    organisation: str = ""
    role: str = ""
    type: str = ""
    party: str = ""
    citing: str = ""
    span: Span | None = None

    @property
    def label(self) -> str:
        """The words to show a reader: the mention, else the name, else the organisation."""
        return self.mention or self.name or self.organisation


@dataclass(frozen=True)
class Claim:
    """One statement of the story and the sources it is attributed to."""

    id: str
    text: str
    sources: tuple[Source, ...] = ()
    span: Span | None = None


@dataclass(frozen=True)
class Story:
    """The claims of one story, scored together because they inform each other."""

    claims: tuple[Claim, ...]
    id: str = ""
    title: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every distinct source of the story, in order of first appearance."""
        seen: dict[str, Source] = {}
        for claim in self.claims:
            for source in claim.sources:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


def story_from_dict(data: dict[str, object]) -> Story:
    """Build a :class:`Story` from already validated plain data.

    Claims without ids get ``c1``, ``c2``… by position; sources without ids
    get ``s1``, ``s2``… in order of first appearance, and the same source
    written the same way in several claims gets the same id, so that it is
    counted once.
    """
    raw_claims = data.get("claims")
    if not isinstance(raw_claims, list):
        raise ValueError("'claims' must be a list")
    source_ids: dict[tuple[str, ...], str] = {}
    taken = {
        str(s["id"])
        for c in raw_claims
        if isinstance(c, dict)
        for s in c.get("sources", [])
        if isinstance(s, dict) and s.get("id")
    }
    claim_ids = {str(c["id"]) for c in raw_claims if isinstance(c, dict) and c.get("id")}
    claims: list[Claim] = []
    for index, raw in enumerate(raw_claims, start=1):
        if not isinstance(raw, dict):
            raise ValueError(f"claim {index} must be an object")
        sources = []
        for raw_source in raw.get("sources", []) or []:
            fields = {k: str(raw_source.get(k) or "") for k in _SOURCE_FIELDS}
            key = tuple(" ".join(fields[k].lower().split()) for k in _SOURCE_FIELDS)
            source_id = str(raw_source.get("id") or "")
            if not source_id:
                source_id = source_ids.get(key) or _fresh_id("s", len(source_ids) + 1, taken)
                taken.add(source_id)
            source_ids.setdefault(key, source_id)
            sources.append(
                Source(
                    id=source_id,
                    mention=fields["mention"],
                    name=fields["name"],
                    organisation=fields["organisation"],
                    role=fields["role"],
                    type=fields["type"],
                    party=fields["party"],
                    citing=fields["citing"],
                )
            )
        claim_id = str(raw.get("id") or _fresh_id("c", index, claim_ids))
        claim_ids.add(claim_id)
        claims.append(Claim(id=claim_id, text=str(raw.get("text", "")), sources=tuple(sources)))
    return Story(claims=tuple(claims), id=str(data.get("id") or ""), title=str(data.get("title") or ""))


_SOURCE_FIELDS = ("mention", "name", "organisation", "role", "type", "party", "citing")


def _fresh_id(prefix: str, start: int, taken: set[str]) -> str:
    number = start
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"
