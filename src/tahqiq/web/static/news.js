// tahqiq web page: the stories and watched-claims views. Loaded after app.js,
// whose helpers and vocabulary it uses; article text enters the page only as
// text nodes.
"use strict";

// ---- stories ------------------------------------------------------------------
const STORY_PAGE = 20;

// A date, or a date and time to the minute, as written (the outlet's own clock).
function when(value) { return String(value || "").slice(0, 16).replace("T", " ").replace(/Z$/, ""); }

function outletName(source) {
  return source ? el("bdi", { class: "outlet" }, source) : el("span", { class: "outlet" }, "مصدر غير معروف");
}

// The first n outlets, then how many more.
function outletList(outlets, n) {
  const shown = outlets.slice(0, n).map((o) => el("bdi", { class: "outlet" }, o));
  const parts = shown.flatMap((node, i) => (i ? ["، ", node] : [node]));
  if (outlets.length > n) parts.push(" وغيرها: ", iso(outlets.length - n));
  return parts;
}

function storyFacts(story) {
  const first = story.first;
  const facts = [
    el("span", { class: "size" }, "عدد المقالات: ", iso(story.size)),
    el("span", { class: "units" }, "تقارير مستقلة: ", iso(story.units)),
    el("span", { class: "copies" }, "نسخ منقولة: ", iso(story.copies)),
  ];
  if (first) {
    facts.push(el("span", { class: "first" }, "أول خبر: ",
      first.published ? el("bdi", { class: "date" }, when(first.published)) : "بلا تاريخ", " — ", outletName(first.source)));
  }
  if (story.recent) {
    facts.push(el("span", { class: "growth", title: "المقالات المؤرخة في الساعات الأخيرة وفي مثلها قبلها" },
      "في الساعات الأخيرة: ", iso(story.recent), "، وقبلها: ", iso(story.before)));
  }
  if (story.undated) facts.push(el("span", {}, "بلا تاريخ: ", iso(story.undated)));
  return el("div", { class: "story-facts" },
    el("div", { class: "meta" }, separated(facts)),
    story.outlets.length
      ? el("div", { class: "meta outlets" }, "المصادر (", iso(story.outlets.length), "): ", outletList(story.outlets, 8))
      : null);
}

function breakingBadge(story) {
  return story.breaking ? el("span", { class: "badge breaking", title: "تنمو القصة بسرعة الآن" }, "عاجل") : null;
}

function storyCard(story) {
  return el("div", { class: "card story" + (story.breaking ? " breaking" : ""), "data-story": story.id },
    el("div", { class: "story-head" },
      el("a", { class: "story-title", href: "#/story/" + encodeURIComponent(story.id) }, story.title || "(بلا عنوان)"),
      breakingBadge(story)),
    storyFacts(story));
}

async function showStories(params) {
  const target = $("stories");
  $("stories-since").value = params.get("since") || "";
  $("stories-multi").checked = params.get("min") === "2";
  status(target, "جارٍ تحميل القصص…");
  try {
    const page = await storiesPage(params, 0);
    clear(target);
    target.appendChild(el("p", { class: "meta", id: "stories-info" }, "مجموع القصص: ", iso(page.total),
      page.at ? [" · حتى ", el("bdi", { class: "date" }, day(page.at))] : null));
    if (!page.stories.length) target.appendChild(el("p", { class: "status" }, "لا قصص في هذه المدة."));
    appendStories(target, params, page, 0);
  } catch (error) {
    showError(target, error);
  }
}

function storiesPage(params, offset) {
  const query = new URLSearchParams({ limit: STORY_PAGE, offset });
  if (params.get("since")) query.set("since_hours", params.get("since"));
  if (params.get("min")) query.set("min_size", params.get("min"));
  return api("/stories?" + query);
}

function appendStories(target, params, page, offset) {
  for (const story of page.stories) target.appendChild(storyCard(story));
  if (page.stories.length < STORY_PAGE) return;
  const more = el("button", { type: "button", class: "more" }, "عرض المزيد");
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const next = await storiesPage(params, offset + STORY_PAGE);
      more.remove();
      appendStories(target, params, next, offset + STORY_PAGE);
    } catch (error) {
      more.disabled = false;
      target.appendChild(el("div", { class: "error", role: "alert" }, error.message));
    }
  });
  target.appendChild(more);
}

function filterStories() {
  const query = new URLSearchParams();
  if ($("stories-since").value) query.set("since", $("stories-since").value);
  if ($("stories-multi").checked) query.set("min", "2");
  const target = "#/stories" + (query.toString() ? "?" + query : "");
  if (location.hash === target) route(); else location.hash = target;
}

// The article a copy repeats, by its title and outlet (never by its id).
function copyRef(docId, byId) {
  const original = byId[docId];
  if (!original) return docLink(docId, "مقالة سابقة في القصة");
  return el("span", {}, "«", docLink(docId, original.title || "(بلا عنوان)"), "»",
    original.source ? [" (", outletName(original.source), ")"] : null);
}

async function showStory(storyId) {
  const target = $("story");
  status(target, "جارٍ التحميل…");
  try {
    const story = await api("/stories/" + encodeURIComponent(storyId));
    clear(target);
    const byId = Object.fromEntries(story.articles.map((a) => [a.doc_id, a]));
    target.appendChild(el("p", {}, el("a", { href: "#/stories" }, "عودة إلى القصص")));
    target.appendChild(el("div", { class: "card story" + (story.breaking ? " breaking" : ""), "data-story": story.id },
      el("div", { class: "story-head" }, el("h2", { id: "story-title" }, story.title || "(بلا عنوان)"), breakingBadge(story)),
      storyFacts(story)));
    const list = el("ol", { class: "story-timeline", id: "story-timeline" });
    let shownDay = null;
    for (const article of story.articles) {
      const date = article.published ? day(article.published) : "";
      if (date !== shownDay) {
        list.appendChild(el("li", { class: "day" }, date ? el("bdi", { class: "date" }, date) : "بلا تاريخ"));
        shownDay = date;
      }
      const time = article.published && article.published.length > 10 ? when(article.published).slice(11) : "";
      list.appendChild(el("li", { class: "entry" + (article.copy_of ? " copy" : ""), "data-doc": article.doc_id },
        el("div", { class: "entry-head" },
          time ? el("bdi", { class: "time" }, time) : null,
          outletName(article.source),
          el("span", { class: "badge unit" }, "الوحدة ", iso(article.unit))),
        el("div", { class: "entry-title" }, docLink(article.doc_id, article.title || "(بلا عنوان)")),
        article.copy_of ? el("div", { class: "meta copy-of" }, "نسخة من ", copyRef(article.copy_of, byId)) : null));
    }
    target.appendChild(el("div", { class: "card" }, el("h2", {}, "الخط الزمني للقصة"),
      el("p", { class: "meta" }, "المقالات بترتيب تاريخ نشرها، وغير المؤرخة في آخرها. المقالات المنقولة بعضها عن بعض تحمل رقم الوحدة نفسه."),
      list,
      story.truncated ? el("p", { class: "meta" }, "ومقالات أخرى لم تُعرض: ", iso(story.truncated)) : null));
  } catch (error) {
    showError(target, error);
  }
}

// ---- watched claims -----------------------------------------------------------
const DAY_MS = 24 * 3600 * 1000;

function pad2(n) { return String(n).padStart(2, "0"); }

// A moment in this browser's time zone: "YYYY-MM-DDTHH:MM" (a datetime-local value).
function localInput(moment) {
  const d = new Date(moment);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function localTime(value) {
  const moment = Date.parse(value);
  return Number.isNaN(moment) ? String(value || "") : localInput(moment).replace("T", " ");
}

function token() {
  return $("watch-token").value.trim() || $("token").value.trim() || sessionStorage.getItem("tahqiq-token") || "";
}

function authHeaders(extra) {
  const given = token();
  return Object.assign({}, extra || {}, given ? { Authorization: "Bearer " + given } : {});
}

function verdictWord(verdict) {
  return el("strong", { class: "verdict-word " + verdict }, "«" + (VERDICT[verdict] || "غير معروف") + "»");
}

function verdictBadge(verdict, confidence) {
  if (!verdict) return el("span", { class: "badge verdict-badge" }, "لم يُفحص بعد");
  return el("span", { class: "badge verdict-badge " + verdict, "data-verdict": verdict },
    VERDICT[verdict] || "غير معروف", confidence === null || confidence === undefined ? null : [" ", iso(pct(confidence))]);
}

function independentCounts(counts) {
  const parts = ["agree", "disagree", "discuss"].map((stance) => el("span", {}, STANCE[stance], " ", iso((counts || {})[stance] || 0)));
  return ["التقارير المستقلة: ", separated(parts)];
}

// One event of a watched claim, in words.
function eventText(event) {
  if (event.kind === "first_verdict") {
    return ["الحكم الأول: ", verdictWord(event.verdict), " (الثقة ", iso(pct(event.confidence)), ") — ",
      independentCounts(event.independent_counts)];
  }
  if (event.kind === "verdict_changed") {
    return ["تغيّر الحكم من ", verdictWord(event.from), " إلى ", verdictWord(event.to),
      " (الثقة ", iso(pct(event.confidence)), ") — ", independentCounts(event.independent_counts)];
  }
  if (event.kind === "new_unit") {
    const articles = event.articles || [];
    return ["تقرير مستقل جديد (", STANCE[event.stance] || "موقف غير معروف", ")",
      VOICES[event.voice] ? ["، ", VOICES[event.voice]] : null, articles.length ? ": " : "",
      el("ul", { class: "event-articles" }, articles.map((a) => el("li", {},
        docLink(a.doc_id, a.title || "(بلا عنوان)"), " — ", outletName(a.source),
        a.published ? [" · ", el("bdi", { class: "date" }, when(a.published))] : null)))];
  }
  return "تغيير في الادعاء";
}

function eventItem(event, withClaim) {
  return el("li", { class: "event " + event.kind, "data-event": event.id, "data-kind": event.kind },
    el("div", { class: "meta" }, el("bdi", { class: "date" }, localTime(event.at)),
      withClaim ? [" · ", el("a", { href: "#/claim/" + encodeURIComponent(event.claim_id) }, "«", words(event.claim, 14), "»")] : null),
    el("div", { class: "event-text" }, eventText(event)));
}

function claimCard(claim) {
  const remove = el("button", { type: "button", class: "secondary" }, "إلغاء المتابعة");
  remove.addEventListener("click", () => unwatchClaim(claim, remove));
  return el("div", { class: "card watched", "data-claim": claim.id },
    el("div", { class: "story-head" }, verdictBadge(claim.verdict, claim.confidence),
      el("a", { class: "claim-text", href: "#/claim/" + encodeURIComponent(claim.id) }, claim.claim)),
    el("div", { class: "meta" }, separated([
      el("span", {}, "عدد الفحوص: ", iso(claim.checks)),
      el("span", {}, "آخر فحص: ", claim.checked_at ? el("bdi", { class: "date" }, localTime(claim.checked_at)) : "—"),
      el("span", {}, "متابَع منذ: ", el("bdi", { class: "date" }, localTime(claim.added_at)))])),
    el("div", { class: "actions" }, remove));
}

function showClaims() {
  if (!$("changes-since").value) $("changes-since").value = localInput(Date.now() - DAY_MS);
  loadClaims();
  loadChanges();
}

async function loadClaims() {
  const target = $("claims-list");
  status(target, "جارٍ التحميل…");
  try {
    const data = await api("/claims");
    clear(target);
    if (!data.claims.length) target.appendChild(el("p", { class: "status" }, "لا ادعاءات متابَعة بعد: أضف ادعاءً بالنموذج أعلاه."));
    for (const claim of data.claims) target.appendChild(claimCard(claim));
  } catch (error) {
    showError(target, error);
  }
}

// The events of every watched claim since the time chosen (default: a day ago), newest first.
async function loadChanges() {
  const target = $("changes");
  const chosen = $("changes-since").value ? new Date($("changes-since").value) : new Date(Date.now() - DAY_MS);
  if (Number.isNaN(chosen.getTime())) { showError(target, new Error("الوقت المكتوب غير صالح.")); return; }
  status(target, "جارٍ التحميل…");
  try {
    const events = [];
    let after = 0;
    for (let page = 0; page < 10; page += 1) {
      const data = await api("/claims/events?" + new URLSearchParams({ since: chosen.toISOString(), after_id: after }));
      events.push(...data.events);
      if (data.events.length < 1000) break;
      after = data.events[data.events.length - 1].id;
    }
    clear(target);
    const since = el("bdi", { class: "date" }, localTime(chosen.toISOString()));
    if (!events.length) {
      target.appendChild(el("p", { class: "status" }, "لم يتغيّر شيء منذ ", since, "."));
      return;
    }
    target.appendChild(el("p", { class: "meta" }, "عدد التغييرات منذ ", since, ": ", iso(events.length)));
    target.appendChild(el("ol", { class: "events", id: "events" }, events.reverse().map((e) => eventItem(e, true))));
  } catch (error) {
    showError(target, error);
  }
}

async function watchClaim(claim) {
  const target = $("watch-result");
  const button = $("watch-submit");
  button.disabled = true;
  status(target, "جارٍ فحص الادعاء على كل المقالات المخزنة…");
  try {
    const update = await api("/claims", { method: "POST", body: JSON.stringify({ claim }),
                                          headers: authHeaders({ "Content-Type": "application/json" }) });
    clear(target).appendChild(el("div", { class: "card", id: "watch-added" },
      el("div", { class: "story-head" }, "يُتابَع الآن:", verdictBadge(update.verdict || update.claim.verdict,
        update.verdict ? update.confidence : update.claim.confidence)),
      el("a", { class: "claim-text", href: "#/claim/" + encodeURIComponent(update.claim.id) }, "«", update.claim.claim, "»"),
      update.events.length ? el("ol", { class: "events" }, update.events.map((e) => eventItem(e, false))) : null));
    $("watch-claim").value = "";
    loadClaims();
    loadChanges();
  } catch (error) {
    showError(target, error);
  } finally {
    button.disabled = false;
  }
}

// Two clicks: the first asks to confirm (no dialog), the second removes the claim.
async function unwatchClaim(claim, button) {
  if (button.dataset.confirm !== "1") {
    button.dataset.confirm = "1";
    button.textContent = "اضغط مرة أخرى لتأكيد الإلغاء";
    return;
  }
  button.disabled = true;
  try {
    await api("/claims/" + encodeURIComponent(claim.id), { method: "DELETE", headers: authHeaders() });
    loadClaims();
    loadChanges();
  } catch (error) {
    button.disabled = false;
    button.parentNode.appendChild(el("div", { class: "error", role: "alert" }, error.message));
  }
}

async function showClaimHistory(claimId) {
  const target = $("claim-history");
  status(target, "جارٍ التحميل…");
  try {
    const data = await api("/claims/" + encodeURIComponent(claimId));
    const claim = data.claim;
    clear(target);
    target.appendChild(el("p", {}, el("a", { href: "#/claims" }, "عودة إلى الادعاءات المتابَعة")));
    target.appendChild(el("div", { class: "card watched", "data-claim": claim.id },
      el("div", { class: "story-head" }, verdictBadge(claim.verdict, claim.confidence),
        el("h2", { id: "claim-title" }, "«", claim.claim, "»")),
      el("div", { class: "meta" }, separated([
        el("span", {}, "متابَع منذ: ", el("bdi", { class: "date" }, localTime(claim.added_at))),
        el("span", {}, "عدد الفحوص: ", iso(claim.checks)),
        el("a", { href: "#/check?" + new URLSearchParams({ claim: claim.claim, k: 20 }) }, "التقرير الكامل الآن")]))));
    if (data.checks.length) {
      target.appendChild(el("div", { class: "card tally" }, el("h2", {}, "الفحوص"),
        el("table", {},
          el("tr", {}, ["الوقت", "الحكم", "الثقة", "مقالات جديدة فُحصت", "التقارير المستقلة"].map((h) => el("th", {}, h))),
          data.checks.map((c) => el("tr", {},
            el("td", {}, el("bdi", { class: "date" }, localTime(c.at))),
            el("td", {}, VERDICT[c.verdict] || "غير معروف"),
            el("td", {}, iso(pct(c.confidence))),
            el("td", {}, iso(c.new_articles)),
            el("td", {}, separated(["agree", "disagree", "discuss"].map((s) =>
              el("span", {}, STANCE[s], " ", iso(((c.state || {}).independent_counts || {})[s] || 0))))))))));
    }
    target.appendChild(el("div", { class: "card" }, el("h2", {}, "ما تغيّر في كل فحص"),
      data.events.length ? el("ol", { class: "events", id: "claim-events" }, data.events.slice().reverse().map((e) => eventItem(e, false)))
                         : el("p", { class: "meta" }, "لا تغييرات بعد.")));
  } catch (error) {
    showError(target, error);
  }
}
