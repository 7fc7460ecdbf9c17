"""Term weights: how informative a stem is, from wordfreq's Arabic frequencies.

A generic weight (not fitted to any training topic): ``8 - zipf`` of the most
frequent surface word folding to the stem, clipped to [1, 8].  Built once at
training time and saved with the model, so prediction needs no word list.
"""

from __future__ import annotations

from ..text.search import fold_tokens
from .units import _stem

#: Stems rarer than this Zipf value are left out (they get the maximum weight).
MIN_ZIPF = 1.5


def build_weights(min_zipf: float = MIN_ZIPF) -> dict[str, float]:
    """Stem -> weight for every Arabic word wordfreq knows at ``min_zipf`` or more."""
    from wordfreq import get_frequency_dict, zipf_frequency

    best: dict[str, float] = {}
    for word in get_frequency_dict("ar", wordlist="large"):
        tokens = fold_tokens(word)
        if len(tokens) != 1:
            continue
        z = zipf_frequency(word, "ar", wordlist="large")
        if z < min_zipf:
            continue
        s = _stem(tokens[0])
        if z > best.get(s, 0.0):
            best[s] = z
    return {s: round(min(max(8.0 - z, 1.0), 8.0), 2) for s, z in sorted(best.items())}
