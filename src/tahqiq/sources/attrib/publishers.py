"""The site that publishes the text, as the text itself shows it (the page address is
never used): a name in a copyright or footer line, a name that opens a segment of the
page header (``عنوان | السورية نت |``، ``عنوان - عنب بلدي الأحد``، ``موقع خبرني:``), a
site's own credit line (``الجماهير: وكالات``، ``X - خاص``), a dateline ``مكان - X:`` of
an outlet that is not an agency, and a header byline ``X - فلان الجمعة،``.  The publisher
is never a cited outlet: a site naming itself is not a source it rests on.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import citation_words, fold_key, limit, load_table, pattern, pattern_text, words
from .names import OutletMention
from .spans import Doc


def publishers(doc: Doc) -> frozenset[str]:
    """Canonical names (and folded written names) of the site that publishes ``doc``."""
    return frozenset(_named_in_place(doc) | _header_names(doc) | _self_credits(doc))


def in_footer(doc: Doc, m: OutletMention) -> bool:
    """The name follows a copyright or footer phrase on its line and in its sentence
    (``يمنع إعادة النشر بدون ذكر المصدر (X)``، ``© 2017 X``)."""
    i = doc.token_at(m.start)
    lo = max(doc.text.rfind("\n", max(0, m.start - 200), m.start) + 1, doc.toks[doc.sentence(i)[0]].start, m.start - 200)
    window = fold_key(doc.text[lo:m.start])
    tail = fold_key(doc.text[m.end:m.end + 30].split("\n")[0])
    markers = citation_words()["footer_markers"]
    return any(w in window for w in markers) or any(w in tail for w in words("footer_tail"))


def _named_in_place(doc: Doc) -> set[str]:
    """Outlets named in a footer, or (not agencies) in their own dateline or header byline."""
    found: set[str] = set()
    text, header = doc.text, limit("header_chars")
    for m in doc.mentions:
        before = text[max(0, m.start - 300):m.start].rstrip(" «\"“")
        after = text[m.end:m.end + 300].lstrip(" »\"”")
        dateline = before.endswith(("-", "–")) and after.startswith(":") or pattern("place_after").match(after)
        byline = m.start < header and _byline_re().match(fold_key(after[:80]))
        if in_footer(doc, m) or (m.entry.type != "agency" and (dateline or byline) and not m.parenthesised):
            found.add(m.entry.canonical)
    return found


def _header_names(doc: Doc) -> set[str]:
    """Outlets that open a segment of the page header (a context-only name only after
    ``|``, an agency only at the very start), not the first item of a list of headlines."""
    found: set[str] = set()
    head = doc.text[:limit("header_chars")]
    for match in pattern("header_segment").finditer(head):
        if pattern("list_number").search(head[max(0, match.start() - 6):match.start()].rstrip()):
            continue  # 1.\nX: the first item of a list of headlines, not the header
        sep, written = match.group("sep"), match.group("seg").split()
        written = written[:next((n for n, w in enumerate(written) if any(c in w for c in "()«»\"")),
                                len(written))]
        for n in range(min(4, len(written)), 0, -1):
            entry = doc.gazetteer.resolve(" ".join(written[:n]))
            if entry is None:
                continue
            bare = " ".join(fold_key(w) for w in written[:n])
            co = any(" ".join(fold_key(c).split()) == bare for c in entry.context_only)
            agency_ok = entry.type != "agency" or match.start("seg") < 40
            if agency_ok and (not co or sep == "|"):
                found.add(entry.canonical)
            break
    return found


def _self_credits(doc: Doc) -> set[str]:
    """``الجماهير: وكالات``، ``مراسل سوري - خاص``: the name of a site's credit line for its
    own items (its canonical name, else its last two words folded)."""
    found: set[str] = set()
    for match in _self_credit_re().finditer(doc.text):
        written = match.group("name").split()
        for n in range(min(4, len(written)), 0, -1):
            entry = doc.gazetteer.resolve(" ".join(written[-n:]))
            if entry is not None:
                found.add(entry.canonical)
                break
        else:
            found.add(" ".join(fold_key(w) for w in written[-2:]))
    return found


@cache
def _byline_re() -> re.Pattern[str]:
    """(Folded) ``- فلان الفلاني الجمعة``: the author and day of a header byline after a name."""
    days = "|".join(sorted({re.escape(fold_key(w)) for w in load_table("outlets")["citation"]["weekdays"]}))
    return re.compile(pattern_text("byline", weekdays=days))


@cache
def _self_credit_re() -> re.Pattern[str]:
    """``الجماهير: وكالات``، ``مراسل سوري - خاص``: a site's credit line for its own items."""
    credits = "|".join(re.escape(w) for w in load_table("outlets")["citation"]["publisher_credits"])
    return re.compile(pattern_text("self_credit", publisher_credits=credits))
