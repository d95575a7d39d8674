"""Finding attributions inside one sentence: the cue, the source and the content.

Each rule scans tokens outward from a cue (a verb from ``cue_verbs.tsv`` or a
frame from ``frames.tsv``) and stops at punctuation or clause words, so the
cost is bounded per cue and the whole pass is linear in the sentence length.
Forms covered: "X said (on Thursday) (that) …", "…, X said", "“…,” said X",
"according to X, …", "X told Reuters …", "X, who spoke on condition of
anonymity, said", "…, citing people familiar with the matter", "X was quoted
as saying", "A, they claim, B", "Name: “…”", "“…” – Name" (also after a
quotation opened sentences earlier), a transcript's "WALLACE: …", "X added:" before
a paragraph, participles (", adding that …", "X spoke on Tuesday …, saying …")
and quotations continued from the previous sentence. Appositives stay with
their name ("Kevin Barrett, a lawyer at X, who represents Y, said"; "said Ana
Ruiz, 25"; "Jane Roe, of Ashton, Md., said"), and a time between subject and cue
is skipped ("Wells Fargo this month announced").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from scoring.attribution.lexicon import KNOWLEDGE_DIR, is_role, lexicon, word_list
from scoring.attribution.sentences import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT_QUOTE, Segment
from scoring.attribution.spans import DETERMINERS, TIME_HEADS, scan_left, scan_right, trim_time
from scoring.attribution.tokens import Token
from scoring.knowledge import read_list

Range = tuple[int, int]
"""Token indices ``[start, end)`` inside a segment."""

DASHES = frozenset({"\u2013", "\u2014", "\u2015", "-"})
"""Dashes that sign a quotation ("“…” – Name"); U+2015 is the horizontal bar some outlets use."""
FINAL = frozenset({".", "!", "?", "\u2026", ";"})
NOUN_MARKERS = DETERMINERS | frozenset(
    "of in for with by to new recent latest such no any every each 's \u2019s".split()
)
OBJECT_PRONOUNS = frozenset(
    "me him her them us you reporters journalists lawmakers supporters members police "
    "investigators viewers listeners analysts".split()
)
CONTENT_CONJ = frozenset({"while", "but", "whereas", "and", "although", "though"})
TIME_CLAUSES = frozenset({"as", "while", "when", "after", "before", "during", "in", "at", "on"})
"""Words opening narration after a final frame ("“…,” she said as she left"): the quote is the content."""
RELAY_WORDS = frozenset({"citing", "quoting"})
TO_OK = frozenset({"say", "explain", "write", "complain", "reply", "respond", "answer", "tell", "confirm", "admit"})
BE_FORMS = frozenset({"was", "were", "is", "are", "be", "been", "being", "'s", "\u2019s"})
PARTICIPLES = frozenset({"told", "said", "shown", "found", "written", "thought", "known", "seen"})
ADJUNCT_STARTS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "last",
        "this",
        "late",
        "early",
        "via",
        "through",
        "from",
        "to",
    }
)


@dataclass(frozen=True)
class Found:
    """One attribution in a segment, in token indices."""

    cue: Range
    content: tuple[Range, ...]
    source: Range | None = None
    """The source as written here ("he", "who", "a spokesperson from Vientiane")."""
    mention: Range | None = None
    """The full mention, which may add an appositive ("X, who spoke on condition of anonymity")."""
    antecedent: Range | None = None
    """For a relative "who": the noun phrase it stands for."""
    citing: Range | None = None
    inherit: str = ""
    """"previous" (same source as the last attribution of this sentence) or "quote" (continued quotation)."""
    quote: bool = False


def _inside_quotes(seg: Segment) -> list[bool]:
    """Per token: inside or on a quotation mark pair."""
    mask = [False] * len(seg.tokens)
    for o, c in seg.quotes:
        for k in range(o, c + 1):
            mask[k] = True
    return mask


def _is_close_quote(seg: Segment, k: int) -> bool:
    """Whether token ``k`` closes a quotation."""
    t = seg.tokens[k].text
    return t in CLOSE_QUOTES or (t == STRAIGHT_QUOTE and any(c == k for _, c in seg.quotes))


def _quote_closing_at(seg: Segment, k: int) -> Range | None:
    """The quotation whose closing mark is token ``k`` (or ``k - 1`` before a comma)."""
    for o, c in seg.quotes:
        if c in (k, k - 1):
            return (o, c + 1)
    return None


def _content_end(seg: Segment, mask: list[bool]) -> int:
    """End of a segment's content: drop final punctuation outside quotations."""
    end = len(seg.tokens)
    while end > 0 and seg.tokens[end - 1].text in FINAL and not mask[end - 1]:
        end -= 1
    return end


def _is_verb_cue(toks: tuple[Token, ...], i: int) -> bool:
    """A cue verb form used as a verb, not as a noun ("a report") or infinitive ("to say")."""
    tok = toks[i]
    if tok.lower not in lexicon().verbs or not tok.is_word:
        return False
    if tok.is_capitalised and i > 0:
        return False
    if i > 0:
        prev = toks[i - 1].lower
        if prev in NOUN_MARKERS or prev == "to":
            return False
        if prev.endswith("'s") or prev.endswith("\u2019s"):
            return False
    if i + 1 < len(toks) and toks[i + 1].lower == "by":
        return False  # passive or noun use: "the report released by", "was criticised by"
    if i + 1 < len(toks) and toks[i + 1].lower == "to" and lexicon().verbs[tok.lower].lemma not in TO_OK:
        return False  # "agreed to buy", "vowed to fight"
    j = i - 1
    while j >= 0 and (toks[j].lower.endswith("ly") or toks[j].lower in ("also", "later", "then", "not", "n't")):
        j -= 1
    if j >= 0 and toks[j].lower in BE_FORMS and (tok.lower.endswith("ed") or tok.lower in PARTICIPLES):
        return False  # passive: "was charged with", "were told"
    return True


def _skip_object(toks: tuple[Token, ...], r: int, end: int) -> int:
    """Skip the hearer after "told": "told Reuters", "told reporters", "told the BBC"."""
    if r >= end:
        return r
    t = toks[r]
    for q in range(r, min(end, r + 5)):
        if toks[q].lower == "that" or toks[q].text == ",":
            return q
    if t.lower in OBJECT_PRONOUNS:
        return r + 1
    j = r
    if t.lower in ("the", "a", "an"):
        j += 1
    k = j
    while k < end and (toks[k].is_capitalised or toks[k].lower in ("'s", "\u2019s")) and k - j < 6:
        k += 1
    if k > j:
        return k
    if j > r and j < end:
        return j + 1
    return r


def _skip_adjuncts(toks: tuple[Token, ...], r: int, end: int) -> int:
    """Skip "on Thursday", "in a statement", "late Wednesday" and the "that" / ":" after a cue."""
    lex = lexicon()
    guard = 0
    while r < end and guard < 4:
        guard += 1
        low = toks[r].lower
        if low in lex.adjuncts:
            j = r
            limit = min(end, r + 8)
            while j < limit and toks[j].lower not in ("that", ":", ",") and toks[j].text not in OPEN_QUOTES:
                if toks[j].lower in lex.verbs and toks[j].lower not in (
                    "released",
                    "posted",
                    "issued",
                    "published",
                ):
                    break
                j += 1
            if j < limit and toks[j].lower in ("that", ":", ",") or (j < limit and toks[j].text in OPEN_QUOTES):
                r = j
                continue
            if low in TIME_HEADS or (
                low in ("on", "late", "early", "last", "this") and r + 1 < end and toks[r + 1].lower in TIME_HEADS
            ):
                r += 2 if low not in TIME_HEADS else 1
                continue
            break
        break
    while r < end and toks[r].lower in ("that", ":", ","):
        r += 1
    return r


def _np_left(seg: Segment, k: int, floor: int) -> Range | None:
    """The subject noun phrase ending at token ``k``."""
    s = scan_left(seg.tokens, k, floor)
    if s > k:
        return None
    e = trim_time(seg.tokens, s, k + 1)
    if not any(t.is_word for t in seg.tokens[s:e]):
        return None
    return (s, e)


def _np_right(seg: Segment, r: int, end: int) -> Range | None:
    """The noun phrase starting at token ``r``."""
    e = scan_right(seg.tokens, r, end)
    if e <= r or not any(t.is_word for t in seg.tokens[r:e]):
        return None
    return (r, e)


def _split_relay(seg: Segment, np: Range) -> tuple[Range, Range | None]:
    """Nested attribution inside a mention: "sources quoted by a newspaper", "reports citing officials"."""
    toks = seg.tokens
    a, b = np
    for i in range(a + 1, b - 1):
        low = toks[i].lower
        if low in ("quoted", "cited") and toks[i + 1].lower == "by" and i + 2 < b:
            return (a, i), (i + 2, b)
        if low in RELAY_WORDS and i + 1 < b:
            return (i + 1, b), (a, i)
    return np, None


APPOSITIVE_STARTS = frozenset({"a", "an", "the", "who", "whose", "one", "now", "former", "then", "of"})


APPOSITIVE_CONTINUES = frozenset({"who", "whose", "which", "where", "a", "an", "the", "and", "now", "one", "also"})
"""Words after a comma that carry an appositive on ("…, a lawyer for the Sierra Club, who has been …")."""


def _np_right_source(seg: Segment, r: int, end: int) -> Range | None:
    """The source after an inverted cue ("said Jane Doe"), never a time ("said Tuesday")."""
    src = _np_right(seg, r, end)
    if src is None or seg.tokens[src[0]].lower in TIME_HEADS or seg.tokens[src[0]].lower in ADJUNCT_STARTS:
        return None
    return src


def _appositive_right(seg: Segment, np: Range, end: int) -> Range:
    """The mention with the description after it: "said Ryan Ellis, a Republican tax consultant" (to the end)."""
    toks = seg.tokens
    c = np[1]
    if c + 1 >= end or toks[c].text != ",":
        return np
    first = toks[c + 1]
    if not (first.lower in APPOSITIVE_STARTS or is_role(first.lower)):
        return np
    k = c + 1
    while k < end and k - c <= 30 and toks[k].text not in (";", ":") and not mask_quote(toks[k].text):
        if toks[k].text == "," and k + 1 < end and toks[k + 1].lower not in APPOSITIVE_CONTINUES:
            return np
        k += 1
    return (np[0], k) if k == end else np


def mask_quote(text: str) -> bool:
    """Whether a token is a quotation mark."""
    return text in OPEN_QUOTES or text in CLOSE_QUOTES or text == STRAIGHT_QUOTE


def _appositive(seg: Segment, k: int, floor: int) -> tuple[Range, Range, Range | None] | None:
    """(source, mention, citing) of "X, who spoke on condition of anonymity, said" (comma at ``k``)."""
    toks = seg.tokens
    m = k - 1
    limit = max(floor, k - 22)
    while (
        m > limit
        and toks[m].text != ","
        and toks[m].text not in FINAL
        and toks[m].text not in OPEN_QUOTES
        and not _is_close_quote(seg, m)
    ):
        m -= 1
    if m <= limit or toks[m].text != ",":
        return None
    first = toks[m + 1]
    if not (
        first.lower in ("who", "whose", "speaking", "citing", "quoting", "a", "an", "the", "one")
        or first.is_capitalised
        or (first.text[:1].isdigit() and m + 2 == k)  # an age: "Quina Jones, 25, said"
        or (first.lower.endswith("ed") and first.is_word)  # "The complaint, filed in federal court, claims"
    ):
        if not (toks[k - 1].is_capitalised or is_role(toks[k - 1].lower)):
            return None
    np = _np_left(seg, m - 1, floor)
    if np is None or not _opens_clause(seg, np[0], floor):
        return None
    np = _name_before_description(seg, np, floor)
    if first.lower in RELAY_WORDS:
        inner = _np_right(seg, m + 2, k)
        if inner is None:
            return None
        return inner, inner, np
    if first.lower == "speaking":
        return np, np, None  # "Trump, speaking to a veterans group, said": the participle is not the source
    if first.lower in ("who", "whose"):
        if any(t.lower in lexicon().verbs for t in toks[m + 2 : k]):
            return np, np, None  # "Mr. Obama, who understood that …, told": the clause is an attribution of its own
        return np, (np[0], k), None
    return (np[0], k), (np[0], k), None


def _chunk_start(toks: tuple[Token, ...], c: int, floor: int, limit: int) -> int:
    """Index of the comma opening the comma-delimited chunk that ends before the comma at ``c`` (``-1`` if none)."""
    m = c - 1
    while m > floor and c - m <= limit and toks[m].text != ",":
        m -= 1
    return m if m > floor and toks[m].text == "," else -1


def _hometown(seg: Segment, k: int, floor: int) -> Range | None:
    """ "Johnnie Wilson, of Springfield, Va., said" and "Jane Roe, 59, of Ashton, Md., said": a name with its home.

    Comma at ``k``; the chunks before it are read right to left: a capitalised state or country (one or two
    words), "of" and a capitalised place, an optional age, then the name, which must open its clause. A
    relative clause after the home ("…, Md., who watched the ceremony, said") stays in the mention.
    """
    toks = seg.tokens
    end_of_mention = k
    last = _chunk_start(toks, k, floor, 16)
    if last >= 0 and toks[last + 1].lower == "who":
        k = last  # "…, Md., who watched the ceremony, said": the relative clause stays in the mention
    state = _chunk_start(toks, k, floor, 3)
    words = [t for t in toks[state + 1 : k] if t.is_word]
    if state < 0 or not words or not all(t.is_capitalised for t in words):
        return None
    place = _chunk_start(toks, state, floor, 5)
    if place < 0 or toks[place + 1].lower != "of" or not all(t.is_capitalised for t in toks[place + 2 : state]):
        return None
    name_end = place
    age = _chunk_start(toks, place, floor, 2)
    if age >= 0 and place - age == 2 and toks[age + 1].text.isdigit():
        name_end = age
    name = _np_left(seg, name_end - 1, floor)
    if name is None or not _opens_clause(seg, name[0], floor) or not toks[name[0]].is_capitalised:
        return None
    return (name[0], end_of_mention)


NAME_JOINERS = frozenset({"of", "for", "the", "and", "&", "'s", "\u2019s", "-", "."})
"""Lower-case words and marks inside a capitalised name ("Bank of England", "Johnson & Johnson")."""


def name_subject(seg: Segment, a: int, limit: int) -> Range | None:
    """The name or pronoun opening a clause at ``a`` when a lower-case word (its verb) follows it."""
    toks = seg.tokens
    lex = lexicon()
    if a >= limit:
        return None
    if toks[a].lower in lex.pronouns and toks[a].lower not in ("it", "this", "that", "who", "which"):
        e = a + 1
    elif toks[a].is_capitalised and toks[a].is_word and toks[a].lower not in lex.clause_stops:
        e = a + 1
        while e < limit and e - a < 8:
            if toks[e].is_capitalised and toks[e].is_word:
                e += 1
            elif toks[e].lower in NAME_JOINERS and e + 1 < limit and toks[e + 1].is_capitalised:
                e += 2
            else:
                # "Democratic presidential nominee Hillary Clinton": lower-case title words before a name
                title = e
                while title < limit and title - e < 3 and toks[title].is_word and not toks[title].is_capitalised:
                    title += 1
                if title == e or title >= limit or not toks[title].is_capitalised or not _titles(toks[title - 1].lower):
                    break
                e = title
    else:
        return None
    if e >= limit or not toks[e].is_word or toks[e].is_capitalised or toks[e].lower in lex.connectors:
        return None
    return (a, e)


def _titles(word: str) -> bool:
    """Whether a lower-case word can stand right before a name as its title ("nominee", "spokesman")."""
    return is_role(word) or word in lexicon().offices


def _opens_clause(seg: Segment, start: int, floor: int) -> bool:
    """Whether a noun phrase starting at ``start`` begins its clause (after a comma, a quote or "but")."""
    if start <= floor:
        return True
    before = seg.tokens[start - 1]
    return (
        before.text in (",", ":")
        or before.text in OPEN_QUOTES
        or _is_close_quote(seg, start - 1)
        or (before.lower in lexicon().clause_stops and before.lower in CONTENT_CONJ)
    )


def _name_before_description(seg: Segment, np: Range, floor: int) -> Range:
    """Widen "a lawyer at X" to "Kevin Barrett, a lawyer at X" when a name stands before the description."""
    toks = seg.tokens
    a = np[0]
    if a - 2 < floor or toks[a - 1].text != "," or not (toks[a].lower in ("a", "an", "the") or is_role(toks[a].lower)):
        return np
    name = _np_left(seg, a - 2, floor)
    if name is None or not toks[name[0]].is_capitalised or not _opens_clause(seg, name[0], floor):
        return np
    if not all(t.is_capitalised or not t.is_word for t in toks[name[0] : name[1]]):
        return np
    return (name[0], np[1])


def find_attributions(seg: Segment) -> list[Found]:
    """All attributions of one sentence, in order of their cues."""
    toks = seg.tokens
    n = len(toks)
    if n == 0 or seg.headline:
        return []
    mask = _inside_quotes(seg)
    end = _content_end(seg, mask)
    label = _speaker_label(seg, end)
    found: list[Found] = [] if label is None else [label]
    lex = lexicon()
    frames = lex.frames
    max_frame = lex.max_frame_len
    frame_starts = lex.frame_starts
    i = 0 if label is None else label.cue[1]
    while i < n:
        if mask[i]:
            i += 1
            continue
        floor = _floor(found)
        # multi-word frames first
        matched = 0
        if toks[i].lower in frame_starts:
            for length in range(min(max_frame, n - i), 0, -1):
                key = tuple(t.lower for t in toks[i : i + length])
                if key in frames:
                    matched = length
                    kinds = frames[key]
                    break
        if matched and "according" in kinds:
            f = _according(seg, i, matched, end, floor)
            if f is not None:
                found.append(f)
                i = f.source[1] if f.source else i + matched
                continue
        if matched and "quoted" in kinds:
            f = _subject_cue(seg, i, i + matched, end, floor, mask, found)
            if f is not None:
                found.append(f)
            i += matched
            continue
        if matched and "relay" in kinds and not found and i > 1 and toks[i - 1].text == ",":
            inner = _np_right(seg, i + matched, end)
            relay = _np_left(seg, i - 2, 0)
            if inner is not None and relay is not None:
                found.append(
                    Found(cue=(i, i + matched), content=((0, i - 1),), source=inner, mention=inner, citing=relay)
                )
                i = inner[1]
                continue
        if matched and "relay" in kinds and found and found[-1].citing is None and i > 0 and toks[i - 1].text == ",":
            prev = found[-1]
            inner = _np_right(seg, i + 1, end)
            if inner is not None and prev.source is not None:
                found[-1] = replace(prev, source=inner, mention=inner, citing=prev.source, antecedent=None)
                i = inner[1]
                continue
        if _is_verb_cue(toks, i):
            f = _subject_cue(seg, i, i + 1, end, floor, mask, found)
            if f is not None:
                found.append(f)
        i += 1
    if not found:
        f = _colon_or_dash(seg, end)
        if f is not None:
            found.append(f)
    if not found and seg.quotes and seg.quotes[0][0] == 0 and seg.quotes[0][1] >= end - 1:
        found.append(Found(cue=(0, 0), content=((0, end),), inherit="quote", quote=True))
    return _truncate(seg, found)


def _floor(found: list[Found]) -> int:
    """Left limit for the next attribution's content: after a previous "…, X said" frame."""
    if not found:
        return 0
    last = found[-1]
    right = last.cue[1]
    if last.source is not None:
        right = max(right, last.source[1])
    if last.content and last.content[-1][0] < last.cue[0]:
        return right
    return 0


def _according(seg: Segment, i: int, length: int, end: int, floor: int) -> Found | None:
    """ "According to X, …" and "…, according to X"."""
    toks = seg.tokens
    src = _np_right(seg, i + length, end)
    if src is None:
        return None
    cue = (i, i + length)
    src_core, citing = _split_relay(seg, src)
    if i == floor or (i > floor and all(not t.is_word for t in toks[floor:i])):
        r = src[1]
        while r < end and toks[r].text == ",":
            r += 1
        if r >= end:
            return None
        return Found(cue=cue, content=((r, end),), source=src_core, mention=src_core, citing=citing)
    left_end = i
    while left_end > floor and toks[left_end - 1].text in (",", "("):
        left_end -= 1
    content: list[Range] = []
    if left_end > floor:
        content.append((floor, left_end))
    mention = _appositive_right(seg, src, end)
    if mention != src:
        # "…, according to Craig Bryan, head of the National Center for Veterans Studies."
        return Found(cue=cue, content=tuple(content), source=src_core, mention=mention, citing=citing)
    r = src[1]
    if r < end and toks[r].text == "," and r + 1 < end:
        content.append((r + 1, end))
    if not content:
        return None
    return Found(cue=cue, content=tuple(content), source=src_core, mention=src_core, citing=citing)


def _subject_cue(
    seg: Segment, i: int, j: int, end: int, floor: int, mask: list[bool], found: list[Found]
) -> Found | None:
    """An attribution around the cue ``[i, j)``: subject on the left, or inverted source on the right."""
    lex = lexicon()
    toks = seg.tokens
    verb = lex.verbs.get(toks[i].lower) if j == i + 1 else None
    k = i - 1
    while (
        k >= floor
        and not mask[k]
        and (
            toks[k].lower in lex.auxiliaries
            or (toks[k].lower in SUBJECT_ADVERBS and not toks[k].is_capitalised)  # "Clinton now says"
            or (
                toks[k].lower.endswith("ly")
                and len(toks[k].lower) > 4
                and not toks[k].is_capitalised
                and toks[k].lower not in lex.group_nouns  # "the family said": a noun, not an adverb
            )
        )
    ):
        k -= 1
    cue = (k + 1, j)
    k = _before_time(toks, k, floor, mask)
    if k < floor:
        return None
    left = toks[k]
    # inverted: "“…,” said X" / "…, said X"
    if _is_close_quote(seg, k) or (left.text == "," and k > 0 and _is_close_quote(seg, k - 1)):
        if verb is None or not verb.inverts:
            return None
        src = _np_right_source(seg, j, end)
        if src is None:
            return None
        quote = _quote_closing_at(seg, k)
        if quote is not None and quote[0] >= floor:
            content: tuple[Range, ...] = (quote,)
        elif k > floor:
            content = ((floor, k),)
        else:
            return None
        core, citing = _split_relay(seg, src)
        mention = _appositive_right(seg, core, end) if citing is None else core
        return Found(cue=(i, j), content=content, source=core, mention=mention, citing=citing, quote=quote is not None)
    if left.text == "," and verb is not None and toks[i].lower.endswith("ing") and not found and k > floor:
        # "Hillary Clinton spoke out Tuesday about …, saying …": the participle's subject opens the sentence
        subject = name_subject(seg, floor, k)
        r = _skip_adjuncts(toks, j, end)
        if subject is not None and r < end:
            return Found(cue=(i, j), content=((r, end),), source=subject, mention=subject)
    if left.text == ",":
        home = _hometown(seg, k, floor)
        if home is not None:
            return _with_content(seg, cue, home, home, None, j, end, floor, verb)
        app = _appositive(seg, k, floor)
        if app is not None:
            source, mention, citing = app
            return _with_content(seg, cue, source, mention, citing, j, end, floor, verb)
        if verb is not None and toks[i].lower.endswith("ing") and found:
            r = _skip_adjuncts(toks, j, end)
            if r < end:
                return Found(cue=(i, j), content=((r, end),), inherit="previous")
            return None
        if verb is not None and verb.inverts:
            src = _np_right_source(seg, j, end)
            if src is not None and (src[1] >= end or toks[src[1]].text == ",") and k > floor:
                core, citing = _split_relay(seg, src)
                mention = _appositive_right(seg, core, end) if citing is None else core
                return Found(cue=(i, j), content=((floor, k),), source=core, mention=mention, citing=citing)
        return None
    if not left.is_word and left.text != ")":
        return None
    if left.lower in ("who", "which") and k > floor and toks[k - 1].text == ",":
        ante = _np_left(seg, k - 2, floor) if k - 2 >= floor else None
        return _with_content(seg, cue, (k, k + 1), (k, k + 1), None, j, end, floor, verb, antecedent=ante)
    if left.lower in ("and", "but") and found:
        r = _skip_adjuncts(toks, j, end)
        if r < end:
            return Found(cue=(i, j), content=((r, end),), inherit="previous")
        return None
    if left.lower in ("and", "then") and verb is not None and k > floor:
        # "McConnell embraced the mogul and said …": the subject opens the clause.
        subject = _np_right(seg, floor, k)
        r = _skip_adjuncts(toks, j, end)
        if subject is not None and subject[1] < k and r < end and toks[subject[1]].is_word:
            if toks[subject[0]].lower in lex.pronouns and subject[1] - subject[0] == 1:
                return _with_content(seg, cue, subject, subject, None, j, end, floor, verb)
            if toks[subject[0]].is_capitalised or toks[subject[0]].lower in ("the", "a", "an"):
                return _with_content(seg, cue, subject, subject, None, j, end, floor, verb)
        return None
    if left.lower in lex.pronouns:
        return _with_content(seg, cue, (k, k + 1), (k, k + 1), None, j, end, floor, verb)
    if left.lower in lex.clause_stops:
        return None
    np = _np_left(seg, k, floor)
    if np is None:
        return None
    if np[0] > floor and toks[np[0] - 1].is_word and toks[np[0] - 1].lower not in lex.clause_stops:
        return None  # the phrase runs on into a clause we cannot read
    core, citing = _split_relay(seg, np)
    return _with_content(seg, cue, core, core if citing is None else core, citing, j, end, floor, verb)


TIME_MODIFIERS = word_list("time_modifiers.txt")
"""Words opening a time adjunct between a subject and its cue ("Wells Fargo this month announced")."""
SUBJECT_ADVERBS = word_list("adverbs_before_time.txt")
"""Short adverbs that may sit before such a time adjunct ("Wells Fargo just this month announced")."""


def _before_time(toks: tuple[Token, ...], k: int, floor: int, mask: list[bool]) -> int:
    """Index of the subject's last token when a time adjunct ends at ``k`` ("X this month said"), else ``k``.

    Only a two-word adjunct right before the cue is skipped, with the short adverbs before it, so the
    subject is read as "Wells Fargo", not "month".
    """
    if k - 2 < floor or mask[k] or toks[k].lower not in TIME_HEADS or toks[k - 1].lower not in TIME_MODIFIERS:
        return k
    m = k - 2
    while m > floor and toks[m].lower in SUBJECT_ADVERBS:
        m -= 1
    if not toks[m].is_word or toks[m].lower in lexicon().clause_stops or toks[m].lower in ADJUNCT_STARTS:
        return k
    return m


def _with_content(
    seg: Segment,
    cue: Range,
    source: Range,
    mention: Range,
    citing: Range | None,
    j: int,
    end: int,
    floor: int,
    verb: object,
    antecedent: Range | None = None,
) -> Found | None:
    """Complete an attribution whose source precedes the cue: find its content."""
    toks = seg.tokens
    r = j
    if verb is not None and toks[j - 1].lower in ("tell", "tells", "told", "telling"):
        r = _skip_object(toks, r, end)
    # ", citing people familiar with the matter," right after the cue
    if r + 1 < end and toks[r].text == "," and toks[r + 1].lower in RELAY_WORDS:
        inner = _np_right(seg, r + 2, end)
        if inner is not None:
            citing, source, mention = source, inner, inner
            r = inner[1]
    r = _skip_adjuncts(toks, r, end)
    src_start = min(source[0], mention[0], antecedent[0] if antecedent else source[0])
    if r < end and _adjunct_only(toks, r, end):
        r = end
    if (
        r < end
        and toks[r].lower in TIME_CLAUSES
        and sum(1 for t in toks[floor:src_start] if t.is_word) >= 2
        and src_start - 1 > floor
        and (toks[src_start - 1].text in (",", "\u2014", "\u2013") or _is_close_quote(seg, src_start - 1))
    ):
        r = end  # "“…,” X said as she left": the words are before the frame, the clause after is narration
    if r < end:
        # "A, they claim, B": a parenthetical cue inside the content
        if src_start - 1 > floor and toks[src_start - 1].text == "," and toks[j].text == "," if j < end else False:
            return Found(
                cue=cue,
                content=((floor, src_start - 1), (j + 1, end)),
                source=source,
                mention=mention,
                citing=citing,
                antecedent=antecedent,
            )
        quote = any(o == r for o, _ in seg.quotes)
        return Found(
            cue=cue,
            content=((r, end),),
            source=source,
            mention=mention,
            citing=citing,
            antecedent=antecedent,
            quote=quote,
        )
    if toks[end - 1].text == ":" and j >= end - 2:
        # "The governor added:" — the words follow in the next paragraph or quotation
        return Found(
            cue=cue, content=(), source=source, mention=mention, citing=citing, antecedent=antecedent, quote=True
        )
    # "…, X said." — content before the source
    left_end = src_start
    while left_end > floor and toks[left_end - 1].text in (",", "\u2014", "\u2013"):
        left_end -= 1
    if sum(1 for t in toks[floor:left_end] if t.is_word) < 2:
        return None
    quote = _quote_closing_at(seg, left_end - 1) is not None or _quote_closing_at(seg, src_start - 1) is not None
    return Found(
        cue=cue,
        content=((floor, left_end),),
        source=source,
        mention=mention,
        citing=citing,
        antecedent=antecedent,
        quote=quote,
    )


def _adjunct_only(toks: tuple[Token, ...], r: int, end: int) -> bool:
    """Whether ``[r, end)`` is only an adjunct after a final cue ("in a statement", "on social media")."""
    first = toks[r].lower
    second = toks[r + 1].lower if r + 1 < end else ""
    if end - r > 7:
        return False
    if first in ("last", "this", "late", "early", "next"):
        if second not in TIME_HEADS:
            return False
    elif first not in ADJUNCT_STARTS and first not in TIME_HEADS:
        return False
    lex = lexicon()
    return all(
        t.is_word and t.lower not in lex.verbs and t.lower != "that" or t.text in ("'s", "\u2019s", "-")
        for t in toks[r:end]
    )


@cache
def _not_speakers() -> frozenset[str]:
    """Upper-case line labels that are not speakers ("UPDATE", "EDITOR'S NOTE"), from ``not_speakers.txt``."""
    return frozenset(word.lower() for word in read_list(KNOWLEDGE_DIR / "not_speakers.txt"))


def _speaker_label(seg: Segment, end: int) -> Found | None:
    """A transcript's speaker label: "WALLACE: Let's start …" (an upper-case name and a colon open the sentence).

    Only upper-case labels followed by a capitalised word count, so "Note: …", "US: the talks …" and the
    labels of ``not_speakers.txt`` ("UPDATE: …") are not read as speakers.
    """
    toks = seg.tokens
    a = 1 if toks and mask_quote(toks[0].text) else 0
    c = a
    while c < end and c - a < 4 and toks[c].is_word and len(toks[c].text) > 1 and toks[c].text.isupper():
        c += 1
    if c == a or c + 1 >= end or toks[c].text != ":" or not toks[c + 1].is_capitalised:
        return None
    if any(t.lower in _not_speakers() for t in toks[a:c]):
        return None
    return Found(cue=(c, c + 1), content=((c + 1, end),), source=(a, c), mention=(a, c), quote=True)


def _colon_or_dash(seg: Segment, end: int) -> Found | None:
    """ "Name: “…”" and "“…” – Name"."""
    toks = seg.tokens
    n = len(toks)
    for c in range(1, min(n - 1, 10)):
        if toks[c].text == ":" and toks[c + 1].text in OPEN_QUOTES | {STRAIGHT_QUOTE}:
            np = _np_left(seg, c - 1, 0)
            if np is not None and np[0] == 0 and toks[0].is_capitalised:
                return Found(cue=(c, c + 1), content=((c + 1, end),), source=np, mention=np, quote=True)
    for o, c in seg.quotes:
        if c + 2 < n and toks[c + 1].text in DASHES:
            np = _np_right(seg, c + 2, n)
            if np is not None and toks[c + 2].is_capitalised:
                return Found(cue=(c + 1, c + 2), content=((o, c + 1),), source=np, mention=np, quote=True)
    return _signed_quote_end(seg, end)


def _signed_quote_end(seg: Segment, end: int) -> Found | None:
    """A quotation opened in an earlier sentence and signed at the end of this one: "… shame.” ― Sonya Herridge".

    The name must run to the end of the sentence, so a dash inside narration is not read as a signature.
    """
    toks = seg.tokens
    for c in range(1, len(toks) - 2):
        if mask_quote(toks[c].text) and toks[c + 1].text in DASHES and toks[c + 2].is_capitalised:
            np = _np_right(seg, c + 2, end)
            if np is not None and np[1] >= end:
                return Found(cue=(c + 1, c + 2), content=((0, c + 1),), source=np, mention=np, quote=True)
    return None


def _truncate(seg: Segment, found: list[Found]) -> list[Found]:
    """Cut a content that runs into the next attribution's frame (", while Y said …", ", adding …")."""
    toks = seg.tokens
    out = list(found)
    for a in range(len(out) - 1):
        f, g = out[a], out[a + 1]
        if not f.content or g.cue[0] <= f.cue[0]:
            continue
        last = f.content[-1]
        start_g = g.cue[0] if g.source is None else min(g.cue[0], g.source[0])
        if not (last[0] < start_g < last[1]):
            continue
        cut = start_g
        while cut > last[0] and (toks[cut - 1].text in (",", ";") or toks[cut - 1].lower in CONTENT_CONJ):
            cut -= 1
        if cut == start_g and g.inherit != "previous":
            continue
        if cut > last[0]:
            out[a] = replace(f, content=f.content[:-1] + ((last[0], cut),))
    return out
