"""Moved to :mod:`tahqiq.core.files`; this old import path stays as the same module."""

import sys

from .core import files as _moved

sys.modules[__name__] = _moved
