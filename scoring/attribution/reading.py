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
_PERSON_RELATIVES = frozenset({"who", "whose", "whom"})
_PARTICIPLE_OBJECTS = frozenset(
    {"by", "on", "in", "at", "outside", "inside", "near", "after", "during", "from", "with", "across", "for"}
)
"""After a lower-case "-ed" word these make it a modifier of the head noun ("people briefed on the talks")."""
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
    """The role category and the words of the head noun phrase (before "of", "who", "surveyed by", …).

    A lower-case "-ed" word followed by a preposition starts a participle
    modifier ("voters interviewed outside polling places", "economists surveyed
    by Bloomberg"): its words say where or by whom, not who.
    """
    limit = len(tokens)
    for index, token in enumerate(tokens):
        agent = (
            token.norm.endswith("ed")
            and not token.capitalised
            and index + 1 < len(tokens)
            and tokens[index + 1].norm in _PARTICIPLE_OBJECTS
        )
        if index > 0 and (token.norm in _HEAD_BREAKS or agent):
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
    for index, token in enumerate(head):
        norm = token.norm
        following = head[index + 1].norm if index + 1 < len(head) else ""
        if norm in lexicon().group_nouns and not (following and not following.endswith("s") and is_role(following)):
            return True  # "staff said", but "a staff member said" is one person
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
    if (
        not citing
        and 0 < len(head) < len(origin) - 1
        and origin[len(head)].norm.endswith("ed")
        and origin[len(head) + 1].norm == "by"
    ):
        # "Economists surveyed by Bloomberg": the source is the head; the agent only says who asked them
        inner = read(text[: origin[len(head)].start].rstrip())
        return Reading(mention, kind, inner.plural, inner.type)
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
    nouns = [t for t in head if not t.norm.endswith("ed")]  # "research conducted by …": the noun, not the verb
    if (
        nouns
        and _is_document(nouns[-1])
        and (not any(t.capitalised for t in head[1:]) or (nouns[-1] is head[-1] and not head[-1].capitalised))
    ):
        # "the bill", "research conducted by …", "court records"; "a Washington Post investigation" (a
        # lower-case document noun after a name), but not "the Washington Post" (the name itself)
        return DOCUMENT
    if _named_document(head):
        return DOCUMENT  # "Senate Bill 79", "Proposition 22", "the Affordable Care Act"
    if _named_body(tokens, head, knowledge):
        return NAMED_ORGANISATION  # "The Committee for a Responsible Federal Budget", "The Charlotte Observer"
    if (
        plural
        and mention.person
        and (
            mention.person not in " ".join(t.text for t in head)
            or (head[-1].norm in _group_nouns() and head[-1].text in mention.person.split())
        )
    ):
        return UNNAMED_GROUP  # "advisers to Mr. Obama", "House Democrats": the name is whose, or no name at all
    if _collective_of(tokens, head):
        return UNNAMED_GROUP  # "a group of black parents", "a number of lawmakers": many people, none named
    if _possessed_body(head, knowledge):
        return NAMED_ORGANISATION  # "Gov. Gavin Newsom's office", "Trump's campaign": the body, not its holder
    if kind is Kind.NAMED_PERSON:
        return NAMED_PERSON
    if kind is Kind.DOCUMENT and not (plural and category and category not in _DOCUMENT_ROLES):
        return DOCUMENT  # but "voters interviewed outside polling places" are people: the head decides
    if len(tokens) == 1 and tokens[0].norm in lexicon().pronouns:
        number, what = lexicon().pronouns[tokens[0].norm]
        if number == "plural":
            return UNNAMED_GROUP
        return NAMED_ORGANISATION if what == "thing" else NAMED_PERSON
    if mention.anonymity_cues or any(text.lower() in lexicon().anonymous_heads for _, text in mention.roles):
        return ANONYMOUS  # "people familiar with the matter", "two sources": withheld on purpose, one or many
    if not mention.anonymity_cues:
        named = _leading_name(mention.text, knowledge)
        if named:
            return named
        name_part = tokenize(mention.text.partition(",")[0])  # "Gov. Ed Rendell, who served …": the name before
        if _titled_name(name_part, knowledge):
            return NAMED_PERSON  # "President Trump", "Vice President JD Vance": a title before a name
        if _trailing_name(mention.text, knowledge):
            return NAMED_PERSON  # "An attorney for Pagliano, Mark MacDougall": a description, then the name
        if _indefinite_body(tokens, head, knowledge):
            return NAMED_ORGANISATION  # "a federal appeals court ruled": a body, which the labels do not split
        if _office_holder(tokens, head, plural):
            return NAMED_PERSON  # "the senator", "the company's chief executive": a holder named earlier
    if (
        plural
        and not mention.person
        and (tokens[0].norm in lexicon().plural_determiners or head[-1].norm in lexicon().group_nouns)
    ):
        return UNNAMED_GROUP  # "some Democrats", "authorities", "U.S. officials"
    if not mention.person and _group_head(head):
        return UNNAMED_GROUP  # "landlords argue", "immigration judges said": people of one kind, none named
    if kind is Kind.NAMED_ORGANISATION:
        words = [t for t in tokens if t.norm not in knowledge.stopwords]
        if (
            len(words) == 1
            and tokens[0].norm != "the"  # "The Yankees", "The Guardian": no surname takes "the"
            and words[0].capitalised
            and not words[0].upper
            and not mention.entities
            and words[0].norm not in knowledge.organisation_nouns
            and words[0].norm not in lexicon().organisation_names
            and words[0].norm not in lexicon().body_nouns
            and not _brand_cased(words[0].text)
        ):
            # A bare capitalised word no gazetteer knows is most often a surname ("Trump said").
            return NAMED_PERSON
        return NAMED_ORGANISATION
    if (
        head
        and (not category or head[-1].norm in knowledge.organisation_nouns or head[-1].norm in lexicon().body_nouns)
        and tokens[0].norm in _DEFINITE
        and (
            head[-1].norm in knowledge.organisation_nouns
            or head[-1].norm in lexicon().body_nouns
            or knowledge.government_nouns.find(head[-1:])
        )
    ):
        return NAMED_ORGANISATION  # "the ministry", "the agency": a body named earlier in the article
    if kind in _UNNAMED:
        return UNNAMED_GROUP if plural else ANONYMOUS
    return ANONYMOUS


def _possessed_body(head: list[Token], knowledge: Knowledge) -> bool:
    """Whether the head ends on a body noun after a possessive name ("Newsom's office", "the mayor's office")."""
    from scoring.attribution.lexicon import lexicon

    if len(head) < 2 or not head[-2].text.lower().endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return False
    last = head[-1].norm
    return last in knowledge.organisation_nouns or last in lexicon().body_nouns


def _brand_cased(word: str) -> bool:
    """Whether one word has a capital inside it that no surname prefix explains ("BlackRock", not "McConnell")."""
    from scoring.attribution.lexicon import lexicon

    for index in range(1, len(word)):
        if word[index].isupper() and word[index - 1].isalpha():
            return word[:index].lower() not in lexicon().surname_prefixes
    return False


def _named_document(head: list[Token]) -> bool:
    """Whether a capitalised name is a document's: "Bill" before a number, "Act" ending the name."""
    from scoring.attribution.lexicon import lexicon

    named = lexicon().named_documents
    for index, token in enumerate(head):
        if not token.capitalised:
            continue
        following = head[index + 1] if index + 1 < len(head) else None
        if following is not None and following.norm[:1].isdigit() and (token.norm, "before_number") in named:
            return True
        if following is None and index > 0 and (token.norm, "ends_name") in named:
            return True
    return False


def _group_head(head: list[Token]) -> bool:
    """Whether the head noun is a plural of people the spine's roles do not list ("landlords", "drivers")."""
    from scoring.attribution.lexicon import lexicon

    return bool(head) and head[-1].norm in lexicon().group_heads


def _is_document(token: Token) -> bool:
    """Whether a head noun names a document the spine's roles do not list ("bill", "order", "filings")."""
    from scoring.attribution.lexicon import lexicon

    documents = lexicon().document_nouns | lexicon().document_heads
    return token.norm in documents or token.stem in documents or token.norm.rstrip("s") in documents


def _leading_name(text: str, knowledge: Knowledge) -> str:
    """The type of "Smith, a professor at Yale" or "Acme, a chip maker": a bare name before an appositive.

    The spine only reads a person's name with a first name or a title; a
    capitalised name no list knows, followed by a description, is a person
    unless the description is of a body.
    """
    from scoring.attribution.lexicon import is_role, lexicon

    name, comma, rest = text.partition(",")
    if not comma or not rest.strip():
        return ""
    words = tokenize(name)
    if not 1 <= len(words) <= 3 or not all(w.capitalised and not w.upper for w in words):
        return ""
    for w in words:
        if (
            w.norm in knowledge.stopwords
            or w.norm in knowledge.titles
            or w.norm in knowledge.organisation_nouns
            or w.norm in lexicon().pronouns
            or is_role(w.norm)
            or knowledge.entities.find([w])
        ):
            return ""
    described = tokenize(rest)[:6]
    if described and described[0].norm in _PERSON_RELATIVES:
        return NAMED_PERSON  # "Delgado, whose son attends the school": a relative clause about a person
    _, described_head = _head(described, knowledge)
    for w in reversed(described_head):  # "the union's president": a person; "a chip maker": a body
        if is_role(w.norm) and w.norm not in lexicon().body_nouns:
            return NAMED_PERSON
        if w.norm in knowledge.organisation_nouns or w.norm in lexicon().body_nouns:
            return NAMED_ORGANISATION
    if any(w.norm in knowledge.organisation_nouns or w.norm in lexicon().body_nouns for w in described):
        return NAMED_ORGANISATION
    return NAMED_PERSON


def _name_word(token: Token, knowledge: Knowledge) -> bool:
    """A capitalised word that is no title, role, stop word, body noun, known entity or government word:
    part of a person's name."""
    from scoring.attribution.lexicon import is_role

    return (
        token.capitalised
        and token.norm not in knowledge.titles
        and token.norm not in knowledge.stopwords
        and token.norm not in knowledge.organisation_nouns
        and not is_role(token.norm)
        and not knowledge.entities.find([token])
        and not knowledge.government_nouns.find([token])
    )


def _titled_name(tokens: list[Token], knowledge: Knowledge) -> bool:
    """ "President Trump", "Secretary of State Marco Rubio": capitalised names right after a title or role.

    The spine reads a person's name only with a first name it recognises; a
    capitalised role ("President", "Secretary") followed by capitalised words
    that are not themselves a body or a place is a titled person.
    """
    from scoring.attribution.lexicon import is_role, lexicon

    def plain(t: Token) -> bool:
        return _name_word(t, knowledge)

    particles = lexicon().name_particles
    end = len(tokens)
    start = end
    if end >= 2 and tokens[-1].capitalised and knowledge.entities.find(tokens[-1:]) and plain(tokens[-2]):
        start -= 1  # "Chief Chuck Jordan": a first name makes a place's name a surname
    elif (
        end >= 3
        and plain(tokens[-1])
        and tokens[-2].capitalised
        and not tokens[-2].upper
        and knowledge.entities.find(tokens[-2:-1])
        and tokens[-3].capitalised
        and (tokens[-3].norm in knowledge.titles or is_role(tokens[-3].norm) or tokens[-3].norm in lexicon().offices)
    ):
        return True  # "Sheriff Chad Bianco": a place's name between a title and a surname is a first name
    while (
        start > 0
        and end - start < 4
        and (
            plain(tokens[start - 1])
            or (start - 1 > 0 and start < end and tokens[start - 1].norm in particles and plain(tokens[start - 2]))
        )
    ):
        start -= 1  # "Mayor Bill de Blasio": a lower-case particle between capitalised names
    if start == end or start == 0:
        return False
    before = tokens[start - 1]
    if before.capitalised and (before.norm in knowledge.titles or is_role(before.norm)):
        return True
    # "Secretary of State Marco Rubio": title, "of", the department's word, then the name
    return (
        end - start >= 2
        and start >= 3
        and before.capitalised
        and tokens[start - 2].norm == "of"
        and tokens[start - 3].capitalised
        and is_role(tokens[start - 3].norm)
    )


def _trailing_name(text: str, knowledge: Knowledge) -> bool:
    """Whether a description ends on a comma and a full name ("An attorney for Pagliano, Mark MacDougall").

    Two or three capitalised words that are no title, role, body or place are a
    person's first name and surname.
    """
    before, comma, name = text.rstrip(" ,").rpartition(",")
    if not comma or not before.strip():
        return False
    words = tokenize(name)
    return 2 <= len(words) <= 3 and all(not w.upper and _name_word(w, knowledge) for w in words)


def _named_body(tokens: list[Token], head: list[Token], knowledge: Knowledge) -> bool:
    """Whether "The" opens a capitalised name that is a body's: its head is a body noun, or no office.

    "The Committee for a Responsible Federal Budget" (the spine reads a person
    in the words after "for"), "The Charlotte Observer" (a capitalised role
    word as a newspaper's name); "The Vice President" stays an office.
    """
    from scoring.attribution.lexicon import lexicon

    if len(head) < 2 or tokens[0].norm != "the" or not all(t.capitalised for t in head[1:]):
        return False
    last = head[-1].norm
    if last in knowledge.organisation_nouns or last in lexicon().body_nouns:
        return True
    return (
        len(head) >= 3
        and len(head) == len(tokens)
        and last not in knowledge.titles
        and last not in lexicon().offices
        and last not in lexicon().anonymous_heads
        and not any(t.norm in knowledge.titles for t in head[1:])
    )


def _group_nouns() -> frozenset[str]:
    """Plural heads of unnamed groups, from both group lists."""
    from scoring.attribution.lexicon import lexicon

    return lexicon().group_nouns | lexicon().group_heads


def _collective_of(tokens: list[Token], head: list[Token]) -> bool:
    """ "A group of parents", "a number of lawmakers": a collective noun, "of", then people in the plural."""
    from scoring.attribution.lexicon import is_organisation_noun, is_role, lexicon

    if not head or len(tokens) <= len(head) + 1 or tokens[len(head)].norm != "of":
        return False
    last = head[-1].norm
    if any(t.capitalised for t in head[1:]):
        return False  # "The Union of Concerned Scientists": a name
    if last not in lexicon().body_nouns and last not in lexicon().group_heads and not is_organisation_noun(last):
        return False
    rest = tokens[len(head) + 1 :]
    stop = next((i for i, t in enumerate(rest) if i > 0 and t.norm in _HEAD_BREAKS), len(rest))
    last = rest[stop - 1].norm
    return last in _group_nouns() or (last.endswith("s") and not last.endswith("ss") and is_role(last))


def _indefinite_body(tokens: list[Token], head: list[Token], knowledge: Knowledge) -> bool:
    """ "A federal appeals court", "a union representing flight attendants": one body, left unnamed."""
    from scoring.attribution.lexicon import lexicon

    if not head or tokens[0].norm not in ("a", "an") or len(head) < 2 or _collective_of(tokens, head):
        return False
    last = head[-1].norm
    return last in knowledge.organisation_nouns or last in lexicon().body_nouns


def _office_holder(tokens: list[Token], head: list[Token], plural: bool) -> bool:
    """ "The senator", "the company's chief executive": one office whose holder the article has named."""
    from scoring.attribution.lexicon import lexicon

    if plural or len(tokens) < 2 or len(head) > 5 or tokens[0].norm != "the":
        return False
    offices = lexicon().offices
    last = head[-1].norm
    return last in offices or (len(head) >= 2 and f"{head[-2].norm} {last}" in offices)


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
