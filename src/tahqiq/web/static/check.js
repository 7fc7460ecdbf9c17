// tahqiq web page: the claim check report (verdict, counts, evidence units,
// tally, articles) and its SVG charts. Loaded after app.js, whose helpers and
// vocabulary it uses; article text enters the page only as text nodes.
"use strict";

// ---- check --------------------------------------------------------------------
async function runCheck(claim, k) {
  const target = $("report");
  const button = $("check-submit");
  button.disabled = true;
  status(target, "جارٍ البحث في المقالات والحكم على كل منها…");
  try {
    const report = await api("/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ claim: claim, k: k }),
    });
    renderReport(target, report);
  } catch (error) {
    showError(target, error);
  } finally {
    button.disabled = false;
  }
}

function renderReport(target, report) {
  clear(target);
  const verdict = report.verdict;
  target.appendChild(el("div", { class: "card verdict " + verdict, id: "verdict", "data-verdict": verdict },
    el("div", { class: "verdict-label" }, VERDICT[verdict] || verdict),
    el("div", {},
      el("div", { class: "meta" }, "الثقة ", iso(pct(report.confidence))),
      el("div", { class: "meter", role: "meter", "aria-valuemin": 0, "aria-valuemax": 1,
                  "aria-valuenow": report.confidence },
        el("span", { style: null }))),
    el("div", { class: "verdict-claim" }, "«", iso(report.claim), "»")));
  target.querySelector(".meter > span").style.width = pct(report.confidence).replace("٪", "%");
  if (report.warnings && report.warnings.length) {
    target.appendChild(el("div", { class: "warnings" }, el("strong", {}, "تنبيهات"),
      el("ul", {}, (report.warnings_ar || report.warnings.map(() => "تنبيه من أداة التحقق.")).map((w) => el("li", {}, w)))));
  }
  target.appendChild(renderCounts(report));
  const articles = report.articles || [];
  if (articles.length) {
    target.appendChild(el("div", { class: "charts" },
      el("div", { class: "card" }, el("h2", {}, "الخط الزمني"), timelineChart(report)),
      el("div", { class: "card" }, el("h2", {}, "من نقل عمّن ومن استند إلى من"), sourceGraph(report))));
    target.appendChild(renderUnits(report));
    const tally = renderTally(report);
    if (tally) target.appendChild(tally);
    target.appendChild(el("h2", {}, "المقالات"));
    for (const article of articles) target.appendChild(renderArticle(article, report));
  }
}

function renderCounts(report) {
  const counts = report.counts || {};
  const independent = report.independent_counts || counts;
  return el("div", { class: "counts", id: "counts" }, ["agree", "disagree", "discuss"].map((stance) =>
    el("div", { class: "count " + stance },
      el("b", {}, iso(counts[stance] || 0)),
      STANCE[stance],
      el("small", { class: "independent" }, "مستقلة: ", iso(independent[stance] || 0)))));
}

function renderUnits(report) {
  const units = (report.evidence_units || []).filter((u) => u.doc_ids.length > 1);
  const box = el("div", { class: "card units" }, el("h2", {}, "الأدلة المستقلة"));
  if (!units.length) {
    box.appendChild(el("p", { class: "meta" }, "كل مقالة هنا دليل مستقل: لا نسخ بينها ولا مصدر مشترك."));
    return box;
  }
  box.appendChild(el("ul", {}, units.map((unit) => el("li", {},
    el("span", { class: "badge " + unit.stance }, STANCE[unit.stance] || unit.stance), " ",
    "وحدة ", iso(unit.unit), " (" + countOf(unit.doc_ids.length, "article") + "): تُحسب دليلاً واحداً — الأصل: ",
    unit.origin_kind === "outlet" ? iso(unit.origin_display || unit.origin) : articleRef(unit.origin, report),
    " (", (unit.basis_display || unit.basis).map(basisText).join("، "), ")"))));
  return box;
}

// The verdict's sums, unit by unit, so a reader can redo them.
function renderTally(report) {
  const tally = report.tally;
  const rows = tally ? tally.units.filter((t) => t.stance === "agree" || t.stance === "disagree") : [];
  if (!rows.length) return null;
  const two = (x) => iso(Number(x).toFixed(2));
  return el("div", { class: "card tally", id: "tally" }, el("h2", {}, "كيف حُسب الحكم"),
    el("table", {},
      el("tr", {}, ["الوحدة", "الموقف", "الثقة", "من وراء الدليل", "الوزن", "تضيف"].map((h) => el("th", {}, h))),
      rows.map((t) => el("tr", {}, el("td", {}, iso(t.unit)), el("td", {}, STANCE[t.stance] || t.stance),
        el("td", {}, two(t.confidence)), el("td", {}, VOICES[t.voice] || t.voice), el("td", {}, iso(t.weight)),
        el("td", {}, t.counted ? two(t.adds) : "لا يُحسب")))),
    el("p", { class: "meta" }, "التأييد ", two(tally.support), "، النفي ", two(tally.refute),
      " (النفي × ", iso(tally.disagree_weight), "). تُحسب كل وحدة مرة واحدة بثقة أقوى مقالاتها إذا بلغت ",
      iso(tally.credible), "، ووزنها وزن من يقف وراء دليلها: ",
      Object.entries(tally.voice_weights || {}).flatMap(([v, w], n) =>
        [n ? "، " : "", (VOICES[v] || v) + " ×", iso(w)]), "."));
}

function basisText(basis) {
  const [kind, ...rest] = basis.split(":");
  if (BASIS[kind]) return BASIS[kind] + (rest.length ? ": " + rest.join(":") : "");
  return basis;
}

function renderArticle(article, report) {
  const unit = (report.evidence_units || []).find((u) => u.unit === article.evidence_unit);
  const card = el("article", { class: "card article " + article.stance, "data-doc": article.doc_id },
    el("div", { class: "article-head" },
      docLink(article.doc_id, article.title || "(بلا عنوان)"),
      el("span", { class: "badge " + article.stance }, (STANCE[article.stance] || article.stance) + " ", iso(pct(article.confidence))),
      unit && unit.doc_ids.length > 1 ? el("span", { class: "badge unit" }, "وحدة ", iso(unit.unit)) : null),
    el("div", { class: "meta" }, separated([article.source, day(article.published)].filter(Boolean).map(iso))),
    provenance(article, unit, report),
    captured(article),
    article.changed_later ? el("div", { class: "meta warn" }, "تنبيه: تغيّر نص هذا المقال بعد قراءته؛ نسخة أحدث قُرئت في ",
      iso(article.changed_later.read_at)) : null);
  for (const evidence of article.evidence || []) {
    card.appendChild(el("blockquote", { class: "evidence" },
      highlight(evidence.context || evidence.sentence, [evidence.sentence], evidence.stance)));
    if (evidence.decisive && evidence.why) {
      card.appendChild(el("div", { class: "meta why" }, "الجملة الحاسمة: " + evidence.why));
    }
  }
  return card;
}

// The archived answer a fetched article was read from: when, and its digest.
function captured(article) {
  const c = article.captured;
  if (!c) return null;
  return el("div", { class: "meta captured" }, "قُرئ في ", iso(c.fetched_at), " (HTTP ", iso(c.status),
    ") · نسخة مؤرشفة sha256 ", iso(String(c.sha256).slice(0, 16)));
}

// Where an article's evidence comes from: the article it copies, the outlet it cites.
function provenance(article, unit, report) {
  const entry = (report.timeline || []).find((t) => t.doc_id === article.doc_id);
  const parts = [];
  if (entry && entry.copy_of) parts.push("منقول عن ", articleRef(entry.copy_of, report), " ");
  if (entry && (entry.marks || []).includes("first_report")) parts.push("أول من نشر الخبر ");
  if (unit && unit.origin_kind === "outlet") parts.push("يستند إلى: ", iso(unit.origin_display || unit.origin));
  return parts.length ? el("div", { class: "meta provenance" }, parts) : null;
}

// The context as text nodes, with each wanted sentence inside a <mark>.
function highlight(context, sentences, stance) {
  const out = [];
  let rest = String(context || "");
  for (const sentence of sentences) {
    const at = sentence ? rest.indexOf(sentence) : -1;
    if (at < 0) continue;
    out.push(rest.slice(0, at), el("mark", { class: stance || "" }, sentence));
    rest = rest.slice(at + sentence.length);
  }
  out.push(rest);
  return out.filter((part) => part !== "");
}

// ---- charts -------------------------------------------------------------------
// The timeline runs right to left, as the page reads: the earliest report on the
// right.  Its width follows the screen, so its text stays at its CSS size on a phone.
function timelineChart(report) {
  const entries = (report.timeline || []).filter((t) => t.date);
  if (!entries.length) return el("p", { class: "meta" }, "لا تواريخ لدى المقالات المتصلة.");
  const byId = Object.fromEntries((report.articles || []).map((a) => [a.doc_id, a]));
  const lanes = ["agree", "disagree", "discuss"];
  const width = Math.round(Math.min(560, Math.max(320, window.innerWidth - 56)));
  const height = 200, start = 62, end = 28, top = 30, laneH = 42;  // "start": the right edge, with the lane names
  const times = entries.map((t) => Date.parse(t.date));
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const x = (t) => (t1 === t0 ? (end + width - start) / 2
                              : width - start - (t - t0) / (t1 - t0) * (width - start - end));
  const y = (stance) => top + laneH * Math.max(0, lanes.indexOf(stance)) + laneH / 2;
  const chart = svg("svg", { class: "chart", id: "timeline-chart", viewBox: `0 0 ${width} ${height}`,
                             role: "img", "aria-label": "الخط الزمني للمقالات بحسب الموقف، من الأقدم يميناً إلى الأحدث يساراً" });
  lanes.forEach((stance) => {
    chart.appendChild(svg("line", { class: "lane", x1: end, x2: width - start, y1: y(stance), y2: y(stance) }));
    chart.appendChild(svg("text", { x: width - 4, y: y(stance) + 4, "text-anchor": "end" }, STANCE[stance]));
  });
  for (const tick of dayTicks(entries, width < 420 ? 3 : 6)) {
    const at = x(Date.parse(tick));
    chart.appendChild(svg("line", { class: "tick", x1: at, x2: at, y1: top, y2: height - 26 }));
    chart.appendChild(svg("text", { class: "day", x: at, y: height - 8, "text-anchor": "middle" }, shortDay(tick)));
  }
  const position = {};
  const seen = {};
  entries.forEach((entry) => {
    const key = entry.date + entry.stance;
    seen[key] = (seen[key] || 0) + 1;
    position[entry.doc_id] = [x(Date.parse(entry.date)) - (seen[key] - 1) * 7, y(entry.stance) + ((seen[key] - 1) % 3 - 1) * 8];
  });
  entries.forEach((entry) => {
    if (entry.copy_of && position[entry.copy_of]) {
      const [x1, y1] = position[entry.copy_of], [x2, y2] = position[entry.doc_id];
      chart.appendChild(svg("path", { class: "edge copy", d: `M${x1},${y1} Q${(x1 + x2) / 2},${Math.min(y1, y2) - 18} ${x2},${y2}` }));
    }
  });
  entries.forEach((entry) => {
    const [cx, cy] = position[entry.doc_id];
    const article = byId[entry.doc_id] || {};
    const marks = (entry.marks || []).map((m) => MARKS[m] || m);
    const label = [article.title || "(بلا عنوان)", article.source, day(entry.date), STANCE[entry.stance], ...marks]
      .filter(Boolean).join(" · ");
    const link = svg("a", { href: "#/doc/" + encodeURIComponent(entry.doc_id), "aria-label": label },
      svg("circle", { class: entry.stance, cx, cy, r: 6, "data-doc": entry.doc_id }, svg("title", {}, label)),
      svg("text", { class: "tip", x: width / 2, y: 15, "text-anchor": "middle" },
        [words(article.title, width < 420 ? 4 : 7), article.source].filter(Boolean).join(" — ") || day(entry.date)));
    chart.appendChild(link);
    if ((entry.marks || []).includes("first_report")) chart.appendChild(svg("circle", { class: "first", cx, cy, r: 10 }));
  });
  return el("div", {}, chart, el("div", { class: "legend" },
    lanes.map((s) => el("span", {}, el("span", { class: "dot " + s }), STANCE[s])),
    el("span", {}, "◯ أول خبر"), el("span", {}, "- - - نسخة من مقالة سابقة"),
    el("span", {}, "الأقدم يميناً")));
}

// At most n day labels, evenly spread over the days the timeline covers.
function dayTicks(entries, n) {
  const days = [...new Set(entries.map((t) => day(t.date)))].sort();
  if (days.length <= n) return days;
  return Array.from({ length: n }, (_, i) => days[Math.round(i * (days.length - 1) / (n - 1))]);
}

function shortDay(value) {
  const [, month, dayOfMonth] = String(value).split("-");
  return Number(dayOfMonth) + "/" + Number(month);
}

function sourceGraph(report) {
  const articles = (report.articles || []).filter((a) => a.stance !== "unrelated");
  const byId = Object.fromEntries(articles.map((a) => [a.doc_id, a]));
  const edges = [];
  for (const entry of report.timeline || []) {
    if (entry.copy_of && byId[entry.copy_of] && byId[entry.doc_id]) edges.push([entry.copy_of, entry.doc_id, "copy"]);
  }
  // Copies whose direction is unknown: the members of a unit merged by reuse,
  // joined to the unit's origin by a line without an arrow.
  const joined = new Set(edges.map(([a, b]) => [a, b].sort().join(" ")));
  for (const unit of report.evidence_units || []) {
    if (unit.origin_kind === "outlet" || !(unit.basis || []).includes("reuse") || !byId[unit.origin]) continue;
    for (const docId of unit.doc_ids) {
      const key = [unit.origin, docId].sort().join(" ");
      if (docId !== unit.origin && byId[docId] && !joined.has(key)) {
        edges.push([unit.origin, docId, "same"]);
        joined.add(key);
      }
    }
  }
  const outlets = [];
  for (const unit of report.evidence_units || []) {
    if (unit.origin_kind !== "outlet") continue;
    const node = "outlet:" + (unit.origin_display || unit.origin);
    if (!outlets.includes(node)) outlets.push(node);
    for (const docId of unit.doc_ids) if (byId[docId]) edges.push([node, docId, "cite"]);
  }
  if (!edges.length) return el("p", { class: "meta", id: "source-graph" }, "لا نسخ ولا مصادر مشتركة بين المقالات المتصلة.");
  const nodes = [...outlets, ...new Set(edges.flatMap((e) => [e[0], e[1]]).filter((n) => !n.startsWith("outlet:")))];
  const size = 320, center = size / 2, radius = size / 2 - 40;
  const place = {};
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    place[node] = [center + radius * Math.cos(angle), center + radius * Math.sin(angle)];
  });
  const chart = svg("svg", { class: "chart", id: "source-graph", viewBox: `0 0 ${size} ${size}`,
                             role: "img", "aria-label": "من نقل عمّن ومن استند إلى أي مصدر" },
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 16, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#5b6670" }))));
  for (const [from, to, kind] of edges) {
    const [x1, y1] = place[from], [x2, y2] = place[to];
    chart.appendChild(svg("line", { class: "edge " + kind, x1, y1, x2, y2,
                                    "marker-end": kind === "same" ? null : "url(#arrow)" }));
  }
  for (const node of nodes) {
    const [cx, cy] = place[node];
    if (node.startsWith("outlet:")) {
      const name = node.slice(7);
      chart.appendChild(svg("g", {}, svg("rect", { class: "outlet", x: cx - 9, y: cy - 9, width: 18, height: 18, rx: 4 }, svg("title", {}, name)),
        svg("text", { x: cx, y: cy + 22, "text-anchor": "middle" }, name)));
    } else {
      const article = byId[node];
      chart.appendChild(svg("a", { href: "#/doc/" + encodeURIComponent(node) },
        svg("circle", { class: article.stance, cx, cy, r: 8 }, svg("title", {}, (article.title || short(node)) + " · " + (article.source || ""))),
        svg("text", { x: cx, y: cy + 20, "text-anchor": "middle" }, article.source || words(article.title, 3) || short(node))));
    }
  }
  return el("div", {}, chart, el("div", { class: "legend" },
    el("span", {}, el("span", { class: "dot outlet" }), "مصدر مستشهد به"),
    el("span", {}, "← نقل أو استشهاد"),
    el("span", {}, "— نسخة لا يُعرف أيّها الأصل")));
}
