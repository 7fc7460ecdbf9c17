"""Moved to :mod:`tahqiq.core.config`; this old import path stays as the same module."""

import sys

from .core import config as _moved

sys.modules[__name__] = _moved
