"""tahqiq.evaluation: the harnesses that measure the library, outside it.

- :mod:`.stance`: claim-level cross-validation and training runs of the stance
  model, and its scores on ANS, Baly and JSONL pair files (``tahqiq train
  stance``, ``tahqiq eval stance``);
- :mod:`.verdict`: verdicts under claim-level cross-validation
  (``tahqiq eval verdict``), which builds a whole corpus to check claims in.

The CLI and ``bench/`` call them; no library layer imports them (the layers
contract in ``pyproject.toml`` puts this package beside the CLI).
"""
