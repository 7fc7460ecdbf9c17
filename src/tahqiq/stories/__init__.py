"""tahqiq.stories: the day's news grouped into stories as it arrives.

- :mod:`~tahqiq.stories.vectors`: what clustering reads of an article (pure, batchable);
- :mod:`~tahqiq.stories.cluster`: :class:`StoryClusterer`, the online clusterer;
- :mod:`~tahqiq.stories.index`: :class:`StoryIndex`, the clusterer's state beside the
  database, kept in step with the store.

Importing this package does no work: names are resolved lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from .cluster import StoryClusterer, StoryParams, cluster_stream
    from .index import StoryIndex
    from .vectors import story_vector, vector_batch

_LAZY = {
    "StoryClusterer": "cluster", "StoryParams": "cluster", "cluster_stream": "cluster",
    "StoryIndex": "index", "story_vector": "vectors", "vector_batch": "vectors",
}

__all__ = ["StoryClusterer", "StoryIndex", "StoryParams", "cluster_stream", "story_vector",
           "vector_batch"]

__getattr__ = lazy_exports(__name__, _LAZY)
