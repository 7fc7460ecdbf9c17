"""tahqiq.sources: who copied whom, and who said what.

- Text reuse (:mod:`.shingles`, :mod:`.minhash`, :mod:`.lsh`, :mod:`.align`,
  :mod:`.reuse`, :mod:`.batch`, :mod:`.reuse_index`): passages shared between
  documents, found with MinHash-LSH candidates over token windows and verified
  by alignment, robust to spelling variants and light editing.
- Attribution (:mod:`.attribution`, :mod:`.outlets`): reported speech
  (speaker, cue, content) and cited outlets resolved through a gazetteer.

Importing this package does no work: names resolve lazily.
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_LAZY = {
    "extract_sources": "attribution",
    "Gazetteer": "outlets",
    "load_gazetteer": "outlets",
    "ReuseIndex": "reuse_index",
    "ReuseParams": "reuse",
    "find_links": "batch",
    "link_documents": "reuse",
    "outlet_cites": "citations",
}

__all__ = sorted(_LAZY)

__getattr__ = lazy_exports(__name__, _LAZY)
