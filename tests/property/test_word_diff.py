"""Word diffs: nothing is lost, and unchanged texts show no change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tahqiq.text.diff import changed, word_diff

WORDS = st.lists(st.sampled_from(["قال", "الوزير", "إن", "الأسعار", "ستبقى", "ثابتة", "نفى", "25", "فلساً"]),
                 max_size=40)


@given(WORDS, WORDS)
def test_the_new_text_is_the_kept_and_added_words(old: list[str], new: list[str]) -> None:
    parts = word_diff(" ".join(old), " ".join(new), context=10_000)
    assert " ".join(p.text for p in parts if p.op != "removed").split() == new
    assert " ".join(p.text for p in parts if p.op != "added").split() == old
    assert changed(parts) == (old != new)


def test_long_unchanged_runs_are_shortened_around_a_change() -> None:
    same = " ".join(f"كلمة{i}" for i in range(30))
    parts = word_diff(same + " رفع السعر", same + " ثبّت السعر", context=3)
    assert parts[0].op == "same" and parts[0].text.startswith("…") and parts[0].text.endswith("كلمة29")
    assert [p.op for p in parts] == ["same", "removed", "added", "same"]
