"""What a source mention says, read by the scoring spine, plus what attribution adds.

The spine already reads mentions (:func:`scoring.mentions.read_mention`: person,
organisation, roles, known entities, relay chain) and decides their kind
(:func:`scoring.anonymity.classify`). The extractor reuses both, so that an
article and a hand-entered story are read the same way. Attribution adds two
things the spine does not need: whether the mention is a *group* ("officials",
"people familiar with the matter"), and the five coarse types human annotators
use for sourcing ("named individual", "named organization", "document",
"unnamed group", "anonymous individual").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from scoring.anonymity import Kind, classify
from scoring.claims import Source
from scoring.knowledge import Knowledge, load_knowledge
from scoring.mentions import _HEAD_BREAKS, Mention, read_mention
from scoring.parties import resolve
from scoring.tokens import Token, tokenize

NAMED_PERSON = "named individual"
NAMED_ORGANISATION = "named organization"
DOCUMENT = "document"
UNNAMED_GROUP = "unnamed group"
ANONYMOUS = "anonymous individual"
KINDS = (NAMED_PERSON, NAMED_ORGANISATION, DOCUMENT, UNNAMED_GROUP, ANONYMOUS)
"""The coarse source types of human sourcing annotations."""

_UNNAMED = (Kind.UNNAMED_SPOKESPERSON, Kind.UNNAMED_OFFICIAL, Kind.UNNAMED_SOURCE)
_DOCUMENT_ROLES = frozenset({"document", "report"})
_DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her"})
MAX_MENTION_CHARS = 300
"""Longer "mentions" are runaway spans; only their first characters are read."""


@dataclass(frozen=True)
class Reading:
    """A mention as the spine reads it, with its group number and coarse type."""

    mention: Mention
    kind: Kind
    plural: bool
    type: str

    @property
    def role(self) -> str:
        """The first role noun as written ("spokesman", "head coach"), or ""."""
        texts = [text for _, text in self.mention.roles]
        if len(texts) > 1 and f"{texts[0]} {texts[1]}" in self.mention.text:
            return f"{texts[0]} {texts[1]}"
        return texts[0] if texts else ""

    @property
    def organisation(self) -> str:
        """The body the mention names: an unknown organisation, else a known body or seat of power.

        Demonyms ("Ukrainian") and places after "in"/"at" say where, not whose.
        """
        if self.mention.organisation:
            return self.mention.organisation
        for hit in self.mention.entities:
            if not hit.locative and hit.entity.kind != "country":
                return hit.text
        for hit in self.mention.entities:
            if not hit.locative and hit.entity.via not in ("name", "alias", "demonym"):
                return hit.text
        return ""


def _head(tokens: list[Token], knowledge: Knowledge) -> tuple[str, list[Token]]:
    """The role category and the words of the head noun phrase (before "of", "who", …)."""
    limit = len(tokens)
    for index, token in enumerate(tokens):
        if index > 0 and token.norm in _HEAD_BREAKS:
            limit = index
            break
    category = ""
    for match in knowledge.roles.find(tokens[:limit]):
        category = match.value
    return category, tokens[:limit]


def _is_plural(tokens: list[Token], head: list[Token]) -> bool:
    """A group: a plural determiner, a group noun ("people"), or a plural role noun ("officials")."""
    from scoring.attribution.lexicon import is_role, lexicon

    if not tokens or not head:
        return False
    if tokens[0].norm in lexicon().plural_determiners:
        return True
    for token in head:
        norm = token.norm
        if norm in lexicon().group_nouns:
            return True
        if token.stem != norm and norm.endswith("s") and not norm.endswith("ss") and is_role(norm):
            return True
    return False


@lru_cache(maxsize=8192)
def read(text: str, citing: str = "") -> Reading:
    """Read one mention (and the origin it cites, if any) with the spine's knowledge."""
    knowledge = load_knowledge()
    text, citing = text[:MAX_MENTION_CHARS], citing[:MAX_MENTION_CHARS]
    mention = read_mention(Source(id="", mention=text, citing=citing), knowledge)
    kind = classify(mention).kind
    origin = tokenize(citing or text)
    category, head = _head(origin, knowledge)
    plural = _is_plural(origin, head)
    return Reading(mention, kind, plural, _coarse_type(mention, kind, plural, origin, category, head, knowledge))


def _coarse_type(
    mention: Mention,
    kind: Kind,
    plural: bool,
    tokens: list[Token],
    category: str,
    head: list[Token],
    knowledge: Knowledge,
) -> str:
    """Map the spine's kind onto the five coarse types of human sourcing labels."""
    from scoring.attribution.lexicon import lexicon

    if category in _DOCUMENT_ROLES and not mention.person:
        return DOCUMENT
    if kind is Kind.NAMED_PERSON:
        return NAMED_PERSON
    if kind is Kind.DOCUMENT:
        return DOCUMENT
    if len(tokens) == 1 and tokens[0].norm in lexicon().pronouns:
        number, what = lexicon().pronouns[tokens[0].norm]
        if number == "plural":
            return UNNAMED_GROUP
        return NAMED_ORGANISATION if what == "thing" else NAMED_PERSON
    if kind is Kind.NAMED_ORGANISATION:
        words = [t for t in tokens if t.norm not in knowledge.stopwords]
        if (
            len(words) == 1
            and words[0].capitalised
            and not words[0].upper
            and not mention.entities
            and words[0].norm not in knowledge.organisation_nouns
        ):
            # A bare capitalised word no gazetteer knows is most often a surname ("Trump said").
            return NAMED_PERSON
        return NAMED_ORGANISATION
    if (
        not category
        and head
        and tokens[0].norm in _DEFINITE
        and (head[-1].norm in knowledge.organisation_nouns or knowledge.government_nouns.find(head[-1:]))
    ):
        return NAMED_ORGANISATION  # "the ministry", "the agency": a body named earlier in the article
    if kind in _UNNAMED:
        return UNNAMED_GROUP if plural else ANONYMOUS
    return ANONYMOUS


def _verdict(source: Source, knowledge: Knowledge) -> tuple[Kind, str, str, str]:
    """The kind and party the spine gives a source."""
    mention = read_mention(source, knowledge)
    party = resolve(mention, source.type, source.party, knowledge)
    return classify(mention, source.type).kind, party.id, party.name, party.type


@lru_cache(maxsize=8192)
def structured(mention: str, citing: str = "") -> Source:
    """A source with the name, role and organisation its words give, when the spine reads it the same.

    The spine reads structured fields as a caller's declarations; they are
    only filled when the kind and party stay those of the bare mention, so an
    analysed article scores exactly as its words do.
    """
    knowledge = load_knowledge()
    bare = Source(id="", mention=mention, citing=citing)
    found = read(mention, citing)
    person = found.mention.person
    role, organisation = found.role.lower(), found.organisation
    if person:
        declared = "expert" if "expert" in found.mention.role_categories else "person"
        candidates = [
            Source(id="", mention=mention, name=person, role=role, organisation=organisation, type=declared),
            Source(id="", mention=mention, name=person, role=role, type=declared),
            Source(id="", mention=mention, name=person, type=declared),
        ]
    else:
        candidates = [
            Source(id="", mention=mention, role=role, organisation=organisation),
            Source(id="", mention=mention, organisation=organisation),
            Source(id="", mention=mention, role=role),
        ]
    candidates = [replace(c, citing=citing) for c in candidates]
    expected = _verdict(bare, knowledge)
    for candidate in candidates:
        if candidate != bare and _verdict(candidate, knowledge) == expected:
            return candidate
    return bare


def classify_mention(mention: str) -> str:
    """Coarse type of a mention given as text, e.g. ``"a U.S. official"`` → ``"anonymous individual"``."""
    return read(mention).type
