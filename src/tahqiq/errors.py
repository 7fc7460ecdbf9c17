"""Moved to :mod:`tahqiq.core.errors`; this old import path stays as the same module."""

import sys

from .core import errors as _moved

sys.modules[__name__] = _moved
