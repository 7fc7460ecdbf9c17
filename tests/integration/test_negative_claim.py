"""A claim that is itself a negation: the articles that confirm it agree, and the verdict is supported."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import tahqiq

CLAIM = "الأردن لن يرفع أسعار الخبز خلال العام المقبل"
ARTICLES = {
    "a1.txt": ("الحكومة: لا رفع لأسعار الخبز في العام المقبل\n"
               "عمّان - خاص:\n"
               "أكد رئيس الوزراء الأردني، في مؤتمر صحفي اليوم الأحد، أن الحكومة لن ترفع أسعار الخبز "
               "خلال العام المقبل، وأن الدعم المخصص للطحين باق في موازنة الدولة.\n"
               "وأضاف أن الحكومة تدرس بدائل لتخفيف العجز لا تمس السلع الأساسية.\n"),
    "a2.txt": ("وزير الصناعة ينفي نية رفع سعر الخبز\n"
               "نفى وزير الصناعة والتجارة الأردني ما تداولته مواقع التواصل عن رفع أسعار الخبز في الأردن "
               "العام المقبل، مؤكدا أن سعر الرغيف سيبقى على حاله.\n"
               "شارك الخبر على فيسبوك\n"),
    "a3.txt": ("الفيصلي يفوز على الوحدات في الدوري الأردني\n"
               "فاز فريق الفيصلي على ضيفه الوحدات بهدفين مقابل هدف في المباراة التي أقيمت على ستاد عمّان "
               "الدولي مساء السبت ضمن الجولة العاشرة من الدوري الأردني للمحترفين.\n"),
}




def test_a_confirmed_negative_claim_is_supported(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert tahqiq("ingest", str(folder), "--db", db).returncode == 0
    proc = tahqiq("check", CLAIM, "--db", db, "--all", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    stances = {a["title"]: a["stance"] for a in report["articles"]}
    assert stances.get("الحكومة: لا رفع لأسعار الخبز في العام المقبل") == "agree", stances
    assert stances.get("وزير الصناعة ينفي نية رفع سعر الخبز") == "agree", stances
    assert stances.get("الفيصلي يفوز على الوحدات في الدوري الأردني", "unrelated") == "unrelated", stances
    assert report["verdict"] == "supported", report["verdict"]
    decisive = [e for a in report["articles"] for e in a["evidence"] if e["decisive"]]
    assert decisive and all(e["reasons"]["matched"] for e in decisive)
