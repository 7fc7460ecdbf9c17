"""Moved to :mod:`tahqiq.core.lazy`; this old import path stays as the same module."""

import sys

from .core import lazy as _moved

sys.modules[__name__] = _moved
