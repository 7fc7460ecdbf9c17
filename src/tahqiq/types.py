"""Moved to :mod:`tahqiq.core.types`; this old import path stays as the same module."""

import sys

from .core import types as _moved

sys.modules[__name__] = _moved
