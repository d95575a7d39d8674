"""schema.org ClaimReview drafts: a scored claim, written the way fact-checkers publish.

A fact-checker does not publish our sourcing signals as a verdict; what helps is
a *draft* ClaimReview they can complete: the claim as reviewed, who made it and
where it appeared, and a rating that carries the credibility score and label
with the sourcing signals spelled out in ``ratingExplanation``. The draft is
marked ``creativeWorkStatus: "Draft"`` and names no reviewer or publication date:
those are the fact-checker's to add.

The rating is on the 0–1 scale of the credibility score (``worstRating`` 0,
``bestRating`` 1) so that any importer normalising ``ratingValue`` between the
worst and best ratings reads back the score it was given; ``alternateName``
carries the credibility label.

This module is pure: it reads the report :class:`scoring.Scorer` produces and
returns plain JSON-LD dicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"

PERSON_KINDS = frozenset({"named_person"})
"""Source kinds that are one identifiable person; every other source is an organisation or an unnamed voice."""


@dataclass(frozen=True)
class Appearance:
    """Where the claim appeared: the article, as much of it as is known."""

    url: str = ""
    headline: str = ""
    date_published: str = ""
    publisher: str = ""

    def to_jsonld(self) -> dict[str, Any] | None:
        """The ``appearance`` node, or ``None`` when nothing is known about the article."""
        node: dict[str, Any] = {"@type": "CreativeWork"}
        if self.url:
            node["url"] = self.url
        if self.headline:
            node["headline"] = self.headline
        if self.date_published:
            node["datePublished"] = self.date_published
        if self.publisher:
            node["publisher"] = {"@type": "Organization", "name": self.publisher}
        return node if len(node) > 1 else None


def _author(source: Mapping[str, Any]) -> dict[str, Any]:
    """A source of the claim as a schema.org Person or Organization."""
    affiliation = source.get("affiliation") or {}
    party = str(affiliation.get("party") or "")
    if source.get("kind") in PERSON_KINDS and source.get("name"):
        node: dict[str, Any] = {"@type": "Person", "name": str(source["name"])}
        if source.get("role"):
            node["jobTitle"] = str(source["role"])
        if party and party != source.get("name"):
            node["affiliation"] = {"@type": "Organization", "name": party}
        return node
    if not source.get("anonymous") and (source.get("organisation") or source.get("kind") == "named_organisation"):
        return {"@type": "Organization", "name": str(source.get("organisation") or source.get("mention") or party)}
    # An unnamed voice: the words of the story are the only name there is.
    node = {"@type": "Person", "name": str(source.get("mention") or "an unnamed source")}
    if party:
        node["affiliation"] = {"@type": "Organization", "name": party}
    return node


def _signal_line(name: str, signal: Mapping[str, Any]) -> str:
    """One signal as a sentence: its score and its first reasons."""
    reasons = " ".join(str(r) for r in list(signal.get("reasons") or [])[:3])
    score = f"{name} {float(signal.get('score', 0.0)):.2f}"
    return f"{score}: {reasons}" if reasons else f"{score}."


def rating_explanation(claim: Mapping[str, Any]) -> str:
    """The sourcing signals of a claim, in words a reader of the ClaimReview can follow."""
    credibility = claim["credibility"]
    lines = [
        f"Sourcing credibility {float(credibility['score']):.2f} ({credibility['label']}), "
        "an automated draft from the story's own sourcing, not a verdict on the facts.",
        _signal_line("Independence", claim["independence"]),
        _signal_line("Anonymity", claim["anonymity"]),
        _signal_line("Conflict", claim["conflict"]),
    ]
    return " ".join(lines)


def claim_review(
    claim: Mapping[str, Any],
    sources: Sequence[Mapping[str, Any]],
    version: Mapping[str, str],
    appearance: Appearance = Appearance(),
) -> dict[str, Any]:
    """One scored claim of a report as a ClaimReview node (without ``@context``)."""
    by_id = {str(s["id"]): s for s in sources}
    authors = [_author(by_id[sid]) for sid in claim.get("source_ids", []) if sid in by_id]
    item: dict[str, Any] = {"@type": "Claim"}
    if len(authors) == 1:
        item["author"] = authors[0]
    elif authors:
        item["author"] = authors
    where = appearance.to_jsonld()
    if where is not None:
        item["appearance"] = where
        if appearance.date_published:
            item["datePublished"] = appearance.date_published
    credibility = claim["credibility"]
    return {
        "@type": "ClaimReview",
        "creativeWorkStatus": "Draft",
        "claimReviewed": str(claim["text"]),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": round(float(credibility["score"]), 4),
            "worstRating": 0,
            "bestRating": 1,
            "alternateName": str(credibility["label"]),
            "ratingExplanation": rating_explanation(claim),
        },
        "identifier": str(claim["id"]),
        "isBasedOn": {
            "@type": "SoftwareApplication",
            "name": "credscore",
            "softwareVersion": "; ".join(f"{key} {value}" for key, value in sorted(version.items())),
        },
    }


def claim_reviews(
    report: Mapping[str, Any], appearance: Appearance = Appearance(), claim_ids: Sequence[str] = ()
) -> dict[str, Any]:
    """A report's claims (all, or those in ``claim_ids``) as one JSON-LD document with a ``@graph``."""
    wanted = set(claim_ids)
    unknown = wanted - {str(c["id"]) for c in report["claims"]}
    if unknown:
        raise KeyError(f"no claim with id {', '.join(sorted(unknown))} in this story")
    nodes = [
        claim_review(claim, report["sources"], report["version"], appearance)
        for claim in report["claims"]
        if not wanted or claim["id"] in wanted
    ]
    return {"@context": SCHEMA_CONTEXT, "@graph": nodes}
