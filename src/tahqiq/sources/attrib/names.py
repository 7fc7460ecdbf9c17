"""How outlet names are written: where a name stands in a text (:class:`OutletMention`),
name patterns, skeletons of foreign names, and the contexts a name that is also an
ordinary word needs before it counts.

Used by :mod:`.gazetteer`; patterns and lists come from ``tables/attribution.v1.json``
and compile on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .lexicon import (
    clitic_variants,
    fold_key,
    limit,
    load_table,
    pattern,
    pattern_text,
    proclitic_pattern,
)

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import OutletEntry

QUOTES_OPEN = "«\"“'"
QUOTES_CLOSE = "»\"”'"


@dataclass(frozen=True, slots=True)
class OutletMention:
    """Where a gazetteer name is written in a text.

    ``start``/``end`` delimit the name itself (without quotes or a proclitic
    such as the ل of لرويترز).  ``quoted``: the name stands alone inside
    quotes; ``designated``: a designator word (صحيفة، وكالة ...) precedes it or
    starts it; ``parenthesised``: it stands alone inside ``( )``; ``told``: a
    context-only name found only because it is told something (``مصادر للجزيرة
    بأن``), which :mod:`.citations` cites only after a cue or a source word;
    ``labelled``: a context-only name found only as the label of a line (``13. الرياض:
    ...``), which :mod:`.unknown` and :mod:`.citations` keep only in a press review (several labels).
    """

    start: int
    end: int
    entry: OutletEntry
    proclitic: str = ""
    quoted: bool = False
    designated: bool = False
    parenthesised: bool = False
    told: bool = False
    labelled: bool = False


def name_atoms(folded: str) -> list[str]:
    """The regex atoms of one folded name (:func:`name_pattern` split into pieces)."""
    parts = folded.split()
    atoms = [re.escape(c) for c in parts[0]]
    for prev, part in zip(parts, parts[1:], strict=False):
        atoms.append(r"[\s.]+" if len(prev) == 1 or len(part) == 1 else r"\s*" if part.isdigit() else r"\s+")
        atoms.extend(re.escape(c) for c in part)
    return atoms


def trie_pattern(names: Iterable[str]) -> str:
    """One regex for all ``names``, as a trie: ``(?:ab(?:c)?|d)``.  A name that continues
    is tried before the shorter name it extends, so the longest name wins, as with an
    alternation sorted longest first, but the regex engine no longer tries hundreds of
    alternatives at every position."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for atom in name_atoms(name):
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        options = [atom + render(child) for atom, child in node.items() if atom]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        if "" in node:
            return (body if len(options) > 1 else "(?:" + body + ")") + "?"
        return body

    return render(trie)


def name_pattern(folded: str) -> str:
    """Regex for one folded name: flexible spaces, dots between single letters."""
    parts = folded.split()
    out = re.escape(parts[0])
    for prev, part in zip(parts, parts[1:], strict=False):
        glue = r"[\s.]+" if len(prev) == 1 or len(part) == 1 else r"\s*" if part.isdigit() else r"\s+"
        out += glue + re.escape(part)
    return out


def is_label(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the label of a line: ``X:`` with two words after it on the line,
    after a line start, a sentence end or a list number (``13. X: ...``)."""
    return bool(pattern("label_after").match(text, end)) and bool(
        pattern("label_before").search(text[max(0, start - 12):start]))


@cache
def native_countries() -> frozenset[str]:
    """ISO codes of the countries whose outlets' names are often Arabic, Persian, Turkish or
    Hebrew words (اعتماد، أخبار، إسرائيل): only the other outlets are matched by
    :func:`skeleton`."""
    return frozenset(load_table("attribution")["skeleton"]["native_countries"])


@cache
def _skeleton_maps() -> tuple[dict[int, Any], dict[int, Any]]:
    table = load_table("attribution")["skeleton"]
    return str.maketrans(table["first_letter"]), str.maketrans(table["rest"])


def skeleton(folded: str) -> str:
    """A folded foreign name without ال, spaces and long vowels after its first letter, with
    غ/ق/ج as one letter (g): ``إيكونومست`` and ``الإيكونوميست`` give the same skeleton."""
    if folded.startswith("ال") and len(folded) > 5:
        folded = folded[2:]
    first, rest = _skeleton_maps()
    return folded[:1].translate(first) + folded[1:].translate(rest) if folded else ""


def compact_key(name: str) -> str:
    """A folded name without spaces and dots."""
    return re.sub(r"[\s.]", "", name)


def key_variants(key: str) -> list[str]:
    """``key`` without proclitics, each with and without ال."""
    out: list[str] = []
    for item in clitic_variants(key):
        out.append(item)
        out.append(item[2:] if item.startswith("ال") else "ال" + item)
    return list(dict.fromkeys(out))


def inside_longer_quote(text: str, start: int, end: int) -> bool:
    """The name opens a longer «quoted name» (الصباح in «الصباح الجديد»)."""
    before = text[max(0, start - 3):start].rstrip(" ")
    if not before or before[-1] not in QUOTES_OPEN:
        return False
    after = text[end:end + 40]
    if after.lstrip(" ")[:1] in QUOTES_CLOSE:
        return False
    close = min((i for i in (after.find(q) for q in QUOTES_CLOSE) if i >= 0), default=-1)
    return close > 0 and "\n" not in after[:close]


def has_context(text: str, mention: OutletMention) -> bool:
    """A context-only name stands where it can only be an outlet: quoted, designated,
    parenthesised, between backslashes (``وكالات \\ سما \\``) or in a dateline ``- X:``."""
    if mention.quoted or mention.designated or mention.parenthesised:
        return True
    # a window, not the whole prefix and suffix: a slice copies, and this runs per mention
    chars = limit("context_chars")
    before = text[max(0, mention.start - chars):mention.start].rstrip(" ")
    after = text[mention.end:mention.end + chars].lstrip(" ")
    if before.endswith("\\") and after.startswith("\\"):  # وكالات \ سما \
        return True
    return before.endswith(("-", "–")) and after.startswith(":")


def nisba_after(text: str, end: int) -> re.Match[str] | None:
    """The word right after an outlet name, past a closing quote, when it is a nisba
    adjective (``«الوطن» الكويتية``)."""
    after = pattern("qualifier").match(text, end)
    if after is None or not fold_key(after.group(1)).endswith(_nisba_endings()):
        return None
    return after


@cache
def _nisba_endings() -> tuple[str, ...]:
    return tuple(fold_key(w) for w in load_table("attribution")["words"]["nisba_endings"])


def skeleton_map(entries: Iterable[OutletEntry]) -> dict[str, OutletEntry]:
    """Skeleton -> outlet, for the spellings that are not context-only of outlets based
    outside :func:`native_countries`; a skeleton shorter than four letters or shared by two
    outlets is left out."""
    seen: dict[str, OutletEntry | None] = {}
    for entry in entries:
        if entry.country in native_countries():
            continue
        for name in entry.arabic:
            if name in entry.context_only:
                continue
            key = skeleton(fold_key(name))
            if len(key) < 4:
                continue
            key = f"{len(name.split())}:{key}"  # as many words: «ميدل ايست» is not ميدل إيست آي
            seen[key] = entry if seen.get(key, entry) is entry else None
    return {k: e for k, e in seen.items() if e is not None}


def slot_pattern(designators: Iterable[str]) -> re.Pattern[str]:
    """Where an outlet name written in another spelling may stand: after a single-word
    designator (with its proclitics) or inside quotes or brackets; group ``w`` holds one to
    three words."""
    single = sorted((d for d in designators if " " not in d), key=len, reverse=True)
    heads = "|".join(re.escape(d) for d in single)
    return re.compile(pattern_text("outlet_slot", proclitics=proclitic_pattern(), designators=heads))
