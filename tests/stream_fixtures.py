"""A generated stream of dated Arabic articles: several stories told by several outlets
over a few days, with copies in other spellings, glued words, boilerplate, a denial,
undated items and unrelated news, for replay tests of stories and watched claims."""

from __future__ import annotations

import json
import random
from pathlib import Path

OUTLETS = ["صدى النيل", "الراصد نيوز", "بوابة الواحة", "عربي الآن", "المرصد العربي", "تونس الآن"]
BOILERPLATE = "اقرأ أيضاً: أخبار متعلقة | تابعونا على مواقع التواصل الاجتماعي | جميع الحقوق محفوظة"

#: story -> sentences an outlet picks from (the first is the lead).
STORIES = {
    "ميناء": [
        "أعلنت هيئة الموانئ إغلاق ميناء العقبة مؤقتاً بسبب عاصفة رملية قوية ضربت المنطقة",
        "وقالت الهيئة في بيان إن حركة السفن ستتوقف حتى تتحسن الرؤية في خليج العقبة",
        "وأضاف مدير الميناء أن فرق الطوارئ تتابع أوضاع الأرصفة والحاويات",
        "وتسببت العاصفة في تأخير وصول شحنات القمح المنتظرة إلى الميناء",
    ],
    "انتخابات": [
        "قررت الهيئة المستقلة للانتخابات في تونس تأجيل الانتخابات البلدية إلى الربيع المقبل",
        "وقال رئيس الهيئة إن التأجيل يهدف إلى استكمال تحيين سجلات الناخبين",
        "واعتبرت أحزاب معارضة أن قرار تأجيل الانتخابات البلدية يثير الشكوك",
        "وكانت الهيئة قد حددت موعداً سابقاً للاقتراع في الخريف",
    ],
    "دواء": [
        "سحبت وزارة الصحة المصرية تشغيلة من دواء للضغط من الصيدليات بعد رصد عيوب في التصنيع",
        "وأوضحت الوزارة أن التشغيلة المسحوبة لا تطابق المواصفات وأن البدائل متوفرة",
        "وطالبت هيئة الدواء المرضى بمراجعة الطبيب قبل التوقف عن العلاج",
        "ونفت الشركة المصنعة وجود أي خطر على صحة المرضى",
    ],
}
UNRELATED = [
    "فاز فريق الوداد على الرجاء بهدفين نظيفين في ديربي الدار البيضاء",
    "افتتح معرض الكتاب الدولي أبوابه أمام الزوار بمشاركة مئات دور النشر",
    "توقعت الأرصاد الجوية طقساً معتدلاً مع أمطار متفرقة على المناطق الشمالية",
]
_SPELLING = [("إ", "ا"), ("ة ", "ه "), ("ى ", "ي "), ("أ", "ا")]


def _variant(text: str, rng: random.Random) -> str:
    for a, b in rng.sample(_SPELLING, 2):
        text = text.replace(a, b)
    words = text.split()
    if len(words) > 4:  # a glued pair, as scraped pages have
        i = rng.randrange(len(words) - 1)
        words[i:i + 2] = [words[i] + words[i + 1]]
    return " ".join(words)


def generate(n: int, seed: int = 5, days: int = 4) -> list[dict]:
    """``n`` JSON records (text, title, source, published) in arrival order."""
    rng = random.Random(seed)
    names = list(STORIES)
    records: list[dict] = []
    for i in range(n):
        hour = int(i * days * 24 / max(n, 1))
        published = f"2026-11-{10 + hour // 24:02d}T{hour % 24:02d}:{rng.randrange(60):02d}:00+00:00"
        if rng.random() < 0.15:
            body = [rng.choice(UNRELATED), f"وحضر الحدث نحو {rng.randint(100, 9000)} شخص"]
        else:
            story = STORIES[names[rng.randrange(len(names))]]
            body = [story[0], *rng.sample(story[1:], 2),
                    f"وذكر مراسلنا أن {rng.randint(2, 90)} شخصاً تابعوا التطورات حتى الساعة {rng.randint(1, 12)}"]
            if records and rng.random() < 0.2:  # a copy of an earlier report, respelled
                body = [_variant(s, rng) for s in records[-1]["text"].split("\n")[:3]]
        record = {"text": "\n".join([*body, BOILERPLATE]), "title": body[0][:60],
                  "source": rng.choice(OUTLETS), "published": published, "id": f"g{i}"}
        if rng.random() < 0.1:
            del record["published"]  # some items carry no date
        records.append(record)
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    """The records as one JSON Lines file."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path
