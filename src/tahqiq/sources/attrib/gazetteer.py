"""The gazetteer of news outlets and agencies, and where they are named in a text.

The packaged table ``tables/outlets.v4.json`` lists each outlet once with its
canonical name, type (agency, tv, newspaper, website, monitor), country and
its common Arabic and Latin spellings.  A user JSON file in the same format
extends it (:func:`load_gazetteer`): an entry whose canonical name is already
known adds spellings to it, a new canonical name adds an outlet.

Matching folds letters (:func:`.lexicon.fold_key`) and maps back to exact offsets.  Names
that are also ordinary words (``context_only``: الجزيرة، الحياة ...) need a context
(:func:`.names.has_context`); a designator and such a name that together are a common
noun (``generic_phrases``: وكالة الأنباء) are not a match.  A name is also found without
its ال inside quotes or after a designator (``صحيفة «تايمز»``), and a context-only name
told something (``مصادر للجزيرة بأن``) with ``told=True``.  All names compile into one
trie-shaped regular expression.

Nothing is read or compiled at import time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ...core.errors import ConfigError
from .._intervals import Intervals
from .lexicon import (
    TABLE_FILES,
    clitic_variants,
    fold_key,
    fold_with_map,
    load_table,
    pattern,
    pattern_text,
    proclitic_pattern,
)
from .names import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    OutletMention,
    compact_key,
    has_context,
    inside_longer_quote,
    is_label,
    key_variants,
    nisba_after,
    skeleton,
    skeleton_map,
    slot_pattern,
    trie_pattern,
)

#: Outlet types the gazetteer knows.
OUTLET_TYPES = ("agency", "tv", "radio", "newspaper", "magazine", "website", "monitor")


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One outlet of the gazetteer."""

    canonical: str
    type: str
    country: str
    arabic: tuple[str, ...] = ()
    latin: tuple[str, ...] = ()
    context_only: tuple[str, ...] = ()


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


class Gazetteer:
    """Outlet names -> canonical outlets; finds outlet names in running text."""

    def __init__(self, entries: Iterable[OutletEntry], designators: Iterable[str] = (),
                 generic_phrases: Iterable[str] = ()) -> None:
        self._entries = tuple(_merge(entries))
        self._designators = frozenset(fold_key(d) for d in designators)
        self._generic = frozenset(" ".join(fold_key(p).split()) for p in generic_phrases)
        self._keys: dict[str, OutletEntry] = {}
        self._context_only: set[str] = set()
        self._case_sensitive: dict[str, str] = {}
        for entry in self._entries:
            for name in entry.arabic + entry.latin:
                key = " ".join(fold_key(name).split())
                self._keys.setdefault(key, entry)
                if name in entry.context_only:
                    self._context_only.add(key)
            for name in entry.latin:
                if len(name) <= 4:
                    self._case_sensitive[" ".join(fold_key(name).split())] = name
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
        key = " ".join(pattern("resolve_punctuation").sub(" ", fold_key(name)).split())
        if not key:
            return None
        words = key.split()
        while True:
            for candidate in key_variants(" ".join(words)):
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
            pre, written = match.group("pre"), compact_key(match.group("name"))
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
            if key in self._context_only and not has_context(text, mention):
                if pre.endswith("ل") and pattern("told_after").match(text, end):
                    mention = OutletMention(start, end, mention.entry, pre, told=True)
                elif not pre and is_label(text, start, end):
                    mention = OutletMention(start, end, mention.entry, labelled=True)
                else:
                    continue
            if inside_longer_quote(text, start, end):
                continue
            out.append(self._qualified(text, mention))
        variants = self._variant_mentions(text, folded, index, out)
        return sorted(out + variants, key=lambda m: m.start) if variants else out

    def _qualified(self, text: str, mention: OutletMention) -> OutletMention:
        """A country adjective right after a name picks that country's paper when the
        gazetteer lists it: ``صحيفة «الوطن» الكويتية`` is Al-Watan (Kuwait), not the
        Syrian paper that ``الوطن`` alone names; the name then ends after the adjective."""
        after = nisba_after(text, mention.end)
        if after is None:
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
        and a listed spelling of a foreign outlet have the same :func:`.names.skeleton`."""
        skeletons = self._skeletons()
        out: list[OutletMention] = []
        taken = Intervals((m.start, m.end) for m in found)
        for match in self._slot_re().finditer(folded):
            a, b = match.span("w")
            if taken.overlaps(index[a], index[b - 1] + 1):
                continue
            words = [(w.start() + a, w.end() + a) for w in re.finditer(r"\S+", folded[a:b])]
            for n in range(len(words), 0, -1):
                key = f"{n}:" + skeleton("".join(folded[s:e] for s, e in words[:n]))
                if key in skeletons:
                    start, end = index[words[0][0]], index[words[n - 1][1] - 1] + 1
                    out.append(self._mention(text, start, end, skeletons[key], match.group("pre") or ""))
                    break
        return out

    def _skeletons(self) -> dict[str, OutletEntry]:
        if self._skeleton_map is None:
            self._skeleton_map = skeleton_map(self._entries)
        return self._skeleton_map

    def _slot_re(self) -> re.Pattern[str]:
        if self._slot is None:
            self._slot = slot_pattern(self._designators)
        return self._slot

    def _mention(self, text: str, start: int, end: int, entry: OutletEntry,
                 pre: str) -> OutletMention:
        before = text[max(0, start - 300):start].rstrip(" ـ-")
        after = text[end:end + 300].lstrip(" ")
        quoted = bool(before) and before[-1] in QUOTES_OPEN and after[:1] in QUOTES_CLOSE
        head = before.rstrip(" «\"“(").split()
        first = fold_key(text[start:end]).split()[0]
        designated = first in self._designators or bool(
            head and self._is_designator(fold_key(head[-1].lstrip("(«\"“"))))
        opened = before[-80:]
        while designated and not opened.endswith("(") and (words := opened.split()) and (
                self._is_designator(fold_key(words[-1].lstrip("(")))):
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
        name = " ".join(fold_key(text[mention.start:mention.end]).split())
        return any(f"{v} {name}" in self._generic for v in clitic_variants(fold_key(head[-1])))

    def is_designator(self, word: str) -> bool:
        """Whether ``word`` (any spelling, with proclitics) is a designator such as صحيفة."""
        return any(v in self._designators for v in clitic_variants(fold_key(word)))

    def designator_proclitic(self, word: str) -> str | None:
        """The proclitic before a designator word (``""`` for صحيفة, ``"ل"`` for لصحيفة,
        ``"ول"`` for ولوكالة), or ``None`` when ``word`` is not a designator."""
        folded = fold_key(word)
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
                if k.startswith("ال") and len(compact_key(k)) >= 6 and k[2:] not in self._keys
                and k not in self._context_only and k[2:] not in self._designators)
        return self._bare

    def _compact(self) -> dict[str, str]:
        if self._compact_keys is None:
            self._compact_keys = {compact_key(k): k for k in self._keys}
        return self._compact_keys

    def _pattern(self) -> re.Pattern[str]:
        if self._regex is None:
            names = set(self._keys)
            names |= {k[1:] for k in self._keys if k.startswith("ال")}
            names |= set(self._bare_keys())
            alternation = trie_pattern(names)
            self._regex = re.compile(pattern_text("outlet_name", proclitics=proclitic_pattern(),
                                                  names=alternation))
        return self._regex


def _read_extra(path: Path) -> list[OutletEntry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read outlet gazetteer {path}: {exc}") from None
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(f"{path}: expected {{\"entries\": [...]}} or a list of entries")
    return [_entry_from_json(item, str(path)) for item in items]


def _with_table_words(entries: list[OutletEntry]) -> Gazetteer:
    """A gazetteer of ``entries`` with the designators and generic phrases of the table."""
    table = load_table("outlets")
    return Gazetteer(entries, table.get("designators", ()), table.get("generic_phrases", ()))


@cache
def _packaged() -> Gazetteer:
    items = load_table("outlets")["entries"]
    return _with_table_words([_entry_from_json(item, TABLE_FILES["outlets"]) for item in items])


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
    return _with_table_words(list(base.entries) + _read_extra(extra))
