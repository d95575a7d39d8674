/*
 * <credscore-report>: a story's claims with their sourcing signals, for a CMS sidebar or any page.
 *
 * Dependency-free and build-free: this one file is the widget. Embed it with two lines:
 *
 *   <script src="https://credscore.example/widget/credscore-report.v1.js" defer></script>
 *   <credscore-report selector="article"></credscore-report>
 *
 * Attributes
 *   api       base URL of the credscore service (default: where this script was loaded from)
 *   key       optional API key, sent as the X-API-Key header
 *   text      the article text, scored by POST /v1/analyze
 *   selector  a CSS selector of the page's article element; its text is scored by POST /v1/analyze
 *   claims    a claims JSON ({"claims": [...]}) scored by POST /v1/score
 *   labels    when present, each claim gets a reliable / uncertain / unreliable control that
 *             dispatches a "credscore-label" event (the host page saves it and calls setLabelState)
 *
 * Properties and methods: `report` (get, or set to render a report you already have), `text`,
 * `refresh()`, `setLabelState(claimId, state, message)`, `downloadJson()`.
 * Events (bubbling, composed): "credscore-report" {report, renderMs}, "credscore-error" {status, code,
 * message}, "credscore-label" {claimId, verdict, claim, report}.
 *
 * Everything renders inside a Shadow DOM: no page style leaks in (`:host { all: initial }`) and none
 * leaks out. Labels are colour plus an icon plus words, on the Okabe–Ito colour-blind-safe palette.
 */
(() => {
  "use strict";

  const VERSION = "1";
  const TAG = "credscore-report";
  const TIMEOUT_MS = 20000;
  const SCRIPT = document.currentScript;
  const DEFAULT_API = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, document.baseURI).origin : "";

  /* Okabe–Ito hues; each label also has its own icon and its own words. */
  const LABELS = {
    "well-sourced": { words: "Well-sourced", icon: "\u2713" },
    thin: { words: "Thin", icon: "\u25D0" },
    contested: { words: "Contested", icon: "\u26A0" },
    unsourced: { words: "Unsourced", icon: "?" },
  };
  const VERDICTS = ["reliable", "uncertain", "unreliable"];
  const SIGNALS = [
    ["independence", "Independence", "higher is better: more independent parties back it"],
    ["anonymity", "Anonymity", "higher is worse: more rests on unnamed sources"],
    ["conflict", "Conflict", "higher is worse: other claims contradict it"],
  ];
  const KIND_WORDS = {
    named_person: "named person",
    named_organisation: "named organisation",
    document: "document",
    unnamed_spokesperson: "unnamed spokesperson",
    unnamed_official: "unnamed official",
    unnamed_source: "unnamed source",
  };

  const STYLE = `
:host { all: initial; display: block; contain: content; color: #1a1a1a; background: #fff;
  font: 15px/1.45 system-ui, "DejaVu Sans", "Liberation Sans", sans-serif; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
/* The host can be hit by a page's !important rules; restating what children inherit stops them here. */
.cr, .status, .error { color: #1a1a1a; font: 15px/1.45 system-ui, "DejaVu Sans", "Liberation Sans", sans-serif;
  text-align: left; text-transform: none; text-indent: 0; letter-spacing: normal; word-spacing: normal;
  white-space: normal; visibility: visible; direction: ltr; }
.cr { padding: 12px; }
h2 { font-size: 1.25em; margin: 0 0 4px; }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
p { margin: 4px 0; }
button { font: inherit; cursor: pointer; border: 1px solid #555; background: #f4f4f4; color: #111;
  border-radius: 4px; padding: 2px 8px; }
button:hover { background: #e6e6e6; }
:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.top { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; justify-content: space-between; }
.tools { display: flex; gap: 6px; }
.summary { color: #333; }
.status { padding: 12px; color: #333; }
.error { border: 2px solid #D55E00; border-left-width: 8px; background: #fff3ec; padding: 10px 12px; color: #3b1500; }
.error strong { display: block; }
.error ul { margin: 4px 0 0 18px; padding: 0; }
.hint { color: #4a4a4a; font-size: .92em; }
.badge { display: inline-flex; gap: 4px; align-items: center; font-weight: 600; border-radius: 3px;
  padding: 0 6px; border: 2px solid; white-space: nowrap; }
.badge .icon { font-weight: 700; }
.l-well-sourced { --c: #009E73; --bg: #e3f4ee; --ink: #00442f; }
.l-thin { --c: #E69F00; --bg: #fdf1d8; --ink: #4d3500; }
.l-contested { --c: #D55E00; --bg: #fbe6d9; --ink: #4f2200; }
.l-unsourced { --c: #707070; --bg: #eeeeee; --ink: #222; }
.badge { border-color: var(--c); background: var(--bg); color: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; padding: 0; list-style: none; font-size: .9em; }
.article { border: 1px solid #ccc; border-radius: 4px; padding: 8px 12px; max-height: 28em; overflow: auto;
  white-space: pre-wrap; background: #fcfcfc; }
mark.hl { background: var(--bg); color: inherit; border-bottom: 3px solid var(--c); cursor: pointer; }
mark.hl.active { outline: 3px solid #0072B2; }
.src { text-decoration: underline dotted 2px; text-underline-offset: 3px; font-style: italic; }
.src.anon { text-decoration-style: dashed; }
ol.claims { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
/* Cards below the fold skip layout and paint until scrolled to: a long report renders as fast as a short one. */
.claim { content-visibility: auto; contain-intrinsic-size: auto 170px; }
.claim { border: 1px solid #bbb; border-left: 8px solid var(--c); border-radius: 4px; padding: 8px 10px; background: #fff; }
.claim:focus { outline: 3px solid #0072B2; outline-offset: 1px; }
.head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.cid { font-family: "DejaVu Sans Mono", monospace; color: #444; }
.ctext { margin: 4px 0; }
.sources { font-size: .92em; color: #333; }
.anon-tag { font-weight: 600; color: #5c2600; }
.signals { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; margin: 6px 0; }
.signal { font-size: .9em; }
.bar { height: 8px; background: #e5e5e5; border-radius: 4px; overflow: hidden; border: 1px solid #999; }
.bar span { display: block; height: 100%; background: #0072B2; }
.signal.bad .bar span { background: repeating-linear-gradient(45deg, #D55E00 0 4px, #a84a00 4px 6px); }
.links { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; font-size: .92em; }
.reasons { display: none; margin-top: 6px; padding: 6px 10px; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; }
.claim:hover .reasons, .claim:focus-within .reasons, .claim.open .reasons { display: block; }
.reasons dt { font-weight: 600; }
.reasons dd { margin: 0 0 4px 0; }
.reasons ul { margin: 0; padding-left: 18px; }
fieldset.verdict { border: 1px dashed #999; border-radius: 4px; margin: 6px 0 0; padding: 4px 8px; display: flex;
  gap: 10px; flex-wrap: wrap; align-items: center; }
fieldset.verdict legend { font-size: .9em; padding: 0 4px; }
.saved { font-size: .9em; font-weight: 600; }
.saved.ok { color: #00442f; } .saved.fail { color: #8a2b00; }
.map { width: 100%; height: auto; max-height: 220px; display: block; }
.map .arc { fill: none; stroke: #D55E00; stroke-linecap: round; }
.map .node { fill: #fff; stroke: #333; }
.map .conflicted { fill: #D55E00; }
.map text { font: 10px "DejaVu Sans", sans-serif; fill: #222; }
.conflict-list { margin: 4px 0; padding-left: 18px; }
.conflict-list li { margin-bottom: 4px; }
.source-list { margin: 4px 0; padding-left: 18px; font-size: .92em; }
footer { margin-top: 12px; font-size: .85em; color: #555; }
@media (max-width: 560px) { .signals { grid-template-columns: 1fr; } }
@media print {
  :host { color: #000; background: #fff; }
  .tools, fieldset.verdict, .why { display: none !important; }
  .reasons { display: block !important; background: none; border: 0; padding: 0 0 0 8px; }
  .article { max-height: none; overflow: visible; border: 0; }
  .claim { break-inside: avoid; page-break-inside: avoid; content-visibility: visible; }
  mark.hl { background: none; border-bottom: 2px solid #000; }
}`;

  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const esc = (value) => String(value == null ? "" : value).replace(/[&<>"']/g, (c) => ESC[c]);
  const num = (value) => (typeof value === "number" && isFinite(value) ? value : 0);
  const fixed = (value) => num(value).toFixed(2);
  const labelOf = (claim) => (claim.credibility && LABELS[claim.credibility.label] ? claim.credibility.label : "unsourced");
  const domId = (prefix, id) => prefix + "-" + String(id).replace(/[^A-Za-z0-9_-]/g, "_");

  /** A readable error for a failed call: the service's own message when it sent one. */
  class ReportError extends Error {
    constructor(message, status, code, fields) {
      super(message);
      this.status = status || 0;
      this.code = code || "error";
      this.fields = fields || null;
    }
  }

  /** Field errors as [path, message] pairs: {"claims": {"0": {"text": ["must not be blank"]}}} → claims[0].text. */
  function flatten(errors, path) {
    if (typeof errors === "string") return [[path, errors]];
    if (Array.isArray(errors) && errors.every((e) => typeof e === "string")) return [[path, errors.join(" ")]];
    if (!errors || typeof errors !== "object") return [[path, String(errors)]];
    return Object.entries(errors).flatMap(([key, value]) => flatten(value, childPath(path, key)));
  }

  function childPath(path, key) {
    if (key === "_schema") return path;
    if (/^\d+$/.test(key)) return `${path}[${key}]`;
    return path ? `${path}.${key}` : key;
  }

  /** The report inside whatever the service wrapped it in (a bare report, {report}, or a batch's first item). */
  function unwrap(data) {
    if (data && Array.isArray(data.claims)) return data;
    if (data && data.report && Array.isArray(data.report.claims)) return data.report;
    const items = data && (data.results || data.items || data.stories);
    if (Array.isArray(items) && items.length) {
      const first = items[0];
      if (first && first.error) {
        const e = first.error;
        throw new ReportError(e.message || "The service could not score this story.", e.status, e.code, e.errors);
      }
      return unwrap(first.report || first.result || first);
    }
    throw new ReportError("The service answered, but not with a report this widget can read.", 0, "bad_response");
  }

  /** Split text into runs at every claim and source span boundary, so overlapping spans still nest cleanly. */
  function highlight(text, report) {
    const spans = [];
    for (const c of report.claims) {
      if (c.span) spans.push({ start: c.span.start, end: c.span.end, claim: c });
    }
    for (const s of report.sources || []) {
      if (s.span) spans.push({ start: s.span.start, end: s.span.end, source: s });
    }
    const cuts = new Set([0, text.length]);
    for (const s of spans) {
      s.start = Math.max(0, Math.min(text.length, num(s.start)));
      s.end = Math.max(s.start, Math.min(text.length, num(s.end)));
      cuts.add(s.start);
      cuts.add(s.end);
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    spans.sort((a, b) => a.start - b.start);
    const out = [];
    let open = [];
    let next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i];
      const to = points[i + 1];
      open = open.filter((s) => s.end > from);
      while (next < spans.length && spans[next].start <= from) {
        if (spans[next].end > from) open.push(spans[next]);
        next++;
      }
      let html = esc(text.slice(from, to));
      const source = open.find((s) => s.source);
      const claim = open.find((s) => s.claim);
      if (source) {
        const s = source.source;
        const kind = KIND_WORDS[s.kind] || s.kind || "source";
        html = `<span class="src${s.anonymous ? " anon" : ""}" data-source="${esc(s.id)}" title="${esc(s.id)}: ${esc(kind)}">${html}</span>`;
      }
      if (claim) {
        const c = claim.claim;
        const label = labelOf(c);
        html = `<mark class="hl l-${label}" data-claim="${esc(c.id)}" title="${esc(c.id)}: ${esc(LABELS[label].words)}">${html}</mark>`;
      }
      out.push(html);
    }
    return out.join("");
  }

  function badge(label, score) {
    const l = LABELS[label] || LABELS.unsourced;
    const value = score == null ? "" : ` ${fixed(score)}`;
    return `<span class="badge l-${label}"><span class="icon" aria-hidden="true">${l.icon}</span>${esc(l.words)}${value}</span>`;
  }

  function reasonList(reasons) {
    const items = (reasons || []).map((r) => `<li>${esc(r)}</li>`).join("");
    return items ? `<ul>${items}</ul>` : "<p>No reasons given.</p>";
  }

  /** An arc diagram: claims along a line, one arc per conflict, thicker when stronger. */
  function conflictMap(report) {
    const claims = report.claims;
    const conflicts = report.conflicts || [];
    const step = 26;
    const width = Math.max(step * (claims.length + 1), 120);
    const maxGap = conflicts.reduce((m, c) => Math.max(m, Math.abs(index(c.claims[1]) - index(c.claims[0]))), 1);
    const height = Math.min(40 + (maxGap * step) / 2, 200) + 30;
    const base = height - 24;
    function index(id) {
      return claims.findIndex((c) => c.id === id);
    }
    const conflicted = new Set(conflicts.flatMap((c) => c.claims));
    const arcs = conflicts
      .map((c) => {
        const a = index(c.claims[0]);
        const b = index(c.claims[1]);
        if (a < 0 || b < 0) return "";
        const x1 = step * (Math.min(a, b) + 1);
        const x2 = step * (Math.max(a, b) + 1);
        const r = (x2 - x1) / 2;
        const ry = Math.min(r, base - 8);
        const w = (1 + 3 * num(c.score)).toFixed(1);
        return `<path class="arc" d="M${x1} ${base} A${r} ${ry} 0 0 1 ${x2} ${base}" stroke-width="${w}"><title>${esc(c.claims[0])} and ${esc(c.claims[1])} conflict (${fixed(c.score)})</title></path>`;
      })
      .join("");
    const nodes = claims
      .map((c, i) => {
        const x = step * (i + 1);
        const cls = conflicted.has(c.id) ? "node conflicted" : "node";
        return `<circle class="${cls}" cx="${x}" cy="${base}" r="5"></circle><text x="${x}" y="${base + 18}" text-anchor="middle">${esc(c.id)}</text>`;
      })
      .join("");
    const label = `Conflict map: ${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"} between ${conflicted.size} claims`;
    return `<svg class="map" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMid meet">${arcs}${nodes}</svg>`;
  }

  class CredscoreReport extends HTMLElement {
    static get observedAttributes() {
      return ["api", "key", "text", "claims", "selector", "labels"];
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      this._report = null;
      this._text = null;
      this._articleText = "";
      this._call = 0;
      this._queued = false;
      this._root.addEventListener("click", (event) => this._onClick(event));
      this._root.addEventListener("keydown", (event) => this._onKey(event));
      this._root.addEventListener("change", (event) => this._onChange(event));
      this._root.addEventListener("focusin", (event) => this._onFocus(event));
      this._root.addEventListener("mouseover", (event) => this._onFocus(event));
    }

    connectedCallback() {
      if (!this.hasAttribute("role")) this.setAttribute("role", "region");
      if (!this.hasAttribute("aria-label")) this.setAttribute("aria-label", "Sourcing report");
      this._queue();
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && name !== "labels" && this.isConnected) this._queue();
      else if (name === "labels" && this._report) this._render(this._report);
    }

    /** The last report shown, or null. */
    get report() {
      return this._report;
    }

    /** Render a report you already have, without calling the service. */
    set report(value) {
      this._call++;
      this._show(unwrap(value), this._text || "");
    }

    get text() {
      return this._text != null ? this._text : this.getAttribute("text");
    }

    set text(value) {
      this._text = value == null ? null : String(value);
      this._queue();
    }

    _queue() {
      if (this._queued) return;
      this._queued = true;
      queueMicrotask(() => {
        this._queued = false;
        this.refresh();
      });
    }

    /** Ask the service again for whatever the attributes describe. */
    async refresh() {
      const call = ++this._call;
      let request;
      try {
        request = this._request();
      } catch (error) {
        this._fail(error);
        return;
      }
      if (!request) {
        this._status("Give this report an article: a text, a selector or claims.");
        return;
      }
      this._status("Scoring the story\u2026");
      try {
        const data = await this._post(request.path, request.body);
        if (call !== this._call) return;
        performance.mark("credscore:response");
        this._show(unwrap(data), request.text);
      } catch (error) {
        if (call === this._call) this._fail(error);
      }
    }

    _request() {
      const claims = this.getAttribute("claims");
      if (claims) {
        let story;
        try {
          story = JSON.parse(claims);
        } catch (error) {
          throw new ReportError("The claims attribute is not valid JSON: " + error.message, 0, "bad_claims");
        }
        return { path: "/v1/score", body: story, text: "" };
      }
      let text = this.text;
      const selector = this.getAttribute("selector");
      if (!text && selector) {
        let element;
        try {
          element = document.querySelector(selector);
        } catch (error) {
          throw new ReportError(`"${selector}" is not a valid CSS selector.`, 0, "bad_selector");
        }
        if (!element) throw new ReportError(`No element on this page matches "${selector}".`, 0, "bad_selector");
        text = (element.innerText || element.textContent || "").trim();
      }
      if (!text || !text.trim()) return null;
      return { path: "/v1/analyze", body: { text }, text };
    }

    async _post(path, body) {
      const base = (this.getAttribute("api") || DEFAULT_API || "").replace(/\/+$/, "");
      const url = base + path;
      const headers = { "Content-Type": "application/json", Accept: "application/json" };
      const key = this.getAttribute("key");
      if (key) headers["X-API-Key"] = key;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
      let response;
      try {
        response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: abort.signal, mode: "cors" });
      } catch (error) {
        const why = error && error.name === "AbortError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "the request did not get through";
        throw new ReportError(
          `Could not reach the scoring service at ${base || "this site"} (${why}). ` +
            "Check the address, your connection, and that the service allows this page's origin.",
          0,
          "unreachable",
        );
      } finally {
        clearTimeout(timer);
      }
      let data = null;
      try {
        data = await response.json();
      } catch (error) {
        data = null;
      }
      if (!response.ok) {
        const message = data && data.message ? data.message : `${response.status} ${response.statusText || ""}`.trim();
        throw new ReportError(message, response.status, data && data.code, data && data.errors);
      }
      if (data == null) throw new ReportError("The scoring service answered with something that is not JSON.", response.status, "bad_response");
      return data;
    }

    _status(message) {
      this._root.innerHTML = `<style>${STYLE}</style><p class="status" role="status" aria-live="polite">${esc(message)}</p>`;
    }

    _fail(error) {
      const status = error && error.status ? error.status : 0;
      const code = (error && error.code) || "error";
      const message = (error && error.message) || String(error);
      const fields = error && error.fields && typeof error.fields === "object" ? error.fields : null;
      const fieldItems = fields
        ? flatten(fields, "")
            .slice(0, 10)
            .map(([k, v]) => `<li><code>${esc(k || "body")}</code>: ${esc(v)}</li>`)
            .join("")
        : "";
      const head = status ? `The scoring service answered ${status} (${esc(code)}).` : "The report could not be made.";
      this._root.innerHTML =
        `<style>${STYLE}</style><div class="error" role="alert"><strong>${head}</strong>` +
        `<p class="message">${esc(message)}</p>${fieldItems ? `<ul>${fieldItems}</ul>` : ""}</div>`;
      this.dispatchEvent(new CustomEvent("credscore-error", { bubbles: true, composed: true, detail: { status, code, message } }));
    }

    _show(report, text) {
      const started = performance.now();
      this._report = report;
      this._articleText = text || "";
      this._render(report);
      void this._root.host.offsetHeight; // lay out now, so the mark covers what the reader sees
      performance.mark("credscore:rendered");
      const renderMs = performance.now() - started;
      this.dispatchEvent(new CustomEvent("credscore-report", { bubbles: true, composed: true, detail: { report, renderMs } }));
    }

    _render(report) {
      const claims = report.claims || [];
      const sources = report.sources || [];
      const byId = new Map(sources.map((s) => [s.id, s]));
      const counts = {};
      for (const c of claims) counts[labelOf(c)] = (counts[labelOf(c)] || 0) + 1;
      const summary = Object.keys(LABELS)
        .filter((l) => counts[l])
        .map((l) => `${counts[l]} ${LABELS[l].words.toLowerCase()}`)
        .join(", ");
      const withLabels = this.hasAttribute("labels");
      const cards = claims.map((c, i) => this._card(c, i, byId, withLabels)).join("");
      const conflicts = report.conflicts || [];
      const conflictItems = conflicts
        .map(
          (c) =>
            `<li><button type="button" class="goto" data-goto="${esc(c.claims[0])}">${esc(c.claims[0])}</button> ` +
            `and <button type="button" class="goto" data-goto="${esc(c.claims[1])}">${esc(c.claims[1])}</button> ` +
            `conflict (${fixed(c.score)}): ${esc((c.reasons || []).join(" "))}</li>`,
        )
        .join("");
      const anonymous = sources.filter((s) => s.anonymous);
      const sourceItems = sources
        .map((s) => {
          const party = s.affiliation && s.affiliation.party ? ` \u2014 ${esc(s.affiliation.party)}` : "";
          const tag = s.anonymous ? ` <span class="anon-tag">(anonymous: ${esc(KIND_WORDS[s.kind] || s.kind)})</span>` : ` (${esc(KIND_WORDS[s.kind] || s.kind || "source")})`;
          return `<li data-source="${esc(s.id)}">${esc(s.mention || s.name || s.organisation || s.id)}${tag}${party}</li>`;
        })
        .join("");
      const legend = Object.keys(LABELS)
        .map((l) => `<li>${badge(l)}</li>`)
        .join("");
      const version = report.version
        ? Object.entries(report.version)
            .map(([k, v]) => `${esc(k)} ${esc(v)}`)
            .join(" \u00b7 ")
        : "";
      const article = this._articleText
        ? `<h3 id="article-h">Article</h3><div class="article" role="document" aria-labelledby="article-h">${highlight(this._articleText, report)}</div>`
        : "";
      this._root.innerHTML = `<style>${STYLE}</style>
<section class="cr" aria-labelledby="cr-title">
  <div class="top">
    <div><h2 id="cr-title">Sourcing report</h2>
    <p class="summary">${claims.length} claim${claims.length === 1 ? "" : "s"}${summary ? ": " + summary : ""}; ${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}; ${anonymous.length} anonymous source${anonymous.length === 1 ? "" : "s"}.</p></div>
    <div class="tools"><button type="button" data-action="download">Download JSON</button><button type="button" data-action="print">Print</button></div>
  </div>
  <ul class="legend" aria-label="Credibility labels">${legend}</ul>
  ${article}
  <h3 id="claims-h">Claims</h3>
  <p class="hint">Tab or the arrow keys move between claims; a claim's reasons show when it has focus or the pointer.</p>
  <ol class="claims" role="list" aria-labelledby="claims-h">${cards}</ol>
  <h3 id="conflicts-h">Conflicts</h3>
  ${conflicts.length ? conflictMap(report) + `<ul class="conflict-list" aria-labelledby="conflicts-h">${conflictItems}</ul>` : "<p>No claim of this story contradicts another.</p>"}
  <h3 id="sources-h">Sources</h3>
  ${sources.length ? `<ul class="source-list" aria-labelledby="sources-h">${sourceItems}</ul>` : "<p>No sources were found.</p>"}
  <footer>credscore widget v${VERSION}${version ? " \u00b7 " + version : ""}</footer>
</section>`;
    }

    _card(claim, position, byId, withLabels) {
      const id = claim.id;
      const label = labelOf(claim);
      const cred = claim.credibility || {};
      const titleId = domId("t", id);
      const reasonsId = domId("r", id);
      const srcs = (claim.source_ids || []).map((sid) => byId.get(sid)).filter(Boolean);
      const sourceText = srcs.length
        ? srcs
            .map((s) => `${esc(s.mention || s.name || s.organisation)}${s.anonymous ? ` <span class="anon-tag">(anonymous: ${esc(KIND_WORDS[s.kind] || s.kind)})</span>` : ""}`)
            .join("; ")
        : "none given";
      const signals = SIGNALS.map(([key, words, help]) => {
        const value = num(claim[key] && claim[key].score);
        const bad = key !== "independence";
        return `<div class="signal${bad ? " bad" : ""}"><span>${words} <b>${fixed(value)}</b></span>` +
          `<div class="bar" role="meter" aria-label="${words}" aria-valuemin="0" aria-valuemax="1" aria-valuenow="${fixed(value)}" aria-valuetext="${fixed(value)}, ${esc(help)}"><span style="width:${(value * 100).toFixed(0)}%"></span></div></div>`;
      }).join("");
      const against = (claim.conflict && claim.conflict.with) || [];
      const links = against.length
        ? `<div class="links"><span>Contradicted by</span>${against.map((o) => `<button type="button" class="goto" data-goto="${esc(o)}">${esc(o)}</button>`).join("")}</div>`
        : "";
      const support = (claim.supported_by || []).length ? `<p class="sources">Said also in: ${claim.supported_by.map(esc).join(", ")}</p>` : "";
      const reasons =
        `<dl><dt>Credibility ${fixed(cred.score)} (${esc(LABELS[label].words)})</dt><dd>${reasonList(cred.reasons)}</dd>` +
        SIGNALS.map(([key, words]) => `<dt>${words} ${fixed(claim[key] && claim[key].score)}</dt><dd>${reasonList(claim[key] && claim[key].reasons)}</dd>`).join("") +
        "</dl>";
      const verdict = withLabels
        ? `<fieldset class="verdict"><legend>Your label for ${esc(id)}</legend>${VERDICTS.map(
            (v) => `<label><input type="radio" name="${esc(domId("v", id))}" value="${v}" data-verdict="${esc(id)}"> ${v}</label>`,
          ).join("")}<span class="saved" role="status" aria-live="polite" data-saved="${esc(id)}"></span></fieldset>`
        : "";
      return `<li class="claim l-${label}" role="listitem" tabindex="0" data-claim="${esc(id)}" data-index="${position}" aria-labelledby="${titleId}" aria-describedby="${reasonsId}">
<div class="head">${badge(label, cred.score)}<span class="cid">${esc(id)}</span>
<button type="button" class="why" aria-expanded="false" aria-controls="${reasonsId}">Reasons</button></div>
<p class="ctext" id="${titleId}"><span class="visually-hidden" style="position:absolute;left:-9999px">Claim ${esc(id)}, ${esc(LABELS[label].words)}: </span>${esc(claim.text)}</p>
<p class="sources">Sources: ${sourceText}</p>${support}
<div class="signals">${signals}</div>${links}
<div class="reasons" id="${reasonsId}" role="region" aria-label="Reasons for ${esc(id)}">${reasons}</div>${verdict}</li>`;
    }

    _cards() {
      return Array.from(this._root.querySelectorAll("li.claim"));
    }

    focusClaim(id) {
      const card = this._cards().find((c) => c.dataset.claim === id);
      if (card) {
        card.focus();
        card.scrollIntoView({ block: "nearest" });
      }
      return Boolean(card);
    }

    _onClick(event) {
      const target = event.target.closest("button, mark[data-claim]");
      if (!target) return;
      if (target.dataset.action === "download") this.downloadJson();
      else if (target.dataset.action === "print") window.print();
      else if (target.dataset.goto) this.focusClaim(target.dataset.goto);
      else if (target.dataset.claim) this.focusClaim(target.dataset.claim);
      else if (target.classList.contains("why")) {
        const card = target.closest("li.claim");
        const open = card.classList.toggle("open");
        target.setAttribute("aria-expanded", String(open));
      }
    }

    _onKey(event) {
      const card = event.target.closest && event.target.closest("li.claim");
      if (!card || event.target !== card) return;
      const cards = this._cards();
      const at = cards.indexOf(card);
      const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: cards.length - 1 };
      if (event.key in moves) {
        const next = cards[Math.max(0, Math.min(cards.length - 1, moves[event.key]))];
        if (next) next.focus();
        event.preventDefault();
      } else if (event.key === "Enter" || event.key === " ") {
        const open = card.classList.toggle("open");
        card.querySelector("button.why").setAttribute("aria-expanded", String(open));
        event.preventDefault();
      } else if (event.key === "Escape") {
        card.classList.remove("open");
        card.querySelector("button.why").setAttribute("aria-expanded", "false");
      }
    }

    _onFocus(event) {
      const card = event.target.closest && event.target.closest("li.claim");
      const id = card ? card.dataset.claim : null;
      if (id === this._active) return;
      this._active = id;
      for (const mark of this._root.querySelectorAll("mark.hl.active")) mark.classList.remove("active");
      if (id) for (const mark of this._root.querySelectorAll(`mark.hl[data-claim="${CSS.escape(id)}"]`)) mark.classList.add("active");
    }

    _onChange(event) {
      const input = event.target;
      if (!input.dataset || !input.dataset.verdict) return;
      const claimId = input.dataset.verdict;
      const claim = (this._report.claims || []).find((c) => c.id === claimId);
      this.setLabelState(claimId, "saving", "Saving\u2026");
      this.dispatchEvent(
        new CustomEvent("credscore-label", {
          bubbles: true,
          composed: true,
          detail: { claimId, verdict: input.value, claim, report: this._report },
        }),
      );
    }

    /** Show whether a claim's label was saved: state is "saving", "saved" or "failed". */
    setLabelState(claimId, state, message) {
      const slot = Array.from(this._root.querySelectorAll("[data-saved]")).find((s) => s.dataset.saved === claimId);
      if (!slot) return;
      slot.className = "saved" + (state === "saved" ? " ok" : state === "failed" ? " fail" : "");
      slot.textContent = message || state;
    }

    /** Save the report as a JSON file. */
    downloadJson() {
      if (!this._report) return;
      const blob = new Blob([JSON.stringify(this._report, null, 2)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "credscore-report.json";
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }
  }

  if (!customElements.get(TAG)) customElements.define(TAG, CredscoreReport);
})();
