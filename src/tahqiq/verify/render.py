"""Reports for people: Markdown and a self-contained right-to-left HTML page.

Article text is always escaped: the HTML page shows it as text, never as markup.
Evidence sentences are highlighted inside the passage they come from.
"""

from __future__ import annotations

import html

from ..core.types import ArticleVerdict, Capture, Evidence, Report
from .vocabulary import warning_text, word

#: What an evidence sentence does to the claim, and the operators that govern it, in Arabic.
RELATION_AR = {"entails": "تؤكد مضمون الادعاء", "contradicts": "تناقض الادعاء",
               "neutral": "تتناوله دون أن تحسمه", "unaddressed": "لا تتناول حدث الادعاء"}
OPERATOR_AR = {"deny": "نفي", "false_report": "تكذيب", "negation": "أداة نفي", "cancel": "إلغاء أو تأجيل",
               "no_decision": "لا قرار", "status_quo": "بقاء الحال", "hedge": "تحفظ", "modal": "احتمال",
               "rumour": "تداول غير مؤكد", "question": "تساؤل", "attribution": "إسناد", "confirm": "تأكيد"}


def _shorten(text: str, most: int) -> str:
    """``text`` cut to at most ``most`` characters at a word boundary, with an ellipsis."""
    if len(text) <= most:
        return text
    cut = text.rfind(" ", 0, most)
    return (text[:cut] if cut > 0 else text[:most]) + "…"


def _verdict(verdict: str) -> str:
    return word("verdicts", verdict)


def _stance(stance: str) -> str:
    return word("stances", stance)


def why(evidence: Evidence) -> str:
    """Why a deciding sentence decided, in Arabic: its relation, the governing
    operators with their cues as written, a clashing number, and the claim words it carries."""
    if not evidence.relation:
        return ""
    reasons = evidence.reasons or {}
    parts = [RELATION_AR.get(evidence.relation, evidence.relation)]
    ops = [f"{OPERATOR_AR.get(o['kind'], o['kind'])} «{o['cue']}»" for o in reasons.get("operators", [])
           if o["kind"] not in ("attribution", "confirm")]
    if reasons.get("denies_reports"):
        ops.append(f"تكذيب ما تداولته التقارير «{reasons['denies_reports']}»")
    if ops:
        parts.append("، ".join(ops))
    if reasons.get("clash") == "number":
        parts.append("رقم مختلف عن رقم الادعاء")
    words = [w for kind in ("event", "place", "time", "number") for w in reasons.get("matched", {}).get(kind, [])]
    if words:
        parts.append("تحمل من الادعاء: " + "، ".join(words[:8]))
    return " — ".join(parts)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text.replace("\n", " "))


def _md_mark(context: str, sentence: str) -> str:
    at = context.find(sentence)
    if at < 0:
        return f"**{_md_escape(sentence)}**"
    return (_md_escape(context[:at]) + f"**{_md_escape(sentence)}**"
            + _md_escape(context[at + len(sentence):]))


def captured_text(capture: Capture) -> str:
    """The archived answer an article was read from, for people: time, status and digest."""
    return (f"قُرئ في {capture.fetched_at} (HTTP {capture.status}) · "
            f"نسخة مؤرشفة sha256 {capture.sha256[:16]} · {capture.warc_file}")


def changed_text(later: tuple[str, str]) -> str:
    """The flag of an article whose page changed after it was read, for people."""
    return (f"تنبيه: تغيّر نص هذا المقال بعد قراءته؛ نسخة أحدث {later[0][:12]} قُرئت في {later[1]} "
            f"(tahqiq revisions {later[0][:12]})")


def to_markdown(report: Report) -> str:
    """The report as Markdown (Arabic labels; evidence in bold inside its passage)."""
    lines = [f"# التحقق من الادعاء: {_md_escape(report.claim)}", "",
             f"**الحكم:** {_verdict(report.verdict)} ({report.verdict}) · "
             f"**الثقة:** {report.confidence:.2f}", "",
             "| يؤيد | ينفي | يناقش |", "|---|---|---|",
             f"| {report.counts['agree']} | {report.counts['disagree']} | {report.counts['discuss']} |", ""]
    lines += [f"> تنبيه: {_md_escape(warning_text(w))}" for w in report.warnings]
    lines += _md_units(report)
    lines += _md_tally(report)
    for i, article in enumerate(report.articles, 1):
        lines += ["", f"## {i}. {_md_escape(article.title or article.doc_id)}", "",
                  f"{_stance(article.stance)} ({article.stance}, {article.confidence:.2f}) · "
                  f"{_md_escape(article.source or '?')} · {article.published or 'بلا تاريخ'} · "
                  f"`{article.doc_id[:12]}`" + _md_unit_tag(article), ""]
        if article.captured:
            lines += [_md_escape(captured_text(article.captured)), ""]
        if article.changed_later:
            lines += [f"> {_md_escape(changed_text(article.changed_later))}", ""]
        for evidence, context in zip(article.evidence, article.evidence_contexts(), strict=True):
            lines.append(f"- [{_stance(evidence.stance)} {evidence.score:.2f}] "
                         f"{_md_mark(context, evidence.sentence)}")
            if evidence.decisive:
                lines.append(f"  - الجملة الحاسمة: {_md_escape(why(evidence))}")
    if report.timeline:
        lines += ["", "## التسلسل الزمني", ""]
        lines += [f"- {t.date}: {_stance(t.stance)} `{t.doc_id[:12]}`{_marks(t)}"
                  for t in report.timeline]
    return "\n".join(lines) + "\n"




def _marks(entry) -> str:
    marks = [word("marks", m) for m in entry.marks]
    if entry.copy_of:
        marks[marks.index(word("marks", "copy"))] += f" عن {entry.copy_of[:12]}"
    return f" — {'، '.join(marks)}" if marks else ""


def _basis(unit) -> str:
    parts = []
    for item in unit.basis_display or unit.basis:
        kind, _, value = item.partition(":")
        parts.append(word("basis", kind) + (f" ({value})" if value else ""))
    return "، ".join(parts)


def _md_unit_tag(article: ArticleVerdict) -> str:
    return f" · وحدة الأدلة {article.evidence_unit}" if article.evidence_unit else ""


def _md_units(report: Report) -> list[str]:
    grouped = [u for u in report.units if len(u.doc_ids) > 1]
    if not report.units:
        return []
    ind = report.independent_counts
    lines = ["", "## الأدلة المستقلة", "",
             f"بعد دمج النسخ والأخبار المنقولة عن مصدر واحد: يؤيد {ind.get('agree', 0)} · "
             f"ينفي {ind.get('disagree', 0)} · يناقش {ind.get('discuss', 0)}", ""]
    for unit in grouped:
        members = "، ".join(f"`{d[:12]}`" for d in unit.doc_ids)
        origin = _md_escape(unit.origin_display or unit.origin) if unit.origin_kind == "outlet" \
            else f"`{unit.origin[:12]}`"
        lines.append(f"- الوحدة {unit.unit} ({_stance(unit.stance)}): {members} — الأصل: "
                     f"{origin} — السبب: {_md_escape(_basis(unit))}")
    return lines


def _tally_lines(report: Report) -> tuple[list[tuple[str, ...]], str]:
    """The verdict's sums for readers: one row per evidence unit that takes a side
    (unit, stance, confidence, weight, what it adds) and the sentence that sums them."""
    tally = report.tally
    if tally is None:
        return [], ""
    rows = [(str(t.unit), _stance(t.stance), f"{t.confidence:.2f}", word("voices", t.voice),
             f"{t.weight:g}", f"{t.adds:.2f}" if t.counted else "لا يُحسب")
            for t in tally.units if t.stance in ("agree", "disagree")]
    summary = (f"التأييد = مجموع ما تضيفه الوحدات المؤيدة = {tally.support:.2f}؛ "
               f"النفي = مجموع ما تضيفه الوحدات النافية × {tally.disagree_weight:g} = {tally.refute:.2f}. "
               f"تُحسب الوحدة مرة واحدة بثقة أقوى مقالاتها إذا بلغت {tally.credible:g}، "
               f"ووزنها وزن من يقف وراء دليلها: {voice_weights_text(tally.voice_weights)}.")
    return rows, summary


def voice_weights_text(weights: tuple[tuple[str, float], ...]) -> str:
    """Voice weights as readers see them (``الجهة المعنية علناً ×1.5، مصدر مسمّى ×1، ...``)."""
    return "، ".join(f"{word('voices', v)} ×{w:g}" for v, w in weights)


def _md_tally(report: Report) -> list[str]:
    rows, summary = _tally_lines(report)
    if not rows:
        return []
    lines = ["", "## كيف حُسب الحكم", "", "| الوحدة | الموقف | الثقة | من وراء الدليل | الوزن | تضيف |",
             "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + ["", summary]


def _html_tally(report: Report) -> list[str]:
    rows, summary = _tally_lines(report)
    if not rows:
        return []
    e = html.escape
    body = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return ["<h2>كيف حُسب الحكم</h2>",
            "<table><tr><th>الوحدة</th><th>الموقف</th><th>الثقة</th><th>من وراء الدليل</th><th>الوزن</th>"
            "<th>تضيف</th></tr>"
            f"{body}</table>", f"<p>{e(summary)}</p>"]


def _html_mark(context: str, sentence: str) -> str:
    at = context.find(sentence)
    if at < 0:
        return f"<mark>{html.escape(sentence)}</mark>"
    return (html.escape(context[:at]) + f"<mark>{html.escape(sentence)}</mark>"
            + html.escape(context[at + len(sentence):]))


_STYLE = """body{font-family:"Noto Naskh Arabic","Amiri",Tahoma,sans-serif;max-width:56rem;margin:2rem auto;
padding:0 1rem;line-height:1.8;color:#1b1b1b}h1{font-size:1.4rem}.verdict{font-size:1.2rem;padding:.5rem 1rem;
border-radius:.4rem;background:#f1f1f1;display:inline-block}.supported{background:#e3f4e1}.refuted{background:#fde2e1}
.contested{background:#fff3d6}article{border-top:1px solid #ddd;padding:.5rem 0}.meta{color:#555;font-size:.9rem}
mark{background:#fff0a8}.agree{color:#1d6b2a}.disagree{color:#a21d1d}.discuss{color:#5b5b5b}
.warn{color:#8a5300}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .8rem}"""


def to_html(report: Report) -> str:
    """The report as one self-contained, right-to-left HTML page (all text escaped)."""
    e = html.escape
    parts = [
        '<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        f"<title>تحقيق: {e(_shorten(report.claim, 80))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>الادعاء: {e(report.claim)}</h1>",
        f'<p class="verdict {e(report.verdict)}">الحكم: {_verdict(report.verdict)} · '
        f"الثقة {report.confidence:.2f}</p>",
        "<table><tr><th>يؤيد</th><th>ينفي</th><th>يناقش</th></tr>"
        f"<tr><td>{report.counts['agree']}</td><td>{report.counts['disagree']}</td>"
        f"<td>{report.counts['discuss']}</td></tr></table>",
    ]
    parts += [f'<p class="warn">تنبيه: {e(warning_text(w))}</p>' for w in report.warnings]
    parts += _html_units(report)
    parts += _html_tally(report)
    for article in report.articles:
        link = (f' · <a href="{e(article.url)}" rel="noopener noreferrer nofollow">الرابط</a>'
                if article.url and article.url.startswith(("http://", "https://")) else "")
        parts.append(f'<article><h2>{e(article.title or article.doc_id)}</h2><p class="meta">'
                     f'<span class="{e(article.stance)}">{_stance(article.stance)}</span> '
                     f"({article.confidence:.2f}) · {e(article.source or '?')} · "
                     f"{e(article.published or 'بلا تاريخ')}{link}{e(_md_unit_tag(article))}</p>"
                     + (f'<p class="meta">{e(captured_text(article.captured))}</p>'
                        if article.captured else "")
                     + (f'<p class="warn">{e(changed_text(article.changed_later))}</p>'
                        if article.changed_later else "") + "<ul>")
        for evidence, context in zip(article.evidence, article.evidence_contexts(), strict=True):
            decisive = (f'<br><small class="why">الجملة الحاسمة: {e(why(evidence))}</small>'
                        if evidence.decisive else "")
            parts.append(f'<li><span class="{e(evidence.stance)}">{_stance(evidence.stance)} '
                         f"{evidence.score:.2f}</span>: {_html_mark(context, evidence.sentence)}{decisive}</li>")
        parts.append("</ul></article>")
    if report.timeline:
        parts.append("<h2>التسلسل الزمني</h2><ol>")
        parts += [f'<li>{e(t.date)}: <span class="{e(t.stance)}">{_stance(t.stance)}</span> '
                  f"<code>{e(t.doc_id[:12])}</code>{e(_marks(t))}</li>" for t in report.timeline]
        parts.append("</ol>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _html_units(report: Report) -> list[str]:
    if not report.units:
        return []
    e = html.escape
    ind = report.independent_counts
    parts = ["<h2>الأدلة المستقلة</h2>",
             f"<p>بعد دمج النسخ والأخبار المنقولة عن مصدر واحد: يؤيد {ind.get('agree', 0)} · "
             f"ينفي {ind.get('disagree', 0)} · يناقش {ind.get('discuss', 0)}</p><ul>"]
    for unit in (u for u in report.units if len(u.doc_ids) > 1):
        members = "، ".join(f"<code>{e(d[:12])}</code>" for d in unit.doc_ids)
        origin = (unit.origin_display or unit.origin) if unit.origin_kind == "outlet" else unit.origin[:12]
        parts.append(f'<li>الوحدة {unit.unit} (<span class="{e(unit.stance)}">'
                     f"{_stance(unit.stance)}</span>): {members} — الأصل: {e(origin)} — "
                     f"السبب: {e(_basis(unit))}</li>")
    parts.append("</ul>")
    return parts


__all__ = ["to_html", "to_markdown"]
