"""Query expansion: weight a claim's search terms by rarity, add the spellings the index holds.

A claim is long and most of its words are common (قال، يوم، قوات).  Plain BM25
lets those words outvote the one rare name that decides relevance, so each
term is boosted by its own idf (it then counts idf squared).

Names and places are also spelled and glued in ways the light stemmer does
not join: ترامب/ترمب, غوتيريش/جوتيريش, حلب/بحلب/لحلب.  For every *rare* term
(in at most ``rare_fraction`` of the documents) we generate candidate
variants from the versioned table ``tables/variants.v1.json``: a clitic
prefix (ب، ل، و، ك، ف ...), one long-vowel letter inserted or removed, one
letter of a transliteration class swapped.  A candidate is kept only when
the index holds it in a rare share of documents, with a lower weight than
the term it came from.  Nothing is expanded for common words, so the
expansion cannot drift a query toward another topic.

>>> expand_query(["ترامب", "اردوغان"], doc_freqs, n_docs)   # doctest: +SKIP
(QueryTerm('ترامب', 1.3, 'ترامب', 'claim'), QueryTerm('ترمب', 0.78, 'ترامب', 'spelling'), ...)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from ..core.types import QueryTerm

#: ``doc_freqs(terms) -> {term: documents holding it}`` (absent terms may be left out).
DocFreqs = Callable[[Sequence[str]], Mapping[str, int]]

VARIANTS_TABLE = "variants.v1.json"
#: Longest term given spelling and clitic variants.  Each term has about three
#: variants per letter, each as long as the term, so an unbounded term costs
#: the square of its length (a 20,000-letter "word" took 23 s and 3.9 GB);
#: no Arabic word or name comes near this length, so longer ones are searched as written.
MAX_EXPAND_LETTERS = 24
_ARABIC = re.compile(r"[\u0621-\u064a]+")


@cache
def variants_table() -> dict[str, Any]:
    """The versioned expansion table (cached; treat it as read-only)."""
    from ..core.tables import read_table

    return read_table("tahqiq.index", VARIANTS_TABLE)


def idf(df: int, n_docs: int) -> float:
    """BM25's idf, as tantivy computes it: ``ln(1 + (N - n + 0.5) / (n + 0.5))``."""
    return math.log(1.0 + (max(n_docs, df) - df + 0.5) / (df + 0.5))


def spelling_variants(term: str, table: Mapping[str, Any] | None = None) -> set[str]:
    """One long vowel inserted or removed, or one letter of a transliteration class swapped.

    The first letter is never removed nor preceded by an inserted vowel
    (names keep their onset), but it may be swapped (غوتيريش/جوتيريش).
    """
    table = table or variants_table()
    vowels, swaps = table["vowel_letters"], table["swaps"]
    out: set[str] = set()
    for i in range(1, len(term) + 1):
        out.update(term[:i] + v + term[i:] for v in vowels)
    for i in range(len(term)):
        if i and term[i] in vowels:
            out.add(term[:i] + term[i + 1:])
        out.update(term[:i] + s + term[i + 1:] for s in swaps.get(term[i], ()))
    out.discard(term)
    return out


def clitic_variants(term: str, table: Mapping[str, Any] | None = None) -> set[str]:
    """The term glued to each clitic prefix of the table (بحلب، لحلب، وحلب ...)."""
    table = table or variants_table()
    return {clitic + term for clitic in table["clitics"]}


def expand_query(terms: Sequence[str], doc_freqs: DocFreqs, n_docs: int,
                 table: Mapping[str, Any] | None = None) -> tuple[QueryTerm, ...]:
    """Weighted search terms for ``terms`` (search-normalized), variants after the originals.

    Weights are relative: the claim's terms average 1.0.  ``doc_freqs`` is
    asked twice, once for the terms and once for all candidate variants.
    """
    table = table or variants_table()
    unique = list(dict.fromkeys(t for t in terms if t))
    if not unique:
        return ()
    df = dict(doc_freqs(unique))
    power = float(table.get("idf_power", 1.0))
    raw = {t: idf(df.get(t, 0), n_docs) ** power for t in unique}
    mean = sum(raw.values()) / len(raw) or 1.0
    weights = {t: w / mean for t, w in raw.items()}
    rare_limit = max(float(table["rare_fraction"]) * n_docs, float(table["rare_min_docs"]))
    rare = [t for t in unique if df.get(t, 0) <= rare_limit and _ARABIC.fullmatch(t)]
    candidates = _candidates(rare, table, set(unique))
    found = dict(doc_freqs(sorted({v for vs in candidates.values() for v, _ in vs}))) if candidates else {}
    out = [QueryTerm(t, round(weights[t], 4), t, "claim") for t in unique]
    seen = set(unique)
    for origin in rare:
        for variant, kind in sorted(candidates.get(origin, ())):
            n = found.get(variant, 0)
            if variant in seen or not 0 < n <= rare_limit:
                continue
            seen.add(variant)
            weight = weights[origin] * float(table["weights"][kind])
            out.append(QueryTerm(variant, round(weight, 4), origin, kind))
    return tuple(out)


def _candidates(rare: Iterable[str], table: Mapping[str, Any],
                exclude: set[str]) -> dict[str, set[tuple[str, str]]]:
    minimum = table["min_letters"]
    found: dict[str, set[tuple[str, str]]] = {}
    for term in rare:
        if len(term) > MAX_EXPAND_LETTERS:
            continue
        options: set[tuple[str, str]] = set()
        if len(term) >= int(minimum["clitic"]):
            options.update((v, "clitic") for v in clitic_variants(term, table))
        if len(term) >= int(minimum["spelling"]):
            options.update((v, "spelling") for v in spelling_variants(term, table))
        options = {(v, k) for v, k in options if v not in exclude}
        if options:
            found[term] = options
    return found


__all__ = ["clitic_variants", "expand_query", "idf", "spelling_variants", "variants_table"]
