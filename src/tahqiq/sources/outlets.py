"""Gazetteer of news outlets and agencies, and where they are named in a text.

The packaged table ``tables/outlets.v4.json`` lists each outlet once with its
canonical name, type (agency, tv, newspaper, website, monitor), country and
its common Arabic and Latin spellings.  A user JSON file in the same format
extends it (:func:`load_gazetteer`): an entry whose canonical name is already
known adds spellings to it, a new canonical name adds an outlet.

Matching folds the letters that writers vary (hamza and alef forms, ى/ي,
ة/ه, diacritics, tatweel) with a length-preserving map, so every match maps
back to exact character offsets of the original text.  Names that are also
ordinary words (``context_only``: الجزيرة، الحياة، البيان، الوطن ...) are only
found inside quotes, after a designator (صحيفة، قناة، وكالة ...), in a
parenthesised credit ``(...)``, a dateline ``- X:`` or a credit ``\\ X \\``; a
designator and such a name that together are a common noun (``generic_phrases``:
وكالة الأنباء "news agency") are not a match.  A name is also found without the
ال of its spelling inside quotes or after a designator (``صحيفة «تايمز»``), and a
context-only name told something (``مصادر للجزيرة بأن``) is found with ``told=True``.
All names compile into one trie-shaped regular expression.

Nothing is read or compiled at import time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ._intervals import Intervals

#: Outlet types the gazetteer knows.
OUTLET_TYPES = ("agency", "tv", "radio", "newspaper", "magazine", "website", "monitor")

_QUOTES_OPEN = "«\"“'"
_QUOTES_CLOSE = "»\"”'"

#: The tables in use, name -> file.  The version is part of the file name.
TABLE_FILES: dict[str, str] = {
    "outlets": "outlets.v4.json",
    "cues": "cues.v1.json",
    "fold": "fold.v1.json",
}


@cache
def load_table(name: str) -> dict[str, Any]:
    """The parsed table ``name`` of this package (:data:`TABLE_FILES`; cached, read-only)."""
    raw = resources.files("tahqiq.sources").joinpath("tables", TABLE_FILES[name]).read_text("utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict) or "name" not in data or "version" not in data:
        raise ValueError(f"sources table {name} lacks 'name' or 'version'")
    return data


@cache
def _fold_map() -> dict[int, str | None]:
    table = load_table("fold")
    out: dict[int, str | None] = {}
    for lo, hi in table["remove_ranges"]:
        for cp in range(int(lo, 16), int(hi, 16) + 1):
            out[cp] = None
    for src, dst in table["map"].items():
        out[ord(src)] = dst or None
    return out


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded ``text`` and, for each folded character, its index in ``text``.

    Every character folds to at most one character (Latin letters are
    lower-cased, Arabic letter variants unified, marks removed), so a span
    ``[i, j)`` of the folded string is ``[index[i], index[j - 1] + 1)`` of
    the original.
    """
    mapping = _fold_map()
    folded = text.translate(mapping)
    if len(folded) == len(text):
        index = list(range(len(text)))
    else:
        removed = _removed()
        index = [pos for pos, char in enumerate(text) if ord(char) not in removed]
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered, index
    chars = [low if len(low := char.lower()) == 1 else char for char in folded]
    return "".join(chars), index


@cache
def _removed() -> frozenset[int]:
    """Code points that folding removes (diacritics, tatweel, bidi marks)."""
    return frozenset(cp for cp, new in _fold_map().items() if new is None)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """:func:`fold_with_map` without the index (for keys and lookups; cached)."""
    return text.translate(_fold_map()).lower()


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One outlet of the gazetteer."""

    canonical: str
    type: str
    country: str
    arabic: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()
    context_only: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletMention:
    """Where a gazetteer name is written in a text.

    ``start``/``end`` delimit the name itself (without quotes or a proclitic
    such as the ل of لرويترز).  ``quoted``: the name stands alone inside
    quotes; ``designated``: a designator word (صحيفة، وكالة ...) precedes it or
    starts it; ``parenthesised``: it stands alone inside ``( )``; ``told``: a
    context-only name found only because it is told something (``مصادر للجزيرة
    بأن``), which :mod:`.attribution` cites only after a cue or a source word;
    ``labelled``: a context-only name found only as the label of a line (``13. الرياض:
    ...``), which :mod:`.attribution` keeps only in a press review (several labels).
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


def _entry_from_json(item: Any, where: str) -> OutletEntry:
    if not isinstance(item, dict) or not isinstance(item.get("canonical"), str):
        raise ConfigError(f"{where}: every entry needs a string 'canonical'")

    def names(key: str) -> tuple[str, ...]:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where}: '{key}' of {item['canonical']!r} must be a list of names")
        return tuple(v.strip() for v in value)

    kind = item.get("type", "website")
    if kind not in OUTLET_TYPES:
        raise ConfigError(f"{where}: type of {item['canonical']!r} must be one of {OUTLET_TYPES}")
    return OutletEntry(item["canonical"].strip(), kind, str(item.get("country", "")),
                       names("arabic"), names("latin"), names("context_only"))


def _merge(entries: Iterable[OutletEntry]) -> list[OutletEntry]:
    merged: dict[str, OutletEntry] = {}
    for entry in entries:
        old = merged.get(entry.canonical)
        if old is None:
            merged[entry.canonical] = entry
            continue

        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        merged[entry.canonical] = OutletEntry(
            old.canonical, entry.type or old.type, entry.country or old.country,
            union(old.arabic, entry.arabic), union(old.latin, entry.latin),
            union(old.context_only, entry.context_only))
    return list(merged.values())


def _name_atoms(folded: str) -> list[str]:
    """The regex atoms of one folded name (:func:`_name_pattern` split into pieces)."""
    parts = folded.split()
    atoms = [re.escape(c) for c in parts[0]]
    for prev, part in zip(parts, parts[1:], strict=False):
        atoms.append(r"[\s.]+" if len(prev) == 1 or len(part) == 1 else r"\s*" if part.isdigit() else r"\s+")
        atoms.extend(re.escape(c) for c in part)
    return atoms


def _trie_pattern(names: Iterable[str]) -> str:
    """One regex for all ``names``, as a trie: ``(?:ab(?:c)?|d)``.  A name that continues
    is tried before the shorter name it extends, so the longest name wins, as with an
    alternation sorted longest first, but the regex engine no longer tries hundreds of
    alternatives at every position."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for atom in _name_atoms(name):
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


def _name_pattern(folded: str) -> str:
    """Regex for one folded name: flexible spaces, dots between single letters."""
    parts = folded.split()
    out = re.escape(parts[0])
    for prev, part in zip(parts, parts[1:], strict=False):
        glue = r"[\s.]+" if len(prev) == 1 or len(part) == 1 else r"\s*" if part.isdigit() else r"\s+"
        out += glue + re.escape(part)
    return out


class Gazetteer:
    """Outlet names -> canonical outlets; finds outlet names in running text."""

    def __init__(self, entries: Iterable[OutletEntry], designators: Iterable[str] = (),
                 generic_phrases: Iterable[str] = ()) -> None:
        self._entries = tuple(_merge(entries))
        self._designators = frozenset(fold(d) for d in designators)
        self._generic = frozenset(" ".join(fold(p).split()) for p in generic_phrases)
        self._keys: dict[str, OutletEntry] = {}
        self._context_only: set[str] = set()
        self._case_sensitive: dict[str, str] = {}
        for entry in self._entries:
            for name in entry.arabic + entry.latin:
                key = " ".join(fold(name).split())
                self._keys.setdefault(key, entry)
                if name in entry.context_only:
                    self._context_only.add(key)
            for name in entry.latin:
                if len(name) <= 4:
                    self._case_sensitive[" ".join(fold(name).split())] = name
        self._regex: re.Pattern[str] | None = None
        self._slot: re.Pattern[str] | None = None
        self._skeleton_map: dict[str, OutletEntry] | None = None
        self._bare: frozenset[str] | None = None
        self._compact_keys: dict[str, str] | None = None

    @property
    def entries(self) -> tuple[OutletEntry, ...]:
        """Every outlet, merged by canonical name."""
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[OutletEntry]:
        return iter(self._entries)

    def resolve(self, name: str) -> OutletEntry | None:
        """The outlet a written name stands for, or ``None``.

        Accepts quotes, a leading designator (``صحيفة «الوطن»``), proclitics
        (``لرويترز``), with or without ال, and Latin names in any case.
        """
        for part in [name, *re.findall(r"\(([^()]+)\)", name), re.sub(r"\([^()]*\)", " ", name)]:
            entry = self._resolve_one(part)
            if entry is not None:
                return entry
        return None

    def _resolve_one(self, name: str) -> OutletEntry | None:
        key = " ".join(re.sub(r"[«»\"“”'()\[\].,:،\-]", " ", fold(name)).split())
        if not key:
            return None
        words = key.split()
        while True:
            for candidate in _key_variants(" ".join(words)):
                if candidate in self._keys:
                    return self._keys[candidate]
            if len(words) < 2 or not self._is_designator(words[0]):
                break
            words = words[1:]
        return None

    def canonical(self, name: str) -> str | None:
        """The canonical name for ``name`` (see :meth:`resolve`), or ``None``."""
        entry = self.resolve(name)
        return entry.canonical if entry else None

    def find(self, text: str) -> list[OutletMention]:
        """Every outlet name written in ``text``, left to right, longest first.

        A name whose gazetteer spelling starts with ال is also found without it
        (``صحيفة «تايمز»`` for التايمز), but only inside quotes or after a designator.
        A context-only name with a ل proclitic and a complementizer right after it
        (``مصادر للجزيرة بأن``) is found with ``told=True``.
        """
        folded, index = fold_with_map(text)
        out: list[OutletMention] = []
        compact = self._compact()
        for match in self._pattern().finditer(folded):
            pre, written = match.group("pre"), _compact_key(match.group("name"))
            bare = False
            if written in compact:
                key = compact[written]
            elif pre.endswith("ل") and "ا" + written in compact and written.startswith("ل"):
                key = compact["ا" + written]
            elif "ال" + written in compact and compact["ال" + written][2:] in self._bare_keys():
                key, bare = compact["ال" + written], True
            else:
                continue
            start, end = index[match.start("name")], index[match.end("name") - 1] + 1
            if key in self._case_sensitive and text[start:end] != self._case_sensitive[key]:
                continue
            mention = self._mention(text, start, end, self._keys[key], pre)
            if bare and not (mention.quoted or mention.designated):
                continue
            if (key in self._context_only or bare) and self._generic_phrase(text, mention):
                continue
            if key in self._context_only and not _has_context(text, mention):
                if pre.endswith("ل") and _TOLD_AFTER.match(text, end):
                    mention = OutletMention(start, end, mention.entry, pre, told=True)
                elif not pre and is_label(text, start, end):
                    mention = OutletMention(start, end, mention.entry, labelled=True)
                else:
                    continue
            if _inside_longer_quote(text, start, end):
                continue
            out.append(self._qualified(text, mention))
        variants = self._variant_mentions(text, folded, index, out)
        return sorted(out + variants, key=lambda m: m.start) if variants else out

    def _qualified(self, text: str, mention: OutletMention) -> OutletMention:
        """A country adjective right after a name picks that country's paper when the
        gazetteer lists it: ``صحيفة «الوطن» الكويتية`` is Al-Watan (Kuwait), not the
        Syrian paper that ``الوطن`` alone names; the name then ends after the adjective."""
        after = _QUALIFIER.match(text, mention.end)
        if after is None or not fold(after.group(1)).endswith(("يه", "ي")):
            return mention
        entry = self.resolve(text[mention.start:mention.end] + " " + after.group(1))
        if entry is None or entry.canonical == mention.entry.canonical:
            return mention
        return replace(mention, end=after.end(1), entry=entry)

    def _variant_mentions(self, text: str, folded: str, index: list[int],
                          found: list[OutletMention]) -> list[OutletMention]:
        """Foreign outlets written with other long vowels or another letter for g
        (``صحيفة إيكونومست``، ``«ذي أتلانتك»``), only right after a designator or inside
        quotes or brackets, and only when no listed name is found there: the written name
        and a listed spelling of a foreign outlet have the same :func:`_skeleton`."""
        skeletons = self._skeletons()
        out: list[OutletMention] = []
        taken = Intervals((m.start, m.end) for m in found)
        for match in self._slot_re().finditer(folded):
            a, b = match.span("w")
            if taken.overlaps(index[a], index[b - 1] + 1):
                continue
            words = [(w.start() + a, w.end() + a) for w in re.finditer(r"\S+", folded[a:b])]
            for n in range(len(words), 0, -1):
                key = f"{n}:" + _skeleton("".join(folded[s:e] for s, e in words[:n]))
                if key in skeletons:
                    start, end = index[words[0][0]], index[words[n - 1][1] - 1] + 1
                    out.append(self._mention(text, start, end, skeletons[key], match.group("pre") or ""))
                    break
        return out

    def _skeletons(self) -> dict[str, OutletEntry]:
        """Skeleton -> outlet, for the spellings that are not context-only of outlets based
        outside :data:`_NATIVE_NAMES`; a skeleton shorter than four letters or shared by two
        outlets is left out."""
        if self._skeleton_map is None:
            seen: dict[str, OutletEntry | None] = {}
            for entry in self._entries:
                if entry.country in _NATIVE_NAMES:
                    continue
                for name in entry.arabic:
                    if name in entry.context_only:
                        continue
                    key = _skeleton(fold(name))
                    if len(key) < 4:
                        continue
                    key = f"{len(name.split())}:{key}"  # as many words: «ميدل ايست» is not ميدل إيست آي
                    seen[key] = entry if seen.get(key, entry) is entry else None
            self._skeleton_map = {k: e for k, e in seen.items() if e is not None}
        return self._skeleton_map

    def _slot_re(self) -> re.Pattern[str]:
        if self._slot is None:
            single = sorted((d for d in self._designators if " " not in d), key=len, reverse=True)
            heads = "|".join(re.escape(d) for d in single)
            self._slot = re.compile(
                rf"(?:(?<![\w])(?P<pre>[وف]?[بلك]?)(?:{heads})\s+[«\"“]?\s*|[«\"“(]\s*)"
                r"(?P<w>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){0,2})")
        return self._slot

    def _mention(self, text: str, start: int, end: int, entry: OutletEntry,
                 pre: str) -> OutletMention:
        before = text[max(0, start - 300):start].rstrip(" ـ-")
        after = text[end:end + 300].lstrip(" ")
        quoted = bool(before) and before[-1] in _QUOTES_OPEN and after[:1] in _QUOTES_CLOSE
        head = before.rstrip(" «\"“(").split()
        first = fold(text[start:end]).split()[0]
        designated = first in self._designators or bool(
            head and self._is_designator(fold(head[-1].lstrip("(«\"“"))))
        opened = before[-80:]
        while designated and not opened.endswith("(") and (words := opened.split()) and (
                self._is_designator(fold(words[-1].lstrip("(")))):
            opened = opened[:len(opened) - len(words[-1].lstrip("("))].rstrip(" ")
        paren = opened.endswith("(") and after.startswith(")")  # (رويترز), (مجلة النيويوركر)
        return OutletMention(start, end, entry, pre, quoted, designated, paren)

    def _generic_phrase(self, text: str, mention: OutletMention) -> bool:
        """The name's only context is a designator with which it forms a common noun
        (وكالة الأنباء الرسمية: "the official news agency", not the paper الأنباء)."""
        if mention.quoted or mention.parenthesised or not self._generic:
            return False
        head = text[max(0, mention.start - 80):mention.start].rstrip(" ").split()
        if not head:
            return False
        name = " ".join(fold(text[mention.start:mention.end]).split())
        return any(f"{v} {name}" in self._generic for v in clitic_variants(fold(head[-1])))

    def is_designator(self, word: str) -> bool:
        """Whether ``word`` (any spelling, with proclitics) is a designator such as صحيفة."""
        return any(v in self._designators for v in clitic_variants(fold(word)))

    def designator_proclitic(self, word: str) -> str | None:
        """The proclitic before a designator word (``""`` for صحيفة, ``"ل"`` for لصحيفة,
        ``"ول"`` for ولوكالة), or ``None`` when ``word`` is not a designator."""
        folded = fold(word)
        for variant in clitic_variants(folded):
            if variant in self._designators:
                return folded[:len(folded) - len(variant)]
        return None

    def _is_designator(self, folded_word: str) -> bool:
        return any(v in self._designators for v in clitic_variants(folded_word))

    def _bare_keys(self) -> frozenset[str]:
        """Names of at least four letters written without the ال of their gazetteer spelling
        (تايمز for التايمز); not for context-only names (عراقية، جريدة) or designators."""
        if self._bare is None:
            self._bare = frozenset(
                k[2:] for k in self._keys
                if k.startswith("ال") and len(_compact_key(k)) >= 6 and k[2:] not in self._keys
                and k not in self._context_only and k[2:] not in self._designators)
        return self._bare

    def _compact(self) -> dict[str, str]:
        if self._compact_keys is None:
            self._compact_keys = {_compact_key(k): k for k in self._keys}
        return self._compact_keys

    def _pattern(self) -> re.Pattern[str]:
        if self._regex is None:
            names = set(self._keys)
            names |= {k[1:] for k in self._keys if k.startswith("ال")}
            names |= set(self._bare_keys())
            alternation = _trie_pattern(names)
            self._regex = re.compile(
                rf"(?<![\w])(?P<pre>[وف]?[بلك]?)(?P<name>{alternation})(?![\w])")
        return self._regex


#: A complementizer or a colon right after a told name (``للجزيرة بأن``، ``لرويترز:``).
_TOLD_AFTER = re.compile(r"\s*[«»\"”]?\s*[،,]?\s*(?:(?:ب|ف)?[أإا]ن(?:ه|ها|هم)?(?![\w])|:)")


#: A press-review label: ``X:`` and at least two words on the line; before it a line start,
#: a sentence end or a list number (``13. X:``).
_LABEL_AFTER = re.compile(r"\s*[»\"”]?\s*:\s*[^\W\d_]{2,}[^\n]*?\s[^\W\d_]{2,}")
_LABEL_BEFORE = re.compile(r"(?:^|[\n.!؟?؛]|\d\s*[.)\-–])[\s«\"“]*$")


def is_label(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the label of a line: ``X:`` with two words after it on the line,
    after a line start, a sentence end or a list number (``13. X: ...``)."""
    return bool(_LABEL_AFTER.match(text, end)) and bool(_LABEL_BEFORE.search(text[max(0, start - 12):start]))


#: ISO codes of the countries whose outlets' names are often Arabic, Persian, Turkish or Hebrew
#: words (اعتماد، أخبار، إسرائيل): only the other outlets are matched by :func:`_skeleton`.
_NATIVE_NAMES = frozenset({"SY", "IQ", "LB", "PS", "JO", "EG", "SA", "AE", "QA", "KW", "BH", "OM",
                           "YE", "SD", "LY", "TN", "DZ", "MA", "MR", "SO", "DJ", "KM", "IR", "TR",
                           "IL", "PK", "AF", ""})
_SKELETON_G = str.maketrans({"غ": "ج", "ق": "ج"})
_SKELETON_DROP = str.maketrans({"ا": None, "و": None, "ي": None, "ى": None, " ": None,
                                "غ": "ج", "ق": "ج", "ة": "ه"})


def _skeleton(folded: str) -> str:
    """A folded foreign name without ال, spaces and long vowels after its first letter, with
    غ/ق/ج as one letter (g): ``إيكونومست`` and ``الإيكونوميست`` give the same skeleton."""
    if folded.startswith("ال") and len(folded) > 5:
        folded = folded[2:]
    return folded[:1].translate(_SKELETON_G) + folded[1:].translate(_SKELETON_DROP) if folded else ""


def _compact_key(name: str) -> str:
    return re.sub(r"[\s.]", "", name)


def clitic_variants(word: str) -> list[str]:
    """``word`` and ``word`` without a proclitic و/ف and then ب/ل/ك (folded input)."""
    return list(_clitic_variants(word))


@lru_cache(maxsize=131072)
def _clitic_variants(word: str) -> tuple[str, ...]:
    out = [word]
    for conj in ("", "و", "ف"):
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if conj and len(rest) >= 2:
            out.append(rest)
        for prep in ("ب", "ل", "ك"):
            if rest.startswith(prep) and len(rest) > 3:
                out.append(rest[1:])
                if prep == "ل" and rest.startswith("لل"):
                    out.append("ا" + rest[1:])
    return tuple(dict.fromkeys(out))


def _key_variants(key: str) -> list[str]:
    out: list[str] = []
    for item in clitic_variants(key):
        out.append(item)
        out.append(item[2:] if item.startswith("ال") else "ال" + item)
    return list(dict.fromkeys(out))


def _inside_longer_quote(text: str, start: int, end: int) -> bool:
    """The name opens a longer «quoted name» (الصباح in «الصباح الجديد»)."""
    before = text[max(0, start - 3):start].rstrip(" ")
    if not before or before[-1] not in _QUOTES_OPEN:
        return False
    after = text[end:end + 40]
    if after.lstrip(" ")[:1] in _QUOTES_CLOSE:
        return False
    close = min((i for i in (after.find(q) for q in _QUOTES_CLOSE) if i >= 0), default=-1)
    return close > 0 and "\n" not in after[:close]


#: The word right after an outlet name, past a closing quote (``«الوطن» الكويتية``).
_QUALIFIER = re.compile(r"[»\"”']?[ \t]*([^\W\d_]+)")

#: How far around a mention :func:`_has_context` looks for its separators.
_CONTEXT_CHARS = 200


def _has_context(text: str, mention: OutletMention) -> bool:
    if mention.quoted or mention.designated or mention.parenthesised:
        return True
    # a window, not the whole prefix and suffix: a slice copies, and this runs per mention
    before = text[max(0, mention.start - _CONTEXT_CHARS):mention.start].rstrip(" ")
    after = text[mention.end:mention.end + _CONTEXT_CHARS].lstrip(" ")
    if before.endswith("\\") and after.startswith("\\"):  # وكالات \ سما \
        return True
    return before.endswith(("-", "–")) and after.startswith(":")


def _read_extra(path: Path) -> list[OutletEntry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read outlet gazetteer {path}: {exc}") from None
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(f"{path}: expected {{\"entries\": [...]}} or a list of entries")
    return [_entry_from_json(item, str(path)) for item in items]


@cache
def _packaged() -> Gazetteer:
    table = load_table("outlets")
    entries = [_entry_from_json(item, TABLE_FILES["outlets"]) for item in table["entries"]]
    return Gazetteer(entries, table.get("designators", ()), table.get("generic_phrases", ()))


@cache
def _display_names() -> dict[str, str]:
    return {e.canonical: e.arabic[0] for e in _packaged().entries if e.arabic}


def display_name(canonical: str) -> str:
    """How an outlet is shown to a reader: its first Arabic name in the packaged
    gazetteer (``Asharq Al-Awsat`` -> ``الشرق الأوسط``), else ``canonical`` as it is."""
    return _display_names().get(canonical, canonical)


def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer, extended by the entries of the JSON file ``extra``.

    ``extra`` holds ``{"entries": [{"canonical", "type", "country", "arabic",
    "latin", "context_only"}]}`` (or just the list).  Without ``extra`` the
    result is cached.  Raises :class:`~tahqiq.errors.ConfigError` for an
    unreadable or malformed file.
    """
    base = _packaged()
    if extra is None:
        return base
    table = load_table("outlets")
    return Gazetteer(list(base.entries) + _read_extra(extra), table.get("designators", ()),
                     table.get("generic_phrases", ()))
