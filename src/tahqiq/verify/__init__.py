"""tahqiq.verify: check a claim across the corpus and report on it.

:class:`Verifier` retrieves the articles that match a claim, judges each one
with the stance model, weighs their stances into a verdict
(:mod:`tahqiq.verify.verdict`) and returns a :class:`~tahqiq.types.Report`,
which :func:`to_markdown` and :func:`to_html` render for people.  It reads the
articles through the :class:`EvidenceSource` port (a Corpus is one), and never
writes to them.  Importing
this package does no work: names are resolved lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from .ports import EvidenceSource
    from .render import to_html, to_markdown
    from .verdict import VerdictPolicy, decide
    from .verifier import Verifier

_LAZY = {
    "EvidenceSource": "ports",
    "Verifier": "verifier",
    "VerdictPolicy": "verdict",
    "decide": "verdict",
    "to_html": "render",
    "to_markdown": "render",
}

__all__ = ["EvidenceSource", "VerdictPolicy", "Verifier", "decide", "to_html", "to_markdown"]


__getattr__ = lazy_exports(__name__, _LAZY)
