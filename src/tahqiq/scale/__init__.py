"""tahqiq.scale: the same batch work on a Dask cluster (the ``dask`` extra).

Nothing here computes anything of its own.  :func:`connect` returns a
:class:`DaskMapper`, and a :class:`~tahqiq.corpus.Corpus` given that mapper
sends its pure batch functions to the cluster instead of running them in
this process:

- parsing and cleaning input files, one task per file or per 16 MB block of
  a large JSON Lines file (:func:`tahqiq.pipeline.parse_unit`);
- reuse signatures and alignment of candidate pairs
  (:func:`tahqiq.sources.batch.sketch_rows`, the chunks of
  :func:`tahqiq.sources.batch.link_pairs`); candidate lookups stay beside the
  LSH table in this process;
- stance judgements for batches of claims (:func:`tahqiq.verify.batch.judge_chunk`).

This process remains the single writer: it commits results to the store
and the indexes in input order, so a cluster gives the same documents,
links and stances as one process.  Dask reruns the tasks of a worker that
dies; each task's result is taken once.

>>> from tahqiq.scale import connect                       # doctest: +SKIP
>>> with connect("local:2") as mapper, Corpus(db, mapper=mapper) as corpus:
...     corpus.ingest(["dump.jsonl"])
"""

from __future__ import annotations

from .cluster import connect, parse_scheduler
from .mapper import DaskMapper

__all__ = ["DaskMapper", "connect", "parse_scheduler"]
