"""The structured parts of a source mention: person name, role and organisation.

"Kremlin spokesman Dmitry Peskov" → name "Dmitry Peskov", role "spokesman",
organisation "Kremlin". Titles ("Dr.") are never part of a name. An
appositive ("Her lawyer, Ben Ortiz") is read as two halves and merged.
"""

from __future__ import annotations

from scoring.attribution.lexicon import lexicon
from scoring.attribution.tokens import Token

LOWER_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "da", "al", "bin", "la", "le", "del", "di"})
LEADING = frozenset(
    "a an the his her its their our my one two three some several many senior former top another".split()
)
PREPOSITIONS = frozenset({"of", "for", "from", "at", "with", "in", "to", "on", "by"})


def is_title(tok: Token) -> bool:
    """A title or honorific such as "Dr." or "Gen." (not a role noun)."""
    low = tok.lower.rstrip(".")
    return (
        low in lexicon().titles
        and low not in lexicon().roles
        and (tok.is_capitalised or tok.lower.endswith("."))
    )


def is_acronym(tok: Token) -> bool:
    """NATO, HUR, U.S."""
    s = tok.text.replace(".", "")
    return len(s) >= 2 and s.isupper() and s.isalpha()


def _is_role(tok: Token) -> bool:
    """A role noun ("spokesman", "Mayor")."""
    return tok.lower in lexicon().roles


def _nameish(tok: Token) -> bool:
    """A word that can be part of a person's name."""
    if not tok.is_capitalised or not tok.is_word or is_acronym(tok) or is_title(tok) or _is_role(tok):
        return False
    return tok.lower not in lexicon().organisation_nouns and tok.lower not in lexicon().pronouns


def _text(text: str, toks: list[Token]) -> str:
    """The original text covered by ``toks``."""
    return text[toks[0].start : toks[-1].end] if toks else ""


def name_run(core: list[Token]) -> tuple[int, int] | None:
    """The trailing person name of a mention, as token indices, when one is there."""
    end = len(core)
    while end > 0 and not core[end - 1].is_word:
        end -= 1
    start = end
    while start > 0 and (
        _nameish(core[start - 1]) or (core[start - 1].lower in LOWER_NAME_PARTICLES and start < end)
    ):
        start -= 1
    if start == end or end - start > 4:
        return None
    before = core[start - 1] if start > 0 else None
    if before is not None and (
        before.lower in PREPOSITIONS or before.lower.endswith("'s") or before.lower.endswith("\u2019s")
    ):
        return None  # "a spokesperson from Vientiane": a place or body, not a name
    if before is not None and before.lower in ("the", "a", "an"):
        return None
    if before is None and end - start == 1 and len(core) == 1:
        return (start, end)
    return (start, end)


def _describe_one(text: str, core: list[Token]) -> tuple[str, str, str]:
    """(name, role, organisation) of one half of a mention."""
    lex = lexicon()
    while core and core[0].lower in LEADING:
        core = core[1:]
    if not core:
        return "", "", ""
    if len(core) == 1 and core[0].lower in lex.pronouns:
        return "", "", ""
    run = name_run(core)
    name = ""
    stop = len(core)
    if run is not None:
        name = _text(text, core[run[0] : run[1]])
        stop = run[0]
        while stop > 0 and is_title(core[stop - 1]):
            stop -= 1
    head = core[:stop]
    role_end = -1
    for i in range(len(head) - 1, -1, -1):
        if _is_role(head[i]):
            role_end = i
            break
    if role_end < 0 and name and head and head[-1].is_word and not head[-1].is_capitalised:
        role_end = len(head) - 1  # "geologist Paul Ferrand"
    role = ""
    organisation = ""
    if role_end >= 0:
        role_start = role_end
        while (
            role_start > 0
            and head[role_start - 1].is_word
            and (
                (
                    not head[role_start - 1].is_capitalised
                    and head[role_start - 1].lower not in PREPOSITIONS
                    and head[role_start - 1].lower not in LEADING
                )
                or _is_role(head[role_start - 1])
            )
        ):
            role_start -= 1
        role = _text(text, head[role_start : role_end + 1])
        caps = role_start
        while (
            caps > 0
            and (head[caps - 1].is_capitalised or head[caps - 1].lower in ("'s", "\u2019s"))
            and not is_title(head[caps - 1])
        ):
            caps -= 1
        if caps < role_start and role_start == role_end:
            organisation = _text(text, head[caps:role_start])
        after = head[role_end + 1 :] if not name else []
        if not organisation and after and after[0].lower in ("of", "for", "from", "at", "with"):
            rest = [t for t in after[1:] if t.lower != "the"] or after[1:]
            if rest:
                organisation = _text(text, rest)
        return name, role, organisation
    if name:
        return name, "", ""
    if any(t.lower in lex.organisation_nouns or is_acronym(t) for t in core) and any(
        t.is_capitalised for t in core
    ):
        return "", "", _text(text, core)
    if any(t.lower in lex.organisation_nouns for t in core):
        return "", "", _text(text, core)
    return "", "", ""


def describe(text: str, toks: list[Token]) -> tuple[str, str, str]:
    """(name, role, organisation) of a mention given as tokens of ``text``."""
    halves: list[list[Token]] = [[]]
    for t in toks:
        if t.lower == "who" or t.lower == "speaking":
            break
        if t.text == ",":
            if len(halves) == 2:
                break
            halves.append([])
            continue
        halves[-1].append(t)
    name, role, organisation = "", "", ""
    for half in halves:
        if not half:
            continue
        n, r, o = _describe_one(text, half)
        name, role, organisation = name or n, role or r, organisation or o
    return name, role, organisation
