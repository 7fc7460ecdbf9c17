"""Evidence passages that share the same specific details are one piece of evidence."""

from __future__ import annotations

from tahqiq.types import ArticleVerdict, Evidence
from tahqiq.verify.details import details, same_details
from tahqiq.verify.units import backing, group_units

CLAIM = "تونس تسجل عجزا في الموازنة هذا العام"
#: Outlet A's passage, and outlet B's rewording of it: the source clause dropped, verbs and
#: nouns swapped, the order changed -- the name, the figures and the rare words kept.
ORIGINAL = ("قالت وزيرة المالية نادية الزواري أمام البرلمان إن عجز الموازنة بلغ ٥٫٢ بالمئة "
            "من الناتج، وإن الدولة ستقترض ١٤ مليار دينار لسده.")
REWORDED = ("ستستدين الدولة ١٤ مليار دينار لتغطية العجز الذي وصل إلى ٥٫٢ بالمئة من الناتج، "
            "بحسب ما أكدته الوزيرة الزواري.")
OTHER = ("أعلن المعهد الوطني للإحصاء أن نسبة النمو تراجعت إلى ٠٫٨ بالمئة في الربع الثالث، "
         "وأرجع الخبير رضا الشكندالي ذلك إلى ضعف الاستثمار.")


def _article(doc_id: str, sentence: str, stance: str = "agree") -> ArticleVerdict:
    return ArticleVerdict(doc_id, None, None, None, None, None, stance, 0.8,
                          (Evidence(0, sentence, stance, 0.9, 0),))


def _units(*items: tuple[str, str, str]):
    articles = [_article(d, text, stance) for d, text, stance in items]
    backings = {a.doc_id: backing(text, a, {}, CLAIM) for a, (_, text, _) in zip(articles, items, strict=True)}
    return group_units(articles, backings, [])


def test_a_reworded_passage_with_the_same_details_is_one_unit() -> None:
    numbers, units = _units(("a", ORIGINAL, "agree"), ("b", REWORDED, "agree"), ("c", OTHER, "agree"))
    assert numbers["a"] == numbers["b"] != numbers["c"]
    unit = units[numbers["a"] - 1]
    assert [b.split(":")[0] for b in unit.basis] == ["details"]
    shown = unit.basis_display[0]  # as the article wrote them, never search forms
    assert shown.startswith("details:") and "الزواري" in shown and "١٤" in shown


def test_opposite_stances_with_the_same_details_stay_apart() -> None:
    numbers, _ = _units(("a", ORIGINAL, "agree"), ("b", REWORDED, "disagree"))
    assert numbers["a"] != numbers["b"]


def test_the_claims_own_words_and_common_words_are_not_details() -> None:
    found = details([ORIGINAL], CLAIM)
    written = set(found.values())
    assert {"الزواري", "١٤"} <= written
    assert not written & {"عجز", "الموازنة", "قالت", "البرلمان", "المالية"}


def test_two_shared_details_are_not_enough() -> None:
    assert same_details({"زواري", "14", "x1", "x2"}, {"زواري", "14", "y1"}) == ()
    assert same_details({"زواري", "14", "52"}, {"زواري", "14", "52", "y1"}) == ("14", "52", "زواري")


def test_diacritics_and_tanween_neither_split_a_word_nor_make_it_rare() -> None:
    found = details(["وصفت الوزيرة الزَّواري الوثيقة بأنها مُفبرَكة، ونفت تخفيضاً للدينار."], CLAIM)
    assert set(found.values()) >= {"الزَّواري", "مُفبرَكة"}  # whole words, as written
    assert "تخفيضاً" not in found.values()  # تخفيض with tanween is a common word
