"""Deciding which earlier source a mention refers to, so each source keeps one id.

"he", "they", "the agency", "the official", a surname, or the same words
again all resolve to the most recent compatible source; anything else is a
new source, read by the spine (:mod:`scoring.attribution.reading`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.attribution import reading
from scoring.attribution.lexicon import is_organisation_noun, is_role, lexicon
from scoring.attribution.reading import Reading
from scoring.attribution.tokens import Token

ARTICLES = frozenset({"a", "an", "the"})
_PERSONS = frozenset({reading.NAMED_PERSON, reading.ANONYMOUS})
_THINGS = frozenset({reading.NAMED_ORGANISATION, reading.DOCUMENT})
_COLLECTIVES = frozenset({reading.NAMED_ORGANISATION, reading.UNNAMED_GROUP, reading.DOCUMENT})


@dataclass
class Entry:
    """A source being built: its first mention, how the spine reads it, and what resolves to it.

    ``mention`` is the source as written; when it relays another source
    ("a British newspaper" quoting "Egyptian security sources"), ``citing``
    is that origin, as :class:`scoring.claims.Source` expects.
    """

    id: str
    mention: str
    start: int
    end: int
    reading: Reading
    citing: str = ""
    key: str = ""
    uses: int = 0
    aliases: set[str] = field(default_factory=set)
    type: str = ""

    @property
    def name(self) -> str:
        """The person named, if any."""
        return self.reading.mention.person

    @property
    def role(self) -> str:
        """The first role noun, if any."""
        return self.reading.role

    @property
    def organisation(self) -> str:
        """The body named, if any."""
        return self.reading.organisation


def _key(toks: list[Token]) -> str:
    """Normalised words of a mention: lower case, no leading article."""
    words = [t.lower for t in toks if t.is_word]
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


class Registry:
    """The sources of one article in order of first mention, with recency for pronouns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[Entry] = []
        self.clock = 0

    def _touch(self, entry: Entry) -> Entry:
        """Mark ``entry`` as the most recently used source."""
        self.clock += 1
        entry.uses = self.clock
        return entry

    def _recent(self, accept: frozenset[str] | None) -> Entry | None:
        """The most recently used source whose coarse type is in ``accept`` (any when None)."""
        best: Entry | None = None
        for e in self.entries:
            if (accept is None or e.type in accept) and (best is None or e.uses > best.uses):
                best = e
        return best

    def _bare_name(self) -> Entry | None:
        """The most recent source named by a bare capitalised word ("Nimbus"): "the company" may mean it.

        A capitalised group or role opening a sentence ("Residents said …") is no name.
        """
        best: Entry | None = None
        names = (reading.NAMED_PERSON, reading.NAMED_ORGANISATION)
        for e in self.entries:
            bare = " " not in e.mention and e.mention[:1].isupper() and e.type in names
            if bare and (best is None or e.uses > best.uses):
                best = e
        return best

    def resolve(self, toks: list[Token], citing: str = "") -> Entry:
        """The source these mention tokens refer to, creating it if new."""
        lex = lexicon()
        words = [t for t in toks if t.is_word]
        low = [t.lower for t in words]
        if len(words) == 1 and low[0] in lex.pronouns and not citing:
            target = self._antecedent(lex.pronouns[low[0]][1])
            if target is not None:
                return self._touch(target)
        key = _key(toks)
        for e in self.entries:
            if key and e.citing == citing and (key == e.key or key in e.aliases):
                return self._touch(e)
        if low and low[0] == "the" and len(words) == 2 and not citing:
            found = self._definite(low[-1])
            if found is not None:
                found.aliases.add(key)
                return self._touch(found)
        mention = self.text[toks[0].start : toks[-1].end]
        read = reading.read(mention, citing)
        surname = read.mention.person.split()[-1].lower() if read.mention.person else ""
        if not surname and len(words) == 1 and words[0].is_capitalised and read.type == reading.NAMED_PERSON:
            surname = low[0]
        if surname and not citing:
            for e in sorted(self.entries, key=lambda x: -x.uses):
                if e.name and e.name.split()[-1].lower() == surname:
                    return self._touch(e)
        entry = Entry(
            id=f"s{len(self.entries) + 1}",
            mention=mention,
            start=toks[0].start,
            end=toks[-1].end,
            reading=read,
            citing=citing,
            key=key,
            type=read.type,
        )
        self.entries.append(entry)
        return self._touch(entry)

    def _antecedent(self, kind: str) -> Entry | None:
        """The earlier source a pronoun of this kind stands for."""
        if kind == "person":
            return self._recent(_PERSONS)
        if kind == "thing":
            return self._recent(_THINGS)
        if kind == "any":
            return self._recent(_COLLECTIVES) or self._recent(None)
        return None

    def _definite(self, head: str) -> Entry | None:
        """The earlier source "the agency" or "the official" stands for."""
        if is_organisation_noun(head) and not is_role(head):
            target = self._recent(frozenset({reading.NAMED_ORGANISATION})) or self._bare_name()
            if target is not None:
                target.type = reading.NAMED_ORGANISATION
            return target
        if is_role(head):
            for e in sorted(self.entries, key=lambda x: -x.uses):
                if head in e.mention.lower().split():
                    return e
        return None
