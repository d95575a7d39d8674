"""The kind of source behind one sourced statement, for comparing with human labels.

A statement taken out of its article often carries no attribution cue of its
own ("The memo states that …", "The company did not respond …"); its
grammatical subject is then the best witness of where it comes from, read the
same way as an attributed mention.
"""

from __future__ import annotations

from scoring.attribution.extractor import Found
from scoring.attribution.lexicon import lexicon
from scoring.attribution.reading import (
    ANONYMOUS,
    DOCUMENT,
    NAMED_ORGANISATION,
    NAMED_PERSON,
    UNNAMED_GROUP,
    Reading,
    read,
)
from scoring.attribution.sentences import Segment
from scoring.attribution.story import _Builder
from scoring.attribution.tagger import shipped_tagger
from scoring.knowledge import load_knowledge
from scoring.tokens import Token, tokenize

FALLBACK_KIND = NAMED_PERSON
"""When neither a cue nor a subject says more: the most common kind of source in PolNeAR train (named people)."""
_THING_PRONOUNS = frozenset({"it", "its", "it's", "it\u2019s"})
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
_LEADING_PREPOSITIONS = frozenset({"in", "under", "per", "according", "by"})
"""Words opening an adverbial before the subject ("Under the proposal, …"): a document there is the source."""
_PARTICIPLE_OBJECTS = frozenset({"on", "in", "by", "through", "with", "from", "at", "to", "for", "about", "under"})
"""After an "-ed" word these make it a modifier ("people briefed on the talks"), not the verb."""
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_ASIDE_OPENERS = frozenset({"which", "in", "on", "at", "during", "through", "via"})
"""Words opening an aside after a comma that says what or where, not who ("Amazon, which …", "X, in a filing,")."""
_UNNAMED_ROLE_CATEGORIES = frozenset({"official", "spokesperson", "source"})
"""Role categories of the spine whose holders news often leaves unnamed throughout ("the official")."""
_MAX_SUBJECT = 10
"""Longer openings are not one noun phrase; the statement then keeps the fallback kind."""
_SUBJECT_KINDS = frozenset({DOCUMENT, NAMED_ORGANISATION, UNNAMED_GROUP})
"""Kinds a subject gives on its own words; a lone surname or an unknown noun stays the fallback."""


def _speaks_of_itself_as_thing(found: Found, seg: Segment) -> bool:
    """Whether the reported words, or the words right after the cue, call the source "it".

    "Nimbus said it would appeal", "Oakland alleged in its lawsuit".
    """
    after = [t.lower for t in seg.tokens[found.cue[1] : found.cue[1] + 3] if t.is_word]
    if "its" in after:
        return True
    for start, end in found.content:
        words = [t.lower for t in seg.tokens[start:end] if t.is_word and t.lower != "that"]
        return bool(words) and words[0] in _THING_PRONOUNS
    return False


def _document_follows(found: Found, seg: Segment) -> bool:
    """Whether the mention's noun phrase goes on with a document noun the extractor left out.

    "The police report says …" can be read as the police who "report"; a
    document noun followed by another verb, a comma or the end, and not by
    "that", is the head of the mention instead.
    """
    span = found.mention or found.source
    if span is None or span[1] >= len(seg.tokens):
        return False
    word = seg.tokens[span[1]]
    if word.lower not in lexicon().document_nouns and word.lower not in lexicon().document_heads:
        return False
    following = seg.tokens[span[1] + 1] if span[1] + 1 < len(seg.tokens) else None
    return following is None or following.lower != "that"


def _refers_back_to_named(reading: Reading) -> bool:
    """Whether a definite singular mention ("the teacher", "the lawyer") stands for a person named earlier.

    News names a person once and then calls them by what they do; only
    officials, spokespeople and sources are routinely kept unnamed, so "the
    official said" stays anonymous.
    """
    words = tokenize(reading.mention.text)
    return (
        len(words) >= 2
        and words[0].norm == "the"
        and not reading.plural
        and not reading.mention.anonymity_cues
        and bool(reading.mention.roles)
        and not set(reading.mention.role_categories) & _UNNAMED_ROLE_CATEGORIES
    )


def _stands_for_thing_or_group(mention: str) -> bool:
    """Whether a mention is a pronoun for a thing or for many ("it", "they"), not for one person."""
    number_kind = lexicon().pronouns.get(mention.lower())
    return number_kind is not None and (number_kind[0] == "plural" or number_kind[1] == "thing")


def _indefinite(mention: str) -> bool:
    """Whether a mention opens on an indefinite article ("a woman who asked not to be named"): one unnamed person."""
    words = tokenize(mention)
    return bool(words) and words[0].norm in _INDEFINITE


def _names_document(token: Token) -> bool:
    """Whether a word is a document noun ("report", "filings", "poll")."""
    lex = lexicon()
    return token.norm in lex.document_heads or token.norm in lex.document_nouns


def _is_participle(token: Token) -> bool:
    """A lower-case "-ed" word, which is either the verb or a modifier ("people briefed on the talks")."""
    return not token.capitalised and token.norm.isalpha() and token.norm.endswith("ed") and len(token.norm) > 4


def _is_verb(token: Token, before: Token, following: Token | None) -> bool:
    """Whether a lower-case word ends the subject: a listed verb, a cue verb, or an "-ed" verb not modifying it.

    A word right after a determiner ("the report", "the proposed rule") is a
    noun or an adjective, a document noun ("police records show") is never the
    verb, and the word after a document noun is ("the audit came out").
    """
    lex = lexicon()
    norm = token.norm
    if token.capitalised or not norm.isalpha() or before.norm in _DETERMINERS:
        return False
    if _names_document(token):
        return False
    if _names_document(before) and norm not in load_knowledge().stopwords:
        return True
    if norm in lex.statement_verbs or norm in lex.auxiliaries or norm in lex.verbs:
        return True
    return _is_participle(token) and (following is None or following.norm not in _PARTICIPLE_OBJECTS)


def _subject_kind(statement: str) -> str:
    """The kind of source a statement's subject names, or :data:`FALLBACK_KIND`.

    "Under the proposal, …" and "The memo states …" are documents, "The
    company did not respond …" a body, "Landlords argue …" a group. A
    statement that opens with a quotation is someone's words.
    """
    text = statement.lstrip()
    tokens = tokenize(text)
    if not tokens or text[:1] in _QUOTES:
        return FALLBACK_KIND
    start = 0
    if tokens[0].norm in _LEADING_PREPOSITIONS:
        comma = text.find(",")
        opening = [t for t in tokens if comma >= 0 and t.end <= comma]
        if opening and read(text[opening[0].start : opening[-1].end]).type == DOCUMENT:
            return DOCUMENT
        start = len(opening)
    subject: list[Token] = []
    window = tokens[start : start + _MAX_SUBJECT + 1]
    participle = 0
    for index, token in enumerate(window):
        if subject and _is_verb(token, subject[-1], window[index + 1] if index + 1 < len(window) else None):
            break
        if not participle and subject and _is_participle(token):
            participle = len(subject)
        subject.append(token)
        if text[token.end : token.end + 1] == ",":
            break  # "The measure, known as …": an appositive follows the subject
    else:
        if not participle:
            return FALLBACK_KIND
        subject = subject[:participle]  # "Proposition 22 passed with 58 percent": no other verb, so the "-ed" one
    whole = read(text[subject[0].start : subject[-1].end])
    if whole.type == ANONYMOUS and (whole.mention.anonymity_cues or _indefinite(whole.mention.text)):
        return ANONYMOUS  # "two people briefed on the talks", "a source": no name given; "the teacher" was named
    head = subject[: _modifier_start(subject)]
    reading = read(text[head[0].start : head[-1].end]) if head else whole
    return reading.type if reading.type in _SUBJECT_KINDS else FALLBACK_KIND


def _modifier_start(subject: list[Token]) -> int:
    """Where a participle modifier starts ("economists | surveyed by Bloomberg"), or the subject's length."""
    for index in range(1, len(subject) - 1):
        word = subject[index]
        if word.norm.endswith("ed") and not word.capitalised and subject[index + 1].norm in _PARTICIPLE_OBJECTS:
            return index
    return len(subject)


def statement_source_kind(statement: str) -> str:
    """Kind of the first attributed source of ``statement`` (see :data:`scoring.attribution.KINDS`).

    A bare capitalised name is read as a surname; when the statement then
    calls the source "it", the name is a body's ("Nimbus said it would appeal").
    A relative clause on "which" describes a thing, and an aside on "in" says
    where the words appeared, so only the name before them is read ("Amazon,
    which employs 1.5 million people, said", "the airline, in a court filing,"). With no
    attributed source, the statement's subject decides (:func:`_subject_kind`).
    """
    builder = _Builder(statement, tagger=shipped_tagger())
    builder.run()
    earlier: Segment | None = None
    previous: Segment | None = None
    for _att, entry, found, seg in builder.attributions:
        if earlier is None or earlier.start < seg.start:
            previous, earlier = earlier, seg
        if entry is not None:
            bare = entry.mention.strip()
            kind = entry.type
            if _document_follows(found, seg):
                return DOCUMENT  # "The police | report says", "according to the Reef Monitoring | report"
            if previous is not None and previous.start < seg.start and _stands_for_thing_or_group(bare):
                before = _subject_kind(statement[previous.start : previous.end])
                if before in _SUBJECT_KINDS:
                    return before  # "The report was released Tuesday. It found …": the pronoun's antecedent
            name, comma, rest = bare.partition(", ")
            if comma and name and rest.split(" ", 1)[0].lower() in _ASIDE_OPENERS:
                kind = read(name).type  # "Amazon, which employs …", "the airline, in a court filing,": an aside
            reading = read(bare)
            if kind == ANONYMOUS and _refers_back_to_named(reading):
                return NAMED_PERSON  # "the teacher said": someone the article has named, not a withheld name
            if kind == ANONYMOUS and not (reading.mention.anonymity_cues or reading.mention.roles or _indefinite(bare)):
                return _subject_kind(statement)  # no role, no "a …", no withheld name: not evidence of anonymity
            if (
                kind == NAMED_PERSON
                and " " not in bare
                and bare[:1].isupper()
                and bare.lower() not in lexicon().pronouns
                and _speaks_of_itself_as_thing(found, seg)
            ):
                return NAMED_ORGANISATION
            return kind
    return _subject_kind(statement)
