"""Moved to :mod:`tahqiq.core.parallel`; this old import path stays as the same module."""

import sys

from ..core import parallel as _moved

sys.modules[__name__] = _moved
