"""What kind of source a mention is: a named person, an organisation, a document, or unnamed.

Used to resolve "the agency" and "he" to the right earlier source, and by the
benchmark to compare with human labels of the type of source. Decided from
the lexicon and capitalisation only.
"""

from __future__ import annotations

from scoring.attribution.lexicon import lexicon
from scoring.attribution.tokens import Token, tokenize

NAMED_PERSON = "named individual"
NAMED_ORGANISATION = "named organization"
DOCUMENT = "document"
UNNAMED_GROUP = "unnamed group"
ANONYMOUS = "anonymous individual"
KINDS = (NAMED_PERSON, NAMED_ORGANISATION, DOCUMENT, UNNAMED_GROUP, ANONYMOUS)

INDEFINITE = frozenset({"a", "an", "one", "another", "someone", "somebody"})
PLURAL_DETERMINERS = frozenset(
    {"some", "several", "many", "two", "three", "four", "other", "others", "few", "numerous", "multiple"}
)


def _has_phrase(lowers: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the token sequence contains ``phrase``."""
    n = len(phrase)
    first = phrase[0]
    for i in range(len(lowers) - n + 1):
        if lowers[i] == first and tuple(lowers[i : i + n]) == phrase:
            return True
    return False


def is_anonymous(lowers: list[str]) -> bool:
    """A mention with an anonymity phrase ("on condition of anonymity", "familiar with")."""
    return any(_has_phrase(lowers, p) for p in lexicon().anonymity)


def _head(core: list[Token]) -> Token | None:
    """The head noun: the last word before a preposition or clause."""
    lex = lexicon()
    head: Token | None = None
    for t in core:
        if t.lower in (
            "of",
            "for",
            "from",
            "at",
            "with",
            "in",
            "by",
            "who",
            "familiar",
            "close",
            "speaking",
            ",",
        ):
            if head is not None:
                break
            continue
        if t.is_word and t.lower not in lex.connectors:
            head = t
    return head


def _is_acronym(t: Token) -> bool:
    """NATO, HUR, U.S."""
    s = t.text.replace(".", "")
    return len(s) >= 2 and s.isupper() and s.isalpha()


def classify_tokens(core: list[Token]) -> str:
    """Kind of a mention given as tokens (see :data:`KINDS`)."""
    lex = lexicon()
    words = [t for t in core if t.is_word]
    if not words:
        return ANONYMOUS
    lowers = [t.lower for t in core]
    head = _head(core)
    head_low = head.lower if head else ""
    first = words[0].lower
    if len(words) == 1 and first in lex.pronouns:
        number, _ = lex.pronouns[first]
        return UNNAMED_GROUP if number == "plural" else NAMED_PERSON
    from scoring.attribution.parts import name_run

    stripped = [t for t in core if t.lower not in ("the", "a", "an")]
    cut = next((i for i, t in enumerate(stripped) if t.text == "," or t.lower == "who"), len(stripped))
    run = name_run(stripped[:cut])
    if (
        run is not None
        and head_low not in lex.organisation_nouns
        and not any(t.lower in lex.organisation_nouns for t in stripped[run[0] : run[1]])
    ):
        if len(stripped[:cut]) > run[1] - run[0] or first not in ("the",):
            return NAMED_PERSON
    anonymous = is_anonymous(lowers)
    plural = (
        head_low in lex.group_nouns
        or (head_low.endswith("s") and head_low in lex.roles and not head_low.endswith("ss"))
        or first in PLURAL_DETERMINERS
    )
    if head_low in lex.document_nouns and not (
        head is not None and head.is_capitalised and head_low not in ("report", "study")
    ):
        return DOCUMENT
    if anonymous:
        return UNNAMED_GROUP if plural else ANONYMOUS
    role = head_low in lex.roles
    caps = [
        t
        for t in words
        if t.is_capitalised and t.lower not in lex.titles and t.lower.rstrip(".") not in lex.titles
    ]
    if role:
        # a named person: a capitalised name after the role ("spokesman Dmitry Peskov")
        idx = core.index(head) if head in core else -1
        after = [t for t in core[idx + 1 :] if t.is_word] if idx >= 0 else []
        if (
            after
            and after[0].is_capitalised
            and not _is_acronym(after[0])
            and after[0].lower not in lex.organisation_nouns
        ):
            return NAMED_PERSON
        if plural:
            return UNNAMED_GROUP
        if first in INDEFINITE or first in ("the",) or not caps or first not in ("the",):
            return ANONYMOUS
    if plural and not (head is not None and head.is_capitalised):
        return UNNAMED_GROUP
    if (
        head_low in lex.organisation_nouns
        or any(_is_acronym(t) for t in words)
        or any(t.lower in lex.organisation_nouns for t in caps)
    ):
        return NAMED_ORGANISATION
    if caps and first not in INDEFINITE:
        if words[0].is_capitalised or first == "the":
            if first == "the":
                return NAMED_ORGANISATION
            return NAMED_PERSON
    if first in INDEFINITE:
        return ANONYMOUS
    return NAMED_PERSON if caps else UNNAMED_GROUP


def classify_mention(mention: str) -> str:
    """Kind of a mention given as text, e.g. ``"a U.S. official"`` → ``"anonymous individual"``."""
    return classify_tokens(tokenize(mention[:1000]))
