"""The kind of source behind one sourced statement, for comparing with human labels.

A statement taken out of its article often carries no attribution cue of its
own ("The memo states that …", "The company did not respond …"); its
grammatical subject is then the best witness of where it comes from, read the
same way as an attributed mention.

The five kinds follow the usual newsroom definitions; where a statement could
be read two ways, these rules decide (each has rows in
``fixtures/attribution/source-types-dev.tsv``):

- **named individual**: a person the excerpt names, with or without a title
  ("Sheriff Chad Bianco", "Powell"), including one who writes in a document or
  a post ("Sen. Mark Kelly wrote in a post on X": the author is the source). A
  lone "he"/"she" is a named individual (news names a person before calling
  them by a pronoun, and keeps an unnamed one as "the official"), and so is a
  definite office or role that refers back ("the senator", "the quarterback").
- **named organization**: a body speaking as a body, by name or by a definite
  noun that refers back ("the Pentagon said", "Boeing said in a statement",
  "the company did not respond", "The Yankees", "Newsom's office"). An unnamed
  spokesperson or representative *of a body the mention names* speaks on the
  record for it, so the source is the body ("a Boeing spokesperson", "a
  spokesperson for the Justice Department", "the agency's spokesperson");
  "the spokesperson" refers back to such a one; "a spokesperson said" with no
  body stays an unnamed individual. A bare name
  called "it" is a body ("Nimbus said it would appeal"), but "it was …" or
  "it doesn't …" is a judgement a person makes ("'It doesn't make sense,'
  Clinton said").
- **document**: a text is the subject or follows "according to": reports,
  studies, filings, complaints, indictments, polls, data, press releases,
  emails, posts, websites, letters, advisories ("the filing says", "a report
  released Tuesday found", "according to court records").
- **unnamed group**: many people, none named ("officials said", "experts say",
  "residents", "some Democrats", "voters interviewed outside polling places").
- **anonymous individual**: one person left unnamed ("a person familiar with
  the matter", "one official said", "a source said", "an attorney for the
  family"), or anyone whose name an aside withholds on purpose ("a neighbor,
  who declined to give her name,", "officials, speaking on condition of
  anonymity,": phrases in ``withheld_names.txt`` and the spine's anonymity
  cues).

:func:`scoring.attribution.classify_mention` types a mention on its own and
keeps "a Boeing spokesperson" an unnamed person (the extractor resolves "he"
to it); only the statement's source is the body.
"""

from __future__ import annotations

from functools import lru_cache

from scoring.attribution.extractor import Found
from scoring.attribution.lexicon import KNOWLEDGE_DIR, lexicon
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
from scoring.knowledge import load_knowledge, read_list
from scoring.phrases import PhraseMatcher
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
_PERSON_ASIDES = frozenset({"who", "whose"})
"""Words opening an aside about a person ("the pitcher, who signed in December,"): the name before it decides."""
_UNNAMED_ROLE_CATEGORIES = frozenset({"official", "spokesperson", "source"})
"""Role categories of the spine whose holders news often leaves unnamed throughout ("the official")."""
_MAX_SUBJECT = 10
"""Longer openings are not one noun phrase; the statement then keeps the fallback kind."""
_MAX_ADVERBIAL = 15
"""An opening adverbial ends on a comma within this many words, or it is not skipped."""
_MAX_MODIFIER = 10
"""Words after a document subject searched for its cue verb ("a poll released in late August found")."""
_RECIPIENT_MARKERS = frozenset({"to", "with"})
"""Prepositions before a mention that make it the one addressed ("a letter to the board"), not the speaker."""
_SUBJECT_KINDS = frozenset({DOCUMENT, NAMED_ORGANISATION, UNNAMED_GROUP})
"""Kinds a subject gives on its own words; a lone surname or an unknown noun stays the fallback."""


@lru_cache(maxsize=1)
def _withheld_names() -> PhraseMatcher[bool]:
    """Phrases of an aside that withhold a name on purpose (``withheld_names.txt``), matched on stems."""
    matcher: PhraseMatcher[bool] = PhraseMatcher("stem")
    matcher.add_all(read_list(KNOWLEDGE_DIR / "withheld_names.txt"), True)
    return matcher


def _withholds_name(text: str) -> bool:
    """Whether words say a name was withheld ("who declined to give her name", "not authorized to speak")."""
    return bool(_withheld_names().find(tokenize(text)))


def _speaks_for_body(reading: Reading) -> bool:
    """Whether a mention is one unnamed spokesperson of a body it names ("a Boeing spokesperson").

    Newsroom rule: a spokesperson, representative or press office speaks
    on the record for the body, so the source is the body (named
    organization). "The spokesperson" refers back to one the article
    introduced as a body's; "a spokesperson said" with no body stays an
    unnamed individual, and a spokesperson who asked not to be named is
    anonymous.
    """
    mention = reading.mention
    if reading.plural or mention.person or mention.anonymity_cues or "spokesperson" not in mention.role_categories:
        return False
    if reading.organisation:
        return True
    words = tokenize(mention.text)
    if words and words[0].norm in ("the", "that", "this"):
        return True  # "the spokesperson said": one introduced earlier as a body's, not a withheld name
    knowledge = load_knowledge()
    return any(
        t.norm in knowledge.organisation_nouns or t.norm in lexicon().body_nouns for t in tokenize(mention.text)
    )  # "the agency's spokesperson", "a district spokeswoman": the body named earlier


_BODY_AUXILIARIES = frozenset(
    {"would", "will", "could", "can", "had", "has", "plans", "planned", "intends", "intended", "expects", "expected"}
)
"""After "it", these open an act of a body ("Nimbus said it would appeal", "it has removed the posts")."""
_BE = frozenset({"is", "was", "'s", "\u2019s", "be", "been"})


def _speaks_of_itself_as_thing(found: Found, seg: Segment) -> bool:
    """Whether the reported words, or the words right after the cue, call the source "it".

    "Nimbus said it would appeal", "it has removed the posts", "it is
    reviewing", or "its" right after the cue ("Oakland alleged in its
    lawsuit"). Other words after "it" mostly open a person's judgement of
    something ("It doesn't make any sense," Clinton said; "it was a mistake";
    "it would be a disaster"), so they do not count, and neither does "it"
    opening a quotation ("'It will take years,' Lopez said").
    """
    after = [t.lower for t in seg.tokens[found.cue[1] : found.cue[1] + 3] if t.is_word]
    if "its" in after:
        return True
    for start, end in found.content:
        if seg.tokens[start].text in _QUOTES:
            return False  # a body's quoted words say "we"; "it" in a quotation is what a person speaks of
        words = [t.lower for t in seg.tokens[start:end] if t.is_word and t.lower != "that"] + ["", ""]
        if words[0] in ("it's", "it\u2019s"):
            return words[1].endswith("ing")  # "it's reviewing the decision"
        if words[0] != "it":
            return False
        if words[1] in _BE:
            return words[2].endswith("ing")  # "it was cooperating", not "it was a mistake"
        return words[1] in _BODY_AUXILIARIES and words[2] not in _BE and words[2] != "not"
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


def _noun_follows(found: Found, seg: Segment) -> str:
    """The body or group noun right after the mention that its span left out ("A federal appeals | court"), or ""."""
    span = found.mention or found.source
    if span is None or span[1] >= len(seg.tokens):
        return ""
    word = seg.tokens[span[1]]
    lex = lexicon()
    if word.is_capitalised or word.lower in lex.verbs:
        return ""  # "The Wall Street Journal | reports": the cue, not a noun
    group = word.lower in lex.group_nouns or word.lower in lex.group_heads
    if word.lower not in load_knowledge().organisation_nouns and word.lower not in lex.body_nouns and not group:
        return ""  # "Local | leaders": a group's head the span left out counts too
    if span[1] + 1 < len(seg.tokens) and seg.tokens[span[1] + 1].lower == "of":
        return ""  # "A | group of parents": a collective, read with what follows by the subject rule
    return word.text


def _is_adverb(token: Token) -> bool:
    """A lower-case adverb between a subject and its verb ("further", "also", "repeatedly")."""
    norm = token.norm
    return not token.capitalised and (norm in lexicon().adjuncts or norm in lexicon().subject_adverbs)


def _without_trailing_adverbs(mention: str) -> str:
    """A mention without the adverbs a span may end on ("Mook further" → "Mook")."""
    tokens = tokenize(mention)
    while len(tokens) > 1 and _is_adverb(tokens[-1]):
        tokens.pop()
    return mention[: tokens[-1].end] if tokens else mention


def _recipient(statement: str, start: int) -> bool:
    """Whether the mention starting at ``start`` follows "to" or "with" (not "according to"): who was addressed."""
    before = [t.norm for t in tokenize(statement[:start])[-2:]]
    return bool(before) and before[-1] in _RECIPIENT_MARKERS and before[0] != "according"


def _anonymous_aside(statement: str, end: int) -> bool:
    """Whether an aside right after the mention withholds the name (", speaking on condition of anonymity,")."""
    if statement[end : end + 1] != ",":
        return False
    aside = statement[end + 1 :].split(",", 1)[0]
    return bool(read(f"sources {aside.strip()}").mention.anonymity_cues) or _withholds_name(aside)


def _is_relative(mention: str) -> bool:
    """Whether a mention is a relative pronoun ("who", "which"), which stands for the noun before it."""
    number_kind = lexicon().pronouns.get(mention.lower())
    return number_kind is not None and number_kind[1] == "relative"


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
    """The kind of source a statement's subject names, or :data:`FALLBACK_KIND` (see :func:`_subject`)."""
    return _subject(statement)[0]


def _opening_end(tokens: list[Token], text: str) -> tuple[int, bool]:
    """Index of the first token after the statement's openers, and whether an adverbial ended on a comma.

    "But critics say …" skips "But"; "On Sunday, the Times published …" and
    "Although she was the top student, administrators decided …" skip the
    adverbial up to its comma (both word lists are data, ``statement_openers``
    and ``adverbial_openers``). An adverbial with no comma soon is not skipped.
    """
    lex = lexicon()
    start, adverbial = 0, False
    while start < len(tokens):
        if tokens[start].norm in lex.statement_openers:
            start += 1  # "But", "However,"
            continue
        if tokens[start].norm not in lex.adverbial_openers:
            break
        comma = next(
            (i for i in range(start, min(len(tokens) - 1, start + _MAX_ADVERBIAL)) if _comma_after(tokens[i], text)),
            -1,
        )
        if comma < 0:
            break
        start, adverbial = comma + 1, True  # "On her discharge papers, in a box labeled …, a doctor had typed"
    return start, adverbial


def _comma_after(token: Token, text: str) -> bool:
    """Whether a comma (possibly after a closing quote) follows the token."""
    following = text[token.end : token.end + 2]
    return following[:1] == "," or (following[:1] in _QUOTES and following[1:] == ",")


def _subject(statement: str) -> tuple[str, int]:
    """The kind of source a statement's subject names, and where the subject ends (-1 when no subject is read).

    "Under the proposal, …" and "The memo states …" are documents, "The
    company did not respond …" a body, "Landlords argue …" a group. A
    statement that opens with a quotation is someone's words.
    """
    text = statement.lstrip()
    offset = len(statement) - len(text)
    tokens = tokenize(text)
    if not tokens or text[:1] in _QUOTES:
        return FALLBACK_KIND, -1
    start, adverbial = _opening_end(tokens, text)
    if adverbial and tokens[0].norm in _LEADING_PREPOSITIONS:
        opening = tokens[:start]
        if read(text[opening[0].start : opening[-1].end]).type == DOCUMENT:
            return DOCUMENT, -1
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
            return FALLBACK_KIND, -1
        subject = subject[:participle]  # "Proposition 22 passed with 58 percent": no other verb, so the "-ed" one
    while len(subject) > 1 and _is_adverb(subject[-1]):
        subject.pop()  # "Mook further asserted": the adverb is no part of the name
    if not subject:
        return FALLBACK_KIND, -1
    end = offset + subject[-1].end
    whole = read(text[subject[0].start : subject[-1].end])
    if _speaks_for_body(whole):
        return NAMED_ORGANISATION, end  # "The district's spokeswoman did not respond": the body's (non-)answer
    if whole.type == ANONYMOUS and (whole.mention.anonymity_cues or _indefinite(whole.mention.text)):
        return ANONYMOUS, end  # "two people briefed on the talks", "a source": no name given; "the teacher" was named
    head = subject[: _modifier_start(subject)]
    reading = read(text[head[0].start : head[-1].end]) if head else whole
    return (reading.type, end) if reading.type in _SUBJECT_KINDS else (FALLBACK_KIND, end)


def _modifier_start(subject: list[Token]) -> int:
    """Where a participle modifier starts ("economists | surveyed by Bloomberg"), or the subject's length."""
    for index in range(1, len(subject) - 1):
        word = subject[index]
        if word.norm.endswith("ed") and not word.capitalised and subject[index + 1].norm in _PARTICIPLE_OBJECTS:
            return index
    return len(subject)


def _cue_follows(statement: str, end: int) -> bool:
    """Whether a cue verb ("found", "shows") follows the subject ending at ``end``, before any comma.

    A participle modifier may sit between ("a poll released in August found");
    a comma means another speaker's aside ("The report, the senator said, …").
    """
    if end < 0:
        return False
    following = tokenize(statement[end:].split(",", 1)[0])[:_MAX_MODIFIER]
    return any(token.norm in lexicon().verbs for token in following)


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
    subject_kind, subject_end = _subject(statement)
    opening_document = subject_kind == DOCUMENT and _cue_follows(statement, subject_end)
    earlier: Segment | None = None
    previous: Segment | None = None
    for _att, entry, found, seg in builder.attributions:
        if earlier is None or earlier.start < seg.start:
            previous, earlier = earlier, seg
        if entry is not None:
            bare = _without_trailing_adverbs(entry.mention.strip())
            kind = entry.type if bare == entry.mention.strip() else read(bare, entry.citing).type
            if (
                subject_kind in _SUBJECT_KINDS
                and entry.start >= subject_end >= 0
                and _recipient(statement, entry.start)
            ):
                return subject_kind  # "A group of parents sent a letter to the board": the board only received it
            if opening_document and entry.start >= subject_end:
                return DOCUMENT  # "A poll released in August found that 74 percent of voters said …": nested
            if _document_follows(found, seg):
                return DOCUMENT  # "The police | report says", "according to the Reef Monitoring | report"
            if previous is not None and previous.start < seg.start and _stands_for_thing_or_group(bare):
                before = _subject_kind(statement[previous.start : previous.end])
                if before in _SUBJECT_KINDS:
                    return before  # "The report was released Tuesday. It found …": the pronoun's antecedent
            name, comma, rest = bare.partition(", ")
            opener = rest.split(" ", 1)[0].lower()
            participle = opener.isalpha() and opener.endswith("ed") and len(opener) > 4  # "…, unsealed Thursday,"
            if comma and name and (opener in _ASIDE_OPENERS or opener in _PERSON_ASIDES or participle):
                named = read(name)  # "Amazon, which employs …", "the pitcher, who signed …": an aside
                if opener in _PERSON_ASIDES and _withholds_name(rest) and not named.mention.person:
                    return ANONYMOUS  # "A neighbor, who declined to give her name,": withheld on purpose
                kind = named.type
                if kind in (ANONYMOUS, NAMED_ORGANISATION):
                    if _speaks_for_body(named):
                        return NAMED_ORGANISATION  # "The company's spokesperson, reached Tuesday,": the body's words
                    if opener in _PERSON_ASIDES and _refers_back_to_named(named):
                        return NAMED_PERSON  # "The 34-year-old pitcher, who signed …": someone named earlier
            if kind in (UNNAMED_GROUP, ANONYMOUS, NAMED_PERSON) and _anonymous_aside(statement, entry.end):
                if kind != NAMED_PERSON or not read(bare).mention.person:
                    return ANONYMOUS  # "Three officials, speaking on condition of anonymity, said": withheld
            if _is_relative(bare) or bare.lower() in _DETERMINERS | _INDEFINITE:
                continue  # "A woman who answered the phone …": "who" (or a lone "A") stands for a noun read elsewhere
            following = _noun_follows(found, seg)
            if following:
                return read(f"{bare} {following}").type  # "A federal appeals | court": the head the span left out
            reading = read(bare, entry.citing)
            cites_someone = bool(entry.citing) and bool(reading.mention.roles or reading.mention.anonymity_cues)
            origin = entry.citing if cites_someone else bare  # "Axios, citing an unnamed official": the official
            if kind == ANONYMOUS and _speaks_for_body(read(origin)):
                return NAMED_ORGANISATION  # "a spokesperson for the Justice Department": the body's words
            if kind == ANONYMOUS and _refers_back_to_named(reading):
                return NAMED_PERSON  # "the teacher said": someone the article has named, not a withheld name
            if kind == ANONYMOUS and not (
                reading.mention.anonymity_cues or reading.mention.roles or _indefinite(origin)
            ):
                return subject_kind  # no role, no "a …", no withheld name: not evidence of anonymity
            if (
                kind == NAMED_PERSON
                and " " not in bare
                and bare[:1].isupper()
                and bare.lower() not in lexicon().pronouns
                and _speaks_of_itself_as_thing(found, seg)
            ):
                return NAMED_ORGANISATION
            return kind
    return subject_kind
