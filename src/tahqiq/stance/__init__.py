"""tahqiq.stance: does an article agree with, deny, discuss or ignore a claim?

:class:`StanceClassifier` follows the scikit-learn contract (``fit``,
``predict``, ``predict_proba``) over ``(claim, article_text)`` pairs and also
returns the evidence sentences behind each decision (:meth:`StanceClassifier.judge`).
:func:`load_default` loads the model shipped in the package.  Importing this
package does no work: names are resolved lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from .labels import LABELS
    from .model import StanceClassifier, load_default, load_model

_LAZY = {
    "LABELS": "labels",
    "StanceClassifier": "model",
    "load_default": "model",
    "load_model": "model",
}

__all__ = ["LABELS", "StanceClassifier", "load_default", "load_model"]


__getattr__ = lazy_exports(__name__, _LAZY)
