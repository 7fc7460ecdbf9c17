"""Contrast pairs generated at training time from real labelled sentences.

Baly et al. label whole articles, and their few denying articles (3%) teach
little about *how* a sentence denies.  From each claim and each rationale
sentence of an agreeing article, this module builds short articles in which
the same content is wrapped in an operator whose effect is known:

- attribution ("قالت مصادر مطلعة إن …") keeps it: **agree**;
- denial ("نفى مصدر رسمي أن …", "لا صحة لما تداولته مواقع عن أن …") flips it: **disagree**;
- cancellation and "no decision" ("لم يُتخذ أي قرار بشأن …") flip it: **disagree**;
- a changed number beside the same word contradicts it: **disagree**;
- rumour and question framing leave it open: **discuss**.

The wrapped sentence sits between two other lines of the same article (or
alone, for a claim), so the result reads like an article.  Nothing generated
here is ever saved: pairs are built in memory from the data being trained on,
so cross-validation generates from the training folds only.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from ..text.display import clean_display
from .data import LabelledPair

ATTRIBUTION = ("قالت مصادر مطلعة إن {s}", "ذكرت صحيفة محلية أن {s}", "أفاد مسؤول حكومي بأن {s}",
               "نقلت وكالة أنباء عن مصدر رسمي قوله إن {s}")
DENIAL = ("نفى مصدر رسمي أن يكون {s}", "نفت الحكومة في بيان ما تداولته وسائل إعلام من أن {s}",
          "لا صحة لما تداولته مواقع التواصل عن أن {s}", "كذّب المتحدث الرسمي الأنباء التي تفيد بأن {s}",
          "وصف مسؤول الأنباء عن أن {s} بأنها عارية عن الصحة")
CANCEL = ("أعلنت الجهات المعنية إلغاء ما تقرر بشأن أن {s}",
          "لم يتخذ أي قرار بعد بشأن ما يقال من أن {s}")
RUMOUR = ("تداولت مواقع التواصل أنباء غير مؤكدة تفيد بأن {s}",
          "لم يتسن التأكد من صحة أنباء تفيد بأن {s}",
          "يتردد في الأوساط السياسية أن {s}، دون تأكيد رسمي")
QUESTION = ("هل صحيح أن {s}؟", "يتساءل مراقبون: هل {s}؟")
#: (templates, label) per operator family.
FAMILIES = (("attribution", ATTRIBUTION, "agree"), ("denial", DENIAL, "disagree"),
            ("cancel", CANCEL, "disagree"), ("rumour", RUMOUR, "discuss"),
            ("question", QUESTION, "discuss"))
#: ``capability`` prefix that marks a generated pair.
CONTRAST_PREFIX = "contrast:"
_NUMBER = re.compile(r"\d+")
_TRAIL = re.compile(r"[.!؟?؛…]+\s*$")


def contrast_pairs(pairs: Sequence[LabelledPair], seed: int = 13) -> list[LabelledPair]:
    """Generated pairs from the claims and agree rationales of ``pairs``.

    Every claim yields one pair per operator family (its own words wrapped);
    every agreeing article with rationale lines yields one more per family
    from its first rationale line, set between two other lines of the article.
    Each generated pair keeps its source's claim id, so claim-level folds hold.
    """
    rng = random.Random(seed)
    out: list[LabelledPair] = []
    seen: set[str] = set()
    for pair in pairs:
        if pair.claim_id not in seen:
            seen.add(pair.claim_id)
            out.extend(_wrapped(pair, _core(pair.claim), [], rng))
        if pair.stance != "agree" or not pair.rationale:
            continue
        lines = [clean_display(x) for x in pair.text.split("\n")]
        rationale = [i for i in pair.rationale if 0 <= i < len(lines) and len(lines[i].split()) >= 6]
        if not rationale:
            continue
        core = _core(lines[rationale[0]])
        context = [x for i, x in enumerate(lines) if i not in pair.rationale and len(x.split()) >= 8]
        out.extend(_wrapped(pair, core, context, rng))
    return out


def is_generated(pair: LabelledPair) -> bool:
    """Whether a pair is a contrast pair built at training time."""
    return (pair.capability or "").startswith(CONTRAST_PREFIX)


def outside_fold(generated: Sequence[LabelledPair], folds: Mapping[str, int], fold: int) -> list[int]:
    """Indices of the generated pairs whose source claim is not in ``fold`` (those a
    model tested on ``fold`` may train on)."""
    return [i for i, p in enumerate(generated) if folds.get(p.claim_id) != fold]


def _core(sentence: str) -> str:
    return _TRAIL.sub("", " ".join(sentence.split()))


def _wrapped(pair: LabelledPair, core: str, context: list[str],
             rng: random.Random) -> list[LabelledPair]:
    out = []
    for family, templates, label in FAMILIES:
        text = rng.choice(templates).format(s=core) + "."
        out.append(_pair(pair, family, *_embed(text, context, rng), label))
    changed = _change_number(core, pair.claim, rng)
    if changed:
        out.append(_pair(pair, "number", *_embed(changed + ".", context, rng), "disagree"))
    return out


def _pair(source: LabelledPair, family: str, text: str, line: int, label: str) -> LabelledPair:
    return LabelledPair(source.claim_id, source.claim, text, label, (line,),
                        capability=f"{CONTRAST_PREFIX}{family}")


def _embed(sentence: str, context: list[str], rng: random.Random) -> tuple[str, int]:
    """The sentence between up to two other lines of its article (one line each),
    and the line it is on."""
    if not context:
        return sentence, 0
    before, after = rng.sample(context, 2) if len(context) >= 2 else (context[0], "")
    return "\n".join(x for x in (before, sentence, after) if x), 1


def _change_number(sentence: str, claim: str, rng: random.Random) -> str | None:
    """The sentence with one number the claim also states replaced by another value."""
    claim_numbers = set(_NUMBER.findall(claim))
    shared = [m for m in _NUMBER.finditer(sentence) if m.group() in claim_numbers]
    if not shared:
        return None
    m = rng.choice(shared)
    value = int(m.group())
    other = str(value * 2 + rng.randint(1, 9) if value < 1900 or value > 2100 else value + 1)
    return sentence[: m.start()] + other + sentence[m.end() :]
