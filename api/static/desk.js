/*
 * The desk page: story in, report out (through <credscore-report>), labels saved, models managed.
 *
 * Every call goes to the public /v1 API with the key the editor typed, so the page can do exactly
 * what that key may do. Charts are plain SVG built here; nothing is downloaded.
 */
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const esc = (value) => String(value == null ? "" : value).replace(/[&<>"']/g, (c) => ESC[c]);
  const KEY_STORE = "credscore-desk-key";
  const base = () => $("widget").getAttribute("api") || "";

  function key() {
    return $("key").value.trim();
  }

  function randomKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** Call the API with the editor's key; resolves to {ok, status, data}. Never throws. */
  async function call(method, path, body, extraHeaders) {
    const headers = Object.assign({ Accept: "application/json" }, extraHeaders || {});
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (key()) headers["X-API-Key"] = key();
    try {
      const response = await fetch(base() + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      let data = null;
      try {
        data = await response.json();
      } catch (error) {
        data = null;
      }
      return { ok: response.ok, status: response.status, data };
    } catch (error) {
      return { ok: false, status: 0, data: { message: "Could not reach the service: " + error.message } };
    }
  }

  function problem(result, what) {
    if (result.status === 404 || result.status === 405) return `${what} is not available on this server.`;
    if (result.status === 401) return `${what} needs an API key: enter one above.`;
    if (result.status === 403) return `Your key may not do this (${what.toLowerCase()}).`;
    const message = result.data && result.data.message ? result.data.message : `HTTP ${result.status}`;
    return `${what} failed: ${message}`;
  }

  /* ---------- story in ---------- */

  /** Readable text of an HTML document: the article element if there is one, paragraphs kept apart. */
  function htmlToText(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    for (const node of doc.querySelectorAll("script, style, noscript, template, nav, aside, footer")) node.remove();
    const root = doc.querySelector("article") || doc.body || doc.documentElement;
    for (const block of root.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, div, br, tr")) {
      block.after(doc.createTextNode("\n\n"));
    }
    return (root.textContent || "").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  async function readFile(file) {
    const text = await file.text();
    return /\.html?$/i.test(file.name) || file.type === "text/html" ? htmlToText(text) : text;
  }

  function score() {
    const widget = $("widget");
    const text = $("text").value;
    if (key()) widget.setAttribute("key", key());
    else widget.removeAttribute("key");
    widget.text = text;
    $("report").focus({ preventScroll: false });
  }

  /* ---------- labels ---------- */

  async function saveLabel(event) {
    const { claimId, verdict, claim, report } = event.detail;
    const widget = event.target;
    const sources = (claim.source_ids || [])
      .map((id) => (report.sources || []).find((s) => s.id === id))
      .filter(Boolean)
      .map((s) => ({ mention: s.mention || s.name || s.organisation }));
    const body = { text: claim.text, sources, verdict };
    if (sources.length && sources[0].mention) body.speaker = sources[0].mention;
    const result = await call("POST", "/v1/labels", body, { "Idempotency-Key": randomKey() });
    if (result.ok) {
      const id = result.data && result.data.id != null ? ` (label ${result.data.id})` : "";
      widget.setLabelState(claimId, "saved", `Saved: ${verdict}${id}`);
    } else {
      widget.setLabelState(claimId, "failed", problem(result, "Saving the label"));
    }
  }

  /* ---------- models ---------- */

  const SVG = "http://www.w3.org/2000/svg";
  const num = (v) => (typeof v === "number" && isFinite(v) ? v : null);

  /** The metrics of a version, wherever the registry keeps them. */
  function metricsOf(version) {
    return (version && (version.metrics || version.evaluation)) || {};
  }

  function confusionSvg(metrics) {
    const cm = metrics.confusion_matrix || metrics.confusion;
    if (!cm) return "";
    const matrix = Array.isArray(cm) ? cm : cm.matrix;
    const labels = (cm && cm.labels) || metrics.classes || metrics.labels || (matrix || []).map((_, i) => String(i));
    if (!Array.isArray(matrix) || !matrix.length) return "";
    const n = matrix.length;
    // Cells and the row-label margin grow with the longest label, so column headers never run into each other.
    const longest = Math.max(1, ...labels.map((l) => String(l).length));
    const cell = Math.max(54, Math.ceil(longest * 7.5) + 12);
    const left = Math.max(90, Math.ceil(longest * 7.5) + 16);
    const top = 40;
    const max = Math.max(1, ...matrix.flat().map((v) => num(v) || 0));
    let out = "";
    matrix.forEach((row, i) => {
      row.forEach((value, j) => {
        const share = (num(value) || 0) / max;
        const fill = `rgba(0, 114, 178, ${(0.08 + 0.85 * share).toFixed(2)})`;
        const ink = share > 0.55 ? "#fff" : "#111";
        out += `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"><title>true ${esc(labels[i])}, predicted ${esc(labels[j])}: ${esc(value)}</title></rect>`;
        out += `<text x="${left + j * cell + cell / 2 - 1}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" fill="${ink}">${esc(value)}</text>`;
      });
      out += `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${esc(labels[i])}</text>`;
    });
    labels.forEach((l, j) => {
      out += `<text class="column-label" x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${esc(l)}</text>`;
    });
    const w = left + n * cell + 10;
    const h = top + n * cell + 24;
    out += `<text x="${left + (n * cell) / 2}" y="14" text-anchor="middle" class="axis">predicted</text>`;
    out += `<text x="10" y="${h - 6}" class="axis">rows: true label</text>`;
    return figure("Confusion matrix", `<svg xmlns="${SVG}" role="img" aria-label="Confusion matrix of ${n} classes" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${out}</svg>`);
  }

  /** Calibration points as [{predicted, observed, count}], from the shapes a registry is likely to store. */
  function calibrationPoints(metrics) {
    const cal = metrics.calibration || metrics.calibration_curve || metrics.reliability;
    if (!cal) return [];
    if (Array.isArray(cal)) {
      return cal
        .map((p) => (Array.isArray(p) ? { predicted: p[0], observed: p[1] } : { predicted: p.predicted ?? p.mean_predicted ?? p.confidence, observed: p.observed ?? p.fraction_positive ?? p.accuracy, count: p.count }))
        .filter((p) => num(p.predicted) != null && num(p.observed) != null);
    }
    const xs = cal.prob_pred || cal.predicted || cal.mean_predicted || cal.confidence || [];
    const ys = cal.prob_true || cal.observed || cal.fraction_positive || cal.accuracy || [];
    return xs.map((x, i) => ({ predicted: x, observed: ys[i] })).filter((p) => num(p.predicted) != null && num(p.observed) != null);
  }

  function calibrationSvg(metrics) {
    const points = calibrationPoints(metrics);
    if (!points.length) return "";
    const s = 200;
    const pad = 30;
    const x = (v) => pad + v * s;
    const y = (v) => pad + (1 - v) * s;
    const line = points.map((p, i) => `${i ? "L" : "M"}${x(p.predicted).toFixed(1)} ${y(p.observed).toFixed(1)}`).join(" ");
    const dots = points
      .map((p) => `<circle cx="${x(p.predicted).toFixed(1)}" cy="${y(p.observed).toFixed(1)}" r="4" fill="#0072B2"><title>predicted ${p.predicted.toFixed(2)}, observed ${p.observed.toFixed(2)}${p.count != null ? `, ${p.count} claims` : ""}</title></circle>`)
      .join("");
    const ece = num(metrics.ece) != null ? ` (ECE ${metrics.ece.toFixed(3)})` : "";
    const svg =
      `<svg xmlns="${SVG}" role="img" aria-label="Calibration curve${esc(ece)}" viewBox="0 0 ${s + 2 * pad} ${s + 2 * pad}" width="${s + 2 * pad}" height="${s + 2 * pad}">` +
      `<rect x="${pad}" y="${pad}" width="${s}" height="${s}" fill="none" stroke="#999"/>` +
      `<path d="M${x(0)} ${y(0)} L${x(1)} ${y(1)}" stroke="#999" stroke-dasharray="4 3"/>` +
      `<path d="${line}" fill="none" stroke="#0072B2" stroke-width="2"/>${dots}` +
      `<text x="${pad + s / 2}" y="${s + 2 * pad - 6}" text-anchor="middle" class="axis">predicted probability</text>` +
      `<text x="10" y="${pad + s / 2}" transform="rotate(-90 10 ${pad + s / 2})" text-anchor="middle" class="axis">observed</text></svg>`;
    return figure("Calibration curve" + ece, svg);
  }

  /** Per-class recall as horizontal bars, when the registry keeps recall but no confusion matrix. */
  function recallSvg(metrics) {
    const recall = metrics.recall;
    if (!recall || typeof recall !== "object") return "";
    const entries = Object.entries(recall).filter(([, v]) => num(v) != null);
    if (!entries.length) return "";
    const left = 90;
    const width = 200;
    const row = 26;
    const h = entries.length * row + 20;
    const bars = entries
      .map(([name, value], i) => {
        const y = 10 + i * row;
        return `<text x="${left - 6}" y="${y + 14}" text-anchor="end">${esc(name)}</text>` +
          `<rect x="${left}" y="${y}" width="${width}" height="18" fill="#eee" stroke="#999"/>` +
          `<rect x="${left}" y="${y}" width="${(value * width).toFixed(1)}" height="18" fill="#0072B2"><title>${esc(name)} recall ${value.toFixed(3)}</title></rect>` +
          `<text x="${left + width + 6}" y="${y + 14}">${value.toFixed(2)}</text>`;
      })
      .join("");
    const w = left + width + 50;
    return figure("Recall per class", `<svg xmlns="${SVG}" role="img" aria-label="Recall per class" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${bars}</svg>`);
  }

  const HISTORY_KEYS = ["macro_f1", "accuracy", "binary_accuracy", "ece"];
  const HISTORY_STYLE = { macro_f1: ["#0072B2", ""], accuracy: ["#009E73", "6 3"], binary_accuracy: ["#CC79A7", "2 3"], ece: ["#D55E00", "8 3 2 3"] };

  function historySvg(versions) {
    const ordered = versions.slice().sort((a, b) => String(a.created_at || "").localeCompare(String(b.created_at || "")));
    const series = HISTORY_KEYS.filter((k) => ordered.some((v) => num(metricsOf(v)[k]) != null));
    if (!ordered.length || !series.length) return "";
    const w = Math.max(260, 60 * ordered.length + 80);
    const h = 220;
    const pad = 36;
    const x = (i) => pad + (ordered.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (ordered.length - 1));
    const y = (v) => h - pad - v * (h - 2 * pad);
    let out = `<rect x="${pad}" y="${pad}" width="${w - 2 * pad}" height="${h - 2 * pad}" fill="none" stroke="#999"/>`;
    for (const t of [0, 0.5, 1]) out += `<text x="${pad - 4}" y="${y(t) + 4}" text-anchor="end" class="axis">${t}</text>`;
    ordered.forEach((v, i) => {
      out += `<text x="${x(i)}" y="${h - pad + 14}" text-anchor="middle" class="axis">${esc(String(v.version).slice(0, 10))}</text>`;
    });
    const legend = [];
    series.forEach((k, n) => {
      const [colour, dash] = HISTORY_STYLE[k];
      const pts = ordered.map((v, i) => [i, num(metricsOf(v)[k])]).filter((p) => p[1] != null);
      out += `<path d="${pts.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)} ${y(p[1]).toFixed(1)}`).join(" ")}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`;
      out += pts.map((p) => `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="3.5" fill="${colour}"><title>${esc(ordered[p[0]].version)} ${k} ${p[1].toFixed(3)}</title></circle>`).join("");
      out += `<text x="${pad + 4 + n * 110}" y="${pad - 10}" fill="${colour}" class="axis">${dash ? "- -" : "\u2014"} ${k}</text>`;
      legend.push(k);
    });
    return figure(
      "Metric history across versions",
      `<svg xmlns="${SVG}" role="img" aria-label="Metric history: ${esc(legend.join(", "))} over ${ordered.length} versions" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${out}</svg>`,
    );
  }

  function figure(caption, svg) {
    return `<figure class="chart">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
  }

  /** The serving version's charts, saying which ones its metrics cannot draw rather than leaving a gap. */
  function charts(metrics, versions) {
    const confusion = confusionSvg(metrics) || recallSvg(metrics);
    const calibration = calibrationSvg(metrics);
    const history = historySvg(versions);
    const missing = [];
    if (!confusionSvg(metrics)) missing.push("a confusion matrix");
    if (!calibration) missing.push("calibration bins");
    if (!history) missing.push("metrics across versions");
    const note = missing.length ? `<p class="hint">The registry's metrics carry no ${missing.join(", no ")} to draw.</p>` : "";
    return confusion + calibration + history + note;
  }

  function versionsOf(data) {
    if (Array.isArray(data)) return data;
    return (data && (data.versions || data.models || data.items)) || [];
  }

  function servingOf(data, versions) {
    const name = data && (data.serving || data.active || data.serving_version);
    const id = typeof name === "string" ? name : name && name.version;
    return versions.find((v) => v.version === id) || versions.find((v) => v.status === "serving" || v.status === "active" || v.serving) || (typeof name === "object" ? name : null) || (id ? { version: id } : null);
  }

  function metricCells(metrics) {
    return ["macro_f1", "accuracy", "ece"].map((k) => `<td>${num(metrics[k]) != null ? metrics[k].toFixed(3) : "\u2014"}</td>`).join("");
  }

  async function loadModels() {
    const body = $("models-body");
    body.innerHTML = '<p role="status">Loading models\u2026</p>';
    const result = await call("GET", "/v1/models");
    if (!result.ok) {
      body.innerHTML = `<p class="notice" role="alert">${esc(problem(result, "Model management"))}</p>`;
      return;
    }
    const versions = versionsOf(result.data);
    const serving = servingOf(result.data, versions);
    const metrics = metricsOf(serving);
    const rows = versions
      .map((v) => {
        const isServing = serving && v.version === serving.version;
        const action = isServing ? "<td>serving</td>" : `<td><button type="button" data-activate="${esc(v.version)}">Activate ${esc(v.version)}</button></td>`;
        return `<tr><th scope="row">${esc(v.version)}</th><td>${esc(v.status || "")}</td><td>${esc(v.created_at || "")}</td>${metricCells(metricsOf(v))}<td>${esc(v.reason || "")}</td>${action}</tr>`;
      })
      .join("");
    body.innerHTML =
      `<p>Serving: <strong id="serving-version">${esc(serving ? serving.version : "the rule prior (no trained model)")}</strong></p>` +
      `<div class="charts">${charts(metrics, versions)}</div>` +
      (versions.length
        ? `<table class="versions"><caption>Versions and candidates</caption><thead><tr><th scope="col">version</th><th scope="col">status</th><th scope="col">created</th><th scope="col">macro-F1</th><th scope="col">accuracy</th><th scope="col">ECE</th><th scope="col">gate</th><th scope="col">action</th></tr></thead><tbody>${rows}</tbody></table>`
        : "<p>No trained versions yet.</p>");
  }

  async function modelAction(method, path, what) {
    const job = $("job");
    job.textContent = `${what}\u2026`;
    const result = await call(method, path, method === "POST" ? {} : undefined);
    if (!result.ok) {
      job.textContent = problem(result, what);
      return;
    }
    const id = result.data && (result.data.job_id || result.data.id || (result.data.job && result.data.job.id));
    if (path.endsWith("/train") && id != null) await followJob(id);
    else job.textContent = `${what}: done.`;
    await loadModels();
  }

  async function followJob(id) {
    const job = $("job");
    for (;;) {
      const result = await call("GET", `/v1/jobs/${encodeURIComponent(id)}`);
      if (!result.ok) {
        job.textContent = problem(result, "Following the training job");
        return;
      }
      const d = result.data || {};
      const progress = num(d.progress);
      const bar = progress != null ? `<progress max="1" value="${progress}">${Math.round(progress * 100)}%</progress> ` : "";
      job.innerHTML = `Training job ${esc(id)}: ${bar}<span>${esc(d.status || d.state || "running")}${d.message ? " \u2014 " + esc(d.message) : ""}${d.error ? " \u2014 " + esc(typeof d.error === "string" ? d.error : d.error.message) : ""}</span>`;
      const status = String(d.status || d.state || "");
      if (/^(succeeded|success|done|finished|completed|failed|error|cancelled)$/.test(status)) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /* ---------- wiring ---------- */

  document.addEventListener("DOMContentLoaded", () => {
    $("key").value = sessionStorage.getItem(KEY_STORE) || "";
    $("key").addEventListener("change", () => sessionStorage.setItem(KEY_STORE, key()));
    $("story-form").addEventListener("submit", (event) => {
      event.preventDefault();
      score();
    });
    $("file").addEventListener("change", async () => {
      const file = $("file").files[0];
      if (!file) return;
      if (!/\.(txt|html?)$/i.test(file.name)) {
        $("file-status").textContent = `${file.name} is not a .txt or .html file.`;
        return;
      }
      $("text").value = await readFile(file);
      $("file-status").textContent = `Read ${file.name}.`;
      score();
    });
    $("widget").addEventListener("credscore-label", saveLabel);
    $("models-load").addEventListener("click", loadModels);
    $("models-train").addEventListener("click", () => modelAction("POST", "/v1/models/train", "Training"));
    $("models-rollback").addEventListener("click", () => modelAction("POST", "/v1/models/rollback", "Rolling back"));
    $("models-body").addEventListener("click", (event) => {
      const version = event.target.dataset && event.target.dataset.activate;
      if (version) modelAction("POST", `/v1/models/${encodeURIComponent(version)}/activate`, `Activating ${version}`);
    });
  });
})();
