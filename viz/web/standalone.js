// One view of PartnerGraph as a page that works offline (pgraph render
// --format html): pan and zoom over the SVG, search within the view, and a
// panel per entity from the records embedded in the page. Every text from the
// database reaches the page through textContent, never as markup.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("view-data").textContent);
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function nameOf(id) {
    const e = entities.get(id);
    return e && e.name ? e.name.en || e.name.zh || id : id;
  }

  const svg = $("graph").querySelector("svg");
  const base = svg.viewBox.baseVal;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  let box = Object.assign({}, home);
  function setBox(next) {
    box = next;
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
  }
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  function zoomBy(factor, fx, fy) {
    const w = Math.min(Math.max(box.w / factor, home.w / 40), home.w * 4);
    const h = box.h * (w / box.w);
    setBox({ x: box.x + (box.w - w) * fx, y: box.y + (box.h - h) * fy, w, h });
  }
  $("graph").addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    zoomBy(event.deltaY < 0 ? 1.2 : 1 / 1.2, (event.clientX - rect.left) / rect.width,
           (event.clientY - rect.top) / rect.height);
  }, { passive: false });
  let drag = null;
  $("graph").addEventListener("pointerdown", (event) => { drag = { x: event.clientX, y: event.clientY }; });
  window.addEventListener("pointerup", () => { drag = null; });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(box.w / rect.width, box.h / rect.height);
    setBox(Object.assign({}, box, { x: box.x - (event.clientX - drag.x) * scale,
                                    y: box.y - (event.clientY - drag.y) * scale }));
    drag = { x: event.clientX, y: event.clientY };
  });
  $("zoom-in").addEventListener("click", () => zoomBy(1.25, 0.5, 0.5));
  $("zoom-out").addEventListener("click", () => zoomBy(0.8, 0.5, 0.5));
  $("zoom-fit").addEventListener("click", () => setBox(Object.assign({}, home)));

  function select(id) {
    for (const node of svg.querySelectorAll("g.node")) node.classList.toggle("selected", node.dataset.id === id);
    const e = entities.get(id);
    const panel = $("panel");
    if (!e) { panel.hidden = true; return; }
    panel.hidden = false;
    const parts = [el("h2", {}, (e.name && (e.name.en || e.name.zh)) || e.id)];
    if (e.name && e.name.zh && e.name.en) parts.push(el("div", {}, e.name.zh));
    parts.push(el("div", { class: "muted" }, e.id + " · " + e.kind));
    if (e.aliases && e.aliases.length) parts.push(el("div", {}, "Aliases: " + e.aliases.join(", ")));
    const mine = data.relations.filter((r) => r.from === id || r.to === id)
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : 1));
    let type = null;
    for (const r of mine) {
      if (r.type !== type) {
        type = r.type;
        parts.push(el("h3", {}, type + " (" + mine.filter((x) => x.type === type).length + ")"));
      }
      const other = r.from === id ? r.to : r.from;
      const item = el("div", { class: "relation", "data-relation": r.id },
                      el("div", {}, (r.from === id ? "→ " : "← ") + nameOf(other)));
      const period = r.since || r.until ? (r.since || "…") + " – " + (r.until || "…") : "";
      const amount = r.amount ? Number(r.amount.value).toLocaleString("en") + " " + r.amount.currency : "";
      const meta = [period, amount, r.title, r.role].filter(Boolean).join(" · ");
      if (meta) item.append(el("div", { class: "muted" }, meta));
      if (r.source) {
        item.append(el("div", { class: "muted" }, "Source: " + r.source.doc));
        if (r.source.quote) item.append(el("blockquote", {}, r.source.quote));
      }
      parts.push(item);
    }
    $("panel-body").replaceChildren(...parts);
  }

  for (const node of svg.querySelectorAll("g.node")) {
    const title = node.querySelector("title");
    if (!title || !entities.has(title.textContent)) continue;
    node.dataset.id = title.textContent;
    node.addEventListener("click", (event) => { event.stopPropagation(); select(node.dataset.id); });
  }

  $("search").addEventListener("input", () => {
    const text = $("search").value.trim().toLowerCase();
    const list = $("matches");
    list.replaceChildren();
    list.hidden = !text;
    if (!text) return;
    for (const e of data.entities) {
      const words = [e.id, e.name && e.name.en, e.name && e.name.zh, ...(e.aliases || [])].filter(Boolean);
      if (!words.some((w) => w.toLowerCase().includes(text))) continue;
      const li = el("li", { "data-id": e.id }, nameOf(e.id) + " (" + e.id + ")");
      li.addEventListener("click", () => { list.hidden = true; select(e.id); });
      list.append(li);
    }
  });
  $("count").textContent = data.entities.length + " entities · " + data.relations.length + " relations";
})();
