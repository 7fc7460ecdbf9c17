// tahqiq web page. Article text only ever enters the page as text nodes
// (textContent, createTextNode) and charts as SVG elements: nothing from the
// server is parsed as markup. Nothing is loaded from another host.
//
// The page is three classic scripts, loaded in order with "defer" by index.html
// and sharing one global scope (no build step, no modules):
//   app.js   - vocabulary, DOM helpers, API, router, search, document, upload, wiring
//   check.js - the claim check report and its charts
//   news.js  - the stories and watched-claims views
// start() runs on DOMContentLoaded, after all three have run.
"use strict";

// Reader words from the server's one vocabulary table (/vocabulary), shared with the
// CLI and the Markdown and HTML reports; these are only the fallback until it loads.
let STANCE = { agree: "يؤيد", disagree: "ينفي", discuss: "يناقش", unrelated: "غير متصل" };
let VERDICT = { supported: "مدعوم", refuted: "مدحوض", contested: "متنازع عليه", unverified: "غير متحقق منه" };
let MARKS = { first_report: "أول خبر", copy: "نسخة", denial: "نفي" };
let BASIS = { reuse: "نص منقول", outlet: "المصدر نفسه", speaker: "المتحدث نفسه", details: "التفاصيل نفسها" };
let VOICES = { party: "الجهة المعنية علناً", named: "مصدر مسمّى", outlet: "وسيلة إعلام مذكورة",
  unattributed: "دون نسبة إلى مصدر", anonymous: "مصادر مجهولة", opinion: "مقال رأي" };
const STATUS = { added: "أضيفت", duplicate: "موجودة من قبل", updated: "حُدّثت" };

async function loadVocabulary() {
  try {
    const words = await api("/vocabulary");
    ({ stances: STANCE, verdicts: VERDICT, marks: MARKS, basis: BASIS, voices: VOICES } = words);
  } catch (_) { /* keep the fallback words */ }
}
const SVG_NS = "http://www.w3.org/2000/svg";
// A counted noun in Arabic agrees with its number: 1 مقالة واحدة, 2 مقالتان,
// 3-10 مقالات (plural), 11-99 and 100+ مقالة (singular), by the last two digits.
const NOUNS = {
  article: { zero: "لا مقالات", one: "مقالة واحدة", two: "مقالتان", few: "مقالات", many: "مقالة" },
  copy: { zero: "لا نسخ", one: "نسخة واحدة", two: "نسختان", few: "نسخ", many: "نسخة" },
  story: { zero: "لا قصص", one: "قصة واحدة", two: "قصتان", few: "قصص", many: "قصة" },
};

function countOf(n, noun) {
  const forms = NOUNS[noun];
  if (n === 0) return forms.zero;
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const rest = n % 100;
  return n + " " + (rest >= 3 && rest <= 10 ? forms.few : forms.many);
}

// ---- DOM helpers ------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function $(id) { return document.getElementById(id); }
function short(id) { return String(id || "").slice(0, 8); }
function pct(x) { return Math.round((Number(x) || 0) * 100) + "٪"; }
function words(text, n) {
  const all = String(text || "").split(/\s+/).filter(Boolean);
  return all.length > n ? all.slice(0, n).join(" ") + "…" : all.join(" ");
}

function day(value) { return value ? String(value).slice(0, 10) : ""; }

// Ids, numbers, dates and Latin names inside a right-to-left line keep their own
// order when isolated: <bdi> lets the browser find each one's direction alone.
function iso(value) { return el("bdi", {}, String(value)); }
function separated(parts) { return parts.flatMap((part, i) => (i ? [" · ", part] : [part])); }

// Outlet, date and score of a search hit; dates and numbers isolated in <bdi>
// so they keep their own order inside the right-to-left line.
function hitMeta(hit) {
  const parts = [];
  if (hit.source) parts.push(el("bdi", { class: "outlet" }, hit.source));
  parts.push(hit.published ? el("bdi", { class: "date" }, day(hit.published))
                           : el("span", { class: "date" }, "تاريخ غير معروف"));
  parts.push(el("span", {}, "درجة المطابقة ", iso(hit.score)));
  return separated(parts);
}

function docLink(docId, label) {
  return el("a", { href: "#/doc/" + encodeURIComponent(docId) }, label || iso(short(docId)));
}

// ---- API ----------------------------------------------------------------------
async function api(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (_) {
    throw new Error("تعذّر الاتصال بالخادم.");
  }
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) throw new Error(problemText(response.status, body || {}));
  return body;
}

// An API problem in Arabic: the API's "detail" is an English machine field and
// never reaches the page.
function problemText(status, body) {
  const detail = String(body.detail || "");
  if (status === 401) return /not valid/.test(detail) ? "رمز الدخول غير صحيح." : "هذه العملية تحتاج رمز دخول.";
  if (status === 403) return "رُفض الطلب: لا تُقبل الكتابة من صفحة موقع آخر.";
  if (status === 404 && /no story/.test(detail)) return "لا توجد قصة بهذا الرقم.";
  if (status === 404 && /no watched claim/.test(detail)) return "لا يوجد ادعاء متابَع بهذا الرقم.";
  if (status === 404) return "لا توجد مقالة بهذا المعرّف.";
  if (status === 413) return "الملف أو الطلب أكبر من الحد المسموح.";
  if (status === 415) return "نوع المحتوى غير مدعوم.";
  if (status === 422 && body.failed) {
    return "لم يُحفظ شيء: " + body.failed.map((f) => failureText(f.error)).join("، ") + ".";
  }
  if (status === 422 && /too short/.test(detail)) return "المعرّف قصير: اكتب ستة أحرف منه على الأقل.";
  if (status === 422 && /searchable words/.test(detail)) return "لا كلمات يُبحث بها في النص المكتوب.";
  if (status === 422 && /claim is empty/.test(detail)) return "الادعاء فارغ: اكتب الادعاء المراد متابعته.";
  if (status === 422 && /watched claim is at most/.test(detail)) return "الادعاء أطول من ألف حرف: اكتب عبارته الأساسية.";
  if (status === 422 && /since must be|at must be/.test(detail)) return "الوقت المكتوب غير صالح.";
  if (status === 400 || status === 422) return "الطلب غير صالح.";
  if (status === 501) return "هذه الميزة غير مثبتة على الخادم.";
  if (status === 503) return "قاعدة البيانات غير متاحة الآن، أعد المحاولة بعد قليل.";
  return "خطأ في الخادم (" + status + ").";
}

// Why a file or record could not be read, in Arabic.
function failureText(error) {
  const text = String(error || "");
  const known = [[/binary/, "ملف ثنائي وليس نصًا"], [/over the limit|too large/, "أكبر من الحد المسموح"],
                 [/invalid JSON|record/, "بنية غير صالحة"], [/no text|empty|no article/, "لا نص فيه"],
                 [/decode|encoding/, "ترميز غير مقروء"], [/unsupported|not a supported/, "نوع ملف غير مدعوم"]];
  for (const [pattern, words] of known) if (pattern.test(text)) return words;
  return "تعذّرت قراءته";
}

function showError(target, error) {
  clear(target).appendChild(el("div", { class: "error", role: "alert" }, error.message));
}

function status(target, text) {
  clear(target).appendChild(el("p", { class: "status" }, text));
}

// ---- router -------------------------------------------------------------------
function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/");
  const view = ["check", "search", "doc", "upload", "stories", "story", "claims", "claim"].includes(parts[0])
    ? parts[0] : "check";
  const tab = { story: "stories", claim: "claims" }[view] || view;
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== "view-" + view;
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("active", link.dataset.view === tab);
  }
  if (view === "check" && params.get("claim")) {
    $("claim").value = params.get("claim");
    if (params.get("k")) $("k").value = params.get("k");
    runCheck(params.get("claim"), Number(params.get("k") || 20));
  } else if (view === "search" && params.get("q")) {
    $("q").value = params.get("q");
    runSearch(params.get("q"));
  } else if (view === "doc" && parts[1]) {
    showDocument(decodeURIComponent(parts.slice(1).join("/")));
  } else if (view === "stories") {
    showStories(params);
  } else if (view === "story" && parts[1]) {
    showStory(decodeURIComponent(parts[1]));
  } else if (view === "claims") {
    showClaims();
  } else if (view === "claim" && parts[1]) {
    showClaimHistory(decodeURIComponent(parts[1]));
  }
}

// ---- search -------------------------------------------------------------------
async function runSearch(query) {
  const target = $("results");
  status(target, "جارٍ البحث…");
  try {
    const data = await api("/search?" + new URLSearchParams({ q: query, k: 20 }));
    clear(target);
    if (!data.results.length) target.appendChild(el("p", { class: "status" }, "لا نتائج."));
    for (const hit of data.results) {
      target.appendChild(el("div", { class: "card hit" },
        docLink(hit.doc_id, hit.title || "(بلا عنوان)"),
        el("div", { class: "meta" }, hitMeta(hit)),
        el("p", {}, hit.snippet || "")));
    }
  } catch (error) {
    showError(target, error);
  }
}

// ---- document -----------------------------------------------------------------
async function showDocument(docId) {
  const target = $("doc");
  status(target, "جارٍ التحميل…");
  try {
    const [doc, sources] = await Promise.all([
      api("/documents/" + encodeURIComponent(docId)),
      api("/documents/" + encodeURIComponent(docId) + "/sources").catch(() => null),
    ]);
    clear(target);
    target.appendChild(el("article", { class: "card" },
      el("h2", { id: "doc-title" }, doc.title || "(بلا عنوان)"),
      el("dl", { class: "fields" },
        el("dt", {}, "المصدر"), el("dd", {}, iso(doc.source || "—")),
        el("dt", {}, "التاريخ"), el("dd", {}, iso(doc.published || "—")),
        el("dt", {}, "الرابط"), el("dd", { dir: "ltr" }, doc.url || "—"),
        el("dt", {}, "المعرّف"), el("dd", { dir: "ltr" }, doc.doc_id)),
      el("div", { class: "doc-text", id: "doc-text" }, spansText(doc.text, doc.links || []))));
    target.appendChild(renderLinks(doc.links || []));
    if (sources) target.appendChild(renderSources(sources));
  } catch (error) {
    showError(target, error);
  }
}

// The document's text with the passages it shares with other articles marked.
function spansText(text, links) {
  const spans = links.flatMap((link) => link.spans_a).sort((p, q) => p[0] - q[0]);
  const out = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    out.push(text.slice(at, start), el("mark", { title: "مقطع مشترك مع مقالة أخرى" }, text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return out.filter((part) => part !== "");
}

function renderLinks(links) {
  const box = el("div", { class: "card links" }, el("h2", {}, "مقاطع مشتركة مع مقالات أخرى"));
  if (!links.length) { box.appendChild(el("p", { class: "meta" }, "لا نسخ معروفة.")); return box; }
  box.appendChild(el("ul", {}, links.map((link) => el("li", {},
    link.direction === "a->b" ? "نُقل عنها إلى " : link.direction === "b->a" ? "منقولة عن " : "تشترك مع ",
    otherDoc(link), " — ", iso(pct(link.shared_fraction)), " من النص",
    el("div", { class: "meta" }, directionText(link))))));
  return box;
}

// An article by its title, outlet and date (its id only when nothing more is known).
function docRef(docId, doc) {
  if (!doc) return docLink(docId);
  const meta = [doc.source, doc.published ? day(doc.published) : null].filter(Boolean);
  return el("span", {}, docLink(docId, doc.title || "(بلا عنوان)"),
    meta.length ? el("span", { class: "meta" }, " (", separated(meta.map(iso)), ")") : null);
}

function articleRef(docId, report) {
  return docRef(docId, (report.articles || []).find((a) => a.doc_id === docId));
}

// The other side of a copy (the API adds "other" to a document's links).
function otherDoc(link) {
  return docRef(link.other ? link.other.doc_id : link.b, link.other);
}

// Why a copy runs one way, in words (the API's English "reason" stays a machine field).
function directionText(link) {
  if (link.direction_basis === "date") return "الاتجاه بحسب تاريخ النشر: الأقدم هو الأصل.";
  if (link.direction_basis === "citation") return "الاتجاه بحسب الإسناد: إحداهما تنسب الخبر إلى الأخرى.";
  return "لا يُعرف أيّهما الأصل.";
}

function renderSources(sources) {
  const box = el("div", { class: "card sources" }, el("h2", {}, "من قال ماذا"));
  const said = sources.attributions || [];
  const cited = sources.cited_outlets || [];
  if (!said.length && !cited.length) box.appendChild(el("p", { class: "meta" }, "لا أقوال منسوبة ولا مصادر مستشهد بها."));
  if (cited.length) {
    box.appendChild(el("h3", {}, "المصادر المستشهد بها"));
    box.appendChild(el("ul", {}, cited.map((c) => { const shown = c.display || c.canonical || c.name;
      return el("li", {}, iso(shown), shown !== c.name ? [" (كما كُتب: «", iso(c.name), "»)"] : ""); })));
  }
  if (said.length) {
    box.appendChild(el("h3", {}, "الأقوال"));
    box.appendChild(el("ul", {}, said.map((a) => el("li", {},
      el("strong", {}, iso(a.speaker || "(غير مسمى)")), " " + (a.cue || "") + ": ", a.content || ""))));
  }
  return box;
}

// ---- upload -------------------------------------------------------------------
async function runUpload(files, token) {
  const target = $("upload-results");
  clear(target);
  const headers = token ? { Authorization: "Bearer " + token } : {};
  for (const file of files) {
    const line = el("div", { class: "card" }, file.name + ": …");
    target.appendChild(line);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const report = await api("/documents", { method: "POST", body: form, headers });
      clear(line);
      append(line, [iso(file.name), ": أضيف ", iso(report.added), "، مكرر ", iso(report.duplicates), "، تعذّر ", iso(report.failed.length),
        el("ul", {}, report.documents.map((d) => el("li", {}, docLink(d.doc_id), " " + (STATUS[d.status] || d.status)))),
        report.failed.length ? el("ul", {}, report.failed.map((f) => el("li", { class: "error" }, failureText(f.error)))) : null]);
    } catch (error) {
      clear(line).appendChild(el("div", { class: "error" }, el("bdi", {}, file.name), ": " + error.message));
    }
  }
  loadStats();
}

async function loadStats() {
  try {
    const stats = await api("/stats");
    $("store-info").textContent = countOf(stats.documents, "article") + " · " + countOf(stats.reuse_links, "copy");
  } catch (_) {
    $("store-info").textContent = "";
  }
}

// ---- wiring -------------------------------------------------------------------
function start() {
  $("check-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const claim = $("claim").value.trim();
    if (!claim) return;
    const target = "#/check?" + new URLSearchParams({ claim, k: $("k").value });
    if (location.hash === target) route(); else location.hash = target;
  });
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const target = "#/search?" + new URLSearchParams({ q: $("q").value.trim() });
    if (location.hash === target) route(); else location.hash = target;
  });
  $("upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    if (token) sessionStorage.setItem("tahqiq-token", token);
    runUpload(Array.from($("files").files), token);
  });
  $("stories-since").addEventListener("change", filterStories);
  $("stories-multi").addEventListener("change", filterStories);
  $("stories-form").addEventListener("submit", (event) => { event.preventDefault(); filterStories(); });
  $("watch-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const claim = $("watch-claim").value.trim();
    const given = $("watch-token").value.trim();
    if (given) sessionStorage.setItem("tahqiq-token", given);
    if (claim) watchClaim(claim);
  });
  $("changes-form").addEventListener("submit", (event) => { event.preventDefault(); loadChanges(); });
  $("token").value = sessionStorage.getItem("tahqiq-token") || "";
  $("watch-token").value = $("token").value;
  window.addEventListener("hashchange", route);
  loadVocabulary().then(route);
  loadStats();
}

document.addEventListener("DOMContentLoaded", start);
