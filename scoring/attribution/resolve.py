"""Deciding which earlier source a mention refers to, so each source keeps one id.

"he", "they", "the agency", "the official", a surname, or the same words
again all resolve to the most recent compatible source; anything else is a
new source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.attribution import kinds
from scoring.attribution.lexicon import lexicon
from scoring.attribution.parts import describe
from scoring.attribution.tokens import Token

ARTICLES = frozenset({"a", "an", "the"})


@dataclass
class Entry:
    """A source being built: its first mention and what resolves to it."""

    id: str
    mention: str
    start: int
    end: int
    name: str
    role: str
    organisation: str
    kind: str
    citing: str = ""
    key: str = ""
    uses: int = 0
    aliases: set[str] = field(default_factory=set)


def _key(toks: list[Token]) -> str:
    """Normalised words of a mention: lower case, no leading article."""
    words = [t.lower for t in toks if t.is_word or t.lower.startswith("'")]
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

    def _recent(self, accept: set[str] | None) -> Entry | None:
        """The most recently used source whose kind is in ``accept`` (any when None)."""
        best: Entry | None = None
        for e in self.entries:
            if accept is None or e.kind in accept:
                if best is None or e.uses > best.uses:
                    best = e
        return best

    def _bare_name(self) -> Entry | None:
        """The most recent source named by a bare capitalised word ("Nimbus"): "the company" may mean it."""
        best: Entry | None = None
        for e in self.entries:
            if (
                e.kind == kinds.NAMED_PERSON
                and not e.role
                and " " not in e.mention
                and e.mention[:1].isupper()
            ):
                if best is None or e.uses > best.uses:
                    best = e
        return best

    def last(self) -> Entry | None:
        """The most recently used source of any kind."""
        return self._recent(None)

    def resolve(self, toks: list[Token], citing: str = "") -> Entry:
        """The source these mention tokens refer to, creating it if new."""
        lex = lexicon()
        words = [t for t in toks if t.is_word]
        low = [t.lower for t in words]
        if len(words) == 1 and low[0] in lex.pronouns:
            number, kind = lex.pronouns[low[0]]
            target: Entry | None = None
            if kind == "person":
                target = self._recent({kinds.NAMED_PERSON, kinds.ANONYMOUS})
            elif kind == "thing":
                target = self._recent({kinds.NAMED_ORGANISATION, kinds.DOCUMENT})
            elif kind == "any":
                target = (
                    self._recent({kinds.NAMED_ORGANISATION, kinds.UNNAMED_GROUP, kinds.DOCUMENT})
                    or self.last()
                )
            if target is not None:
                return self._touch(target)
        key = _key(toks)
        for e in self.entries:
            if key and (key == e.key or key in e.aliases):
                return self._touch(e)
        kind = kinds.classify_tokens(toks)
        if low and low[0] == "the" and len(words) == 2:
            head = low[-1]
            if head in lex.organisation_nouns:
                target = self._recent({kinds.NAMED_ORGANISATION}) or self._bare_name()
                if target is not None:
                    target.kind = kinds.NAMED_ORGANISATION
                    target.aliases.add(key)
                    return self._touch(target)
            if head in lex.roles:
                for e in sorted(self.entries, key=lambda x: -x.uses):
                    if head in e.role.lower().split():
                        e.aliases.add(key)
                        return self._touch(e)
        name, role, organisation = describe(self.text, toks)
        if name:
            surname = name.split()[-1].lower()
            for e in sorted(self.entries, key=lambda x: -x.uses):
                if e.name and e.name.split()[-1].lower() == surname:
                    return self._touch(e)
        if kind == kinds.NAMED_PERSON and len(words) == 1 and words[0].is_capitalised:
            for e in sorted(self.entries, key=lambda x: -x.uses):
                if e.name and e.name.split()[-1].lower() == low[0]:
                    return self._touch(e)
        entry = Entry(
            id=f"s{len(self.entries) + 1}",
            mention=self.text[toks[0].start : toks[-1].end],
            start=toks[0].start,
            end=toks[-1].end,
            name=name,
            role=role,
            organisation=organisation,
            kind=kind,
            citing=citing,
            key=key,
        )
        self.entries.append(entry)
        return self._touch(entry)
