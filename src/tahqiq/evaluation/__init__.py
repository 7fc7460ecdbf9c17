"""tahqiq.evaluation: the harnesses and metrics that measure the library, outside it.

- :mod:`.metrics`: precision / recall / F1, per-class reports (macro-F1,
  confusion), span overlap, recall@k and reciprocal rank;
- :mod:`.stance`: claim-level cross-validation and training runs of the stance
  model, and its scores on ANS, Baly and JSONL pair files (``tahqiq train
  stance``, ``tahqiq eval stance``);
- :mod:`.verdict`: verdicts under claim-level cross-validation
  (``tahqiq eval verdict``), which builds a whole corpus to check claims in;
- :mod:`.retrieval`: the pooled Baly corpus, relevance, recall@k / MRR and the
  audit of missed relevant articles (``bench/retrieval_audit.py``);
- :mod:`.reuse`: reuse recall per level and precision of injected copies, for
  tahqiq and a MinHash baseline (``bench/reuse_bench.py``), and the recall of
  the copies injected into a generated corpus;
- :mod:`.reuse_levels`: the injected levels, edited copies of real articles;
- :mod:`.reuse_corpus`: the generated corpus with copying injected, for the
  reuse speed benchmark (``bench/gen_reuse_corpus.py``);
- :mod:`.attribution`: source extraction scored against the hand-annotated
  attribution gold (``bench/attribution_eval.py``).

The CLI and ``bench/`` call them; no library layer imports them (the layers
contract in ``pyproject.toml`` puts this package beside the CLI).  Labelled
data is read where it lives (``../shared/data``, ``bench/data``), never copied
into the package.
"""
