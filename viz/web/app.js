// The PartnerGraph explorer: one page over pgraph serve's JSON API. Every
// piece of the view lives in the URL (a permalink reproduces it: the same
// request, so the same DOT); every text from the database reaches the page
// through textContent, never as markup.
"use strict";

(function () {
  const MESSAGES = {
    en: {
      title: "PartnerGraph explorer", search: "Search organisations, in English or 中文…",
      undo: "Undo", view: "View", depth: "Depth", labels: "Labels", whole: "Whole network",
      asof: "As of", asofUse: "Only relations in force in", types: "Relation types",
      kinds: "Entity kinds", path: "Path finder", from: "from", to: "to", directed: "directed",
      findPath: "Find path", funding: "Funding", funder: "funder (e.g. china)",
      showFunding: "Show funding", run: "Run", export: "Export", fit: "Fit",
      entities: "entities", relations: "relations", loading: "Loading…", kind: "Kind",
      aliases: "Aliases", expand: "Expand", remove: "Remove", focus: "Centre here",
      noRelations: "No relations.", source: "Source", noPath: "No path.",
      hops: "hops", rows: "rows", showInGraph: "Show in graph", noMatch: "No match",
      amount: "Amount", period: "Period", flows: "flows", total: "total",
    },
    zh: {
      title: "伙伴关系图谱浏览器", search: "搜索组织（中文或英文）…",
      undo: "撤销", view: "视图", depth: "深度", labels: "标签", whole: "整个网络",
      asof: "截至", asofUse: "仅显示当年有效的关系：", types: "关系类型",
      kinds: "实体类别", path: "路径查找", from: "起点", to: "终点", directed: "有向",
      findPath: "查找路径", funding: "资助", funder: "资助方（如 china）",
      showFunding: "显示资助", run: "运行", export: "导出", fit: "适应",
      entities: "个实体", relations: "条关系", loading: "加载中…", kind: "类别",
      aliases: "别名", expand: "展开", remove: "移除", focus: "以此为中心",
      noRelations: "没有关系。", source: "来源", noPath: "没有路径。",
      hops: "步", rows: "行", showInGraph: "在图中显示", noMatch: "无匹配",
      amount: "金额", period: "期间", flows: "笔资助", total: "合计",
    },
  };
  // The keys of the state, in the order they appear in the URL.
  const KEYS = ["around", "depth", "from", "to", "funding", "funder", "types", "kinds", "as_of",
                "lang", "expand", "remove", "sel", "ui"];
  const $ = (id) => document.getElementById(id);

  let state = {};
  const undoStack = [];
  let current = null;     // the last view JSON
  let schema = { kinds: {}, types: {} };
  const names = new Map();  // entity id -> record, from views and searches
  let loadSerial = 0;

  function t(key) { return (MESSAGES[state.ui] || MESSAGES.en)[key] || key; }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // --- state and URL -------------------------------------------------------
  function stateFromUrl() {
    const params = new URLSearchParams(location.search);
    const s = {};
    for (const key of KEYS) if (params.has(key) && params.get(key) !== "") s[key] = params.get(key);
    if (!s.around && !s.from && !s.funding && !params.has("whole")) s.around = "ilo";
    if (!s.ui) s.ui = "en";
    return s;
  }

  function urlOf(s) {
    const params = new URLSearchParams();
    for (const key of KEYS) if (s[key] !== undefined && s[key] !== "") params.set(key, s[key]);
    if (!s.around && !s.from && !s.funding) params.set("whole", "1");
    return "?" + params.toString();
  }

  function viewQuery(s) {
    const params = new URLSearchParams();
    for (const key of ["around", "depth", "from", "to", "funding", "funder", "types", "kinds",
                       "as_of", "lang", "expand", "remove"]) {
      if (s[key] !== undefined && s[key] !== "") params.set(key, s[key]);
    }
    return params.toString();
  }

  // Changes the state: remembered for Undo, written to the URL, drawn.
  function go(changes, options) {
    undoStack.push(Object.assign({}, state));
    state = Object.assign({}, state, changes);
    for (const key of Object.keys(state)) if (state[key] === undefined || state[key] === "") delete state[key];
    history.pushState(null, "", urlOf(state));
    render((options || {}).redraw !== false);
  }

  function listOf(text) { return text ? text.split(",").filter(Boolean) : []; }

  // --- drawing ---------------------------------------------------------------
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function showStatus(text, isError) {
    const status = $("status");
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  async function render(redraw) {
    applyLanguage();
    syncControls();
    if (redraw) {
      const serial = ++loadSerial;
      showStatus(t("loading"));
      try {
        const view = await api("/api/view?" + viewQuery(state));
        if (serial !== loadSerial) return;
        current = view;
        for (const node of view.nodes) names.set(node.id, node);
        drawSvg(view.svg);
        const status = $("status");
        status.dataset.entities = view.entities;
        status.dataset.relations = view.relations;
        showStatus(view.entities + " " + t("entities") + " · " + view.relations + " " + t("relations") +
                   (view.title ? " — " + view.title : ""));
        status.dataset.entities = view.entities;
        status.dataset.relations = view.relations;
      } catch (error) {
        if (serial !== loadSerial) return;
        showStatus(error.message, true);
      }
    }
    markSelected();
    if (state.sel) showPanel(state.sel); else $("panel").hidden = true;
  }

  // The server's SVG, parsed as XML (no script runs) and stripped of
  // anything active before it joins the page.
  function drawSvg(text) {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const svg = doc.documentElement;
    if (svg.nodeName !== "svg") throw new Error("the server sent no SVG");
    for (const bad of svg.querySelectorAll("script, foreignObject, iframe")) bad.remove();
    for (const node of svg.querySelectorAll("*")) {
      for (const attr of Array.from(node.attributes)) {
        if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) node.removeAttribute(attr.name);
      }
    }
    const graph = $("graph");
    graph.replaceChildren(document.importNode(svg, true));
    const shown = graph.querySelector("svg");
    shown.removeAttribute("width");
    shown.removeAttribute("height");
    shown.setAttribute("preserveAspectRatio", "xMidYMid meet");
    zoom.reset(shown);
    for (const node of shown.querySelectorAll("g.node")) {
      const id = nodeId(node);
      if (!id || id.startsWith("^legend")) continue;
      node.dataset.id = id;
      node.addEventListener("click", (event) => { event.stopPropagation(); go({ sel: id }, { redraw: false }); });
      node.addEventListener("dblclick", (event) => { event.stopPropagation(); expand(id); });
    }
  }

  function nodeId(node) {
    const title = node.querySelector("title");
    return title ? title.textContent : "";
  }

  function markSelected() {
    for (const node of $("graph").querySelectorAll("g.node")) {
      node.classList.toggle("selected", node.dataset.id === state.sel);
    }
  }

  function expand(id) {
    const list = listOf(state.expand);
    const removed = listOf(state.remove).filter((r) => r !== id);
    if (!list.includes(id) && id !== state.around) list.push(id);
    go({ expand: list.join(","), remove: removed.join(","), sel: id });
  }

  function removeNode(id) {
    const list = listOf(state.remove);
    if (!list.includes(id)) list.push(id);
    go({ remove: list.join(","), sel: undefined });
  }

  // --- pan and zoom, on the SVG's viewBox ------------------------------------
  const zoom = {
    svg: null, base: null, box: null,
    reset(svg) {
      this.svg = svg;
      const vb = svg.viewBox.baseVal;
      this.base = vb && vb.width ? { x: vb.x, y: vb.y, w: vb.width, h: vb.height } : { x: 0, y: 0, w: 1000, h: 1000 };
      this.set(Object.assign({}, this.base));
    },
    set(box) {
      this.box = box;
      if (this.svg) this.svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
    },
    // Zooms by `factor` (>1: closer) keeping the point at (fx, fy) (0..1) still.
    by(factor, fx, fy) {
      if (!this.box) return;
      const b = this.box;
      const w = Math.min(Math.max(b.w / factor, this.base.w / 40), this.base.w * 4);
      const h = b.h * (w / b.w);
      this.set({ x: b.x + (b.w - w) * fx, y: b.y + (b.h - h) * fy, w, h });
    },
    pan(dxPixels, dyPixels) {
      if (!this.box || !this.svg) return;
      const rect = this.svg.getBoundingClientRect();
      const scale = Math.max(this.box.w / rect.width, this.box.h / rect.height);
      this.set(Object.assign({}, this.box, { x: this.box.x - dxPixels * scale, y: this.box.y - dyPixels * scale }));
    },
  };

  function setUpZoom() {
    const graph = $("graph");
    graph.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = graph.getBoundingClientRect();
      zoom.by(event.deltaY < 0 ? 1.2 : 1 / 1.2, (event.clientX - rect.left) / rect.width,
              (event.clientY - rect.top) / rect.height);
    }, { passive: false });
    let drag = null;
    graph.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY };
      graph.classList.add("dragging");
    });
    window.addEventListener("pointermove", (event) => {
      if (!drag) return;
      zoom.pan(event.clientX - drag.x, event.clientY - drag.y);
      drag = { x: event.clientX, y: event.clientY };
    });
    window.addEventListener("pointerup", () => { drag = null; graph.classList.remove("dragging"); });
    $("zoom-in").addEventListener("click", () => zoom.by(1.25, 0.5, 0.5));
    $("zoom-out").addEventListener("click", () => zoom.by(0.8, 0.5, 0.5));
    $("zoom-fit").addEventListener("click", () => zoom.set(Object.assign({}, zoom.base)));
  }

  // --- the panel ---------------------------------------------------------------
  function displayName(id) {
    const record = names.get(id);
    if (!record || !record.name) return id;
    const name = state.ui === "zh" ? (record.name.zh || record.name.en) : (record.name.en || record.name.zh);
    return name || id;
  }

  function period(r) {
    if (!r.since && !r.until) return "";
    return (r.since || "…") + " – " + (r.until || "…");
  }

  function amountText(amount) {
    if (!amount) return "";
    return Number(amount.value).toLocaleString("en") + " " + (amount.currency || "");
  }

  let panelSerial = 0;
  async function showPanel(id) {
    const serial = ++panelSerial;
    const panel = $("panel");
    const body = $("panel-body");
    panel.hidden = false;
    let detail;
    try {
      detail = await api("/api/entity/" + encodeURIComponent(id));
    } catch (error) {
      if (serial === panelSerial) body.replaceChildren(el("p", { class: "error" }, error.message));
      return;
    }
    if (serial !== panelSerial) return;
    const e = detail.entity;
    names.set(e.id, e);
    const parts = [
      el("h2", {}, (e.name && (e.name.en || e.name.zh)) || e.id),
      e.name && e.name.zh && e.name.en ? el("div", { class: "zh" }, e.name.zh) : null,
      el("div", { class: "muted" }, e.id + " · " + t("kind") + ": " + e.kind),
    ];
    if (e.aliases && e.aliases.length) {
      parts.push(el("div", {}, t("aliases") + ": " + e.aliases.join(", ")));
    }
    const actions = el("div", { class: "panel-actions" });
    const button = (label, action, name) => {
      const b = el("button", { type: "button", "data-action": name }, label);
      b.addEventListener("click", action);
      actions.append(b);
    };
    button(t("expand"), () => expand(e.id), "expand");
    button(t("focus"), () => go({ around: e.id, from: undefined, to: undefined, funding: undefined,
                                 expand: undefined, remove: undefined, sel: e.id }), "focus");
    button(t("remove"), () => removeNode(e.id), "remove");
    parts.push(actions);
    const relations = detail.relations;
    if (!relations.length) parts.push(el("p", {}, t("noRelations")));
    let type = null;
    let group = null;
    for (const r of relations) {
      if (r.type !== type) {
        type = r.type;
        const count = relations.filter((x) => x.type === type).length;
        group = el("section", { class: "group", "data-type": type });
        group.append(el("h3", {}, type + " (" + count + ")"));
        parts.push(group);
      }
      const outgoing = r.from === e.id;
      const other = outgoing ? r.to : r.from;
      const otherLink = el("a", { href: "#", "data-id": other }, displayName(other));
      otherLink.addEventListener("click", (event) => { event.preventDefault(); go({ sel: other }, { redraw: false }); });
      const item = el("div", { class: "relation", "data-relation": r.id },
                      el("div", {}, outgoing ? "→ " : "← ", otherLink, el("span", { class: "muted" }, "  " + other)));
      const meta = [period(r), amountText(r.amount), r.title, r.role].filter(Boolean);
      if (meta.length) item.append(el("div", { class: "meta" }, meta.join(" · ")));
      if (r.source) {
        item.append(el("div", { class: "meta" }, t("source") + ": " + r.source.doc));
        if (r.source.quote) item.append(el("blockquote", {}, r.source.quote));
      }
      if (r.attributes && r.attributes.quote_zh) item.append(el("blockquote", { lang: "zh" }, r.attributes.quote_zh));
      group.append(item);
    }
    body.replaceChildren(...parts.filter(Boolean));
  }

  // --- search ---------------------------------------------------------------------
  function setUpSearch() {
    const input = $("search");
    const list = $("suggestions");
    let timer = null;
    let serial = 0;
    let active = -1;
    const choose = (id) => {
      list.hidden = true;
      input.value = "";
      go({ around: id, depth: state.depth, from: undefined, to: undefined, funding: undefined,
           funder: undefined, expand: undefined, remove: undefined, sel: id });
    };
    const highlight = () => {
      Array.from(list.children).forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const text = input.value.trim();
        const mine = ++serial;
        if (!text) { list.hidden = true; return; }
        let found = [];
        try { found = await api("/api/find?limit=10&q=" + encodeURIComponent(text)); } catch (error) { found = []; }
        found = found.filter((hit) => hit.hit !== "relation");  // entities to pick; relations are find's
        if (mine !== serial) return;
        active = -1;
        list.replaceChildren();
        for (const e of found) {
          names.set(e.id, e);
          const li = el("li", { role: "option", "data-id": e.id },
                        (e.name && e.name.en) || e.id, e.name && e.name.zh ? "  " + e.name.zh : "",
                        el("div", { class: "id" }, e.id + " · " + e.kind +
                           (e.aliases && e.aliases.length ? " · " + e.aliases.join(", ") : "")));
          li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(e.id); });
          list.append(li);
        }
        if (!found.length) list.append(el("li", { class: "muted" }, t("noMatch")));
        list.hidden = false;
      }, 120);
    });
    input.addEventListener("keydown", (event) => {
      const items = Array.from(list.querySelectorAll("li[data-id]"));
      if (event.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); highlight(); event.preventDefault(); }
      else if (event.key === "ArrowUp") { active = Math.max(active - 1, 0); highlight(); event.preventDefault(); }
      else if (event.key === "Enter" && items.length) { choose(items[Math.max(active, 0)].dataset.id); }
      else if (event.key === "Escape") { list.hidden = true; }
    });
    input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
  }

  // --- filters ----------------------------------------------------------------------
  function buildChecks(container, names, key) {
    container.replaceChildren();
    for (const name of names) {
      const box = el("input", { type: "checkbox", value: name, "data-key": key });
      box.addEventListener("change", () => {
        const chosen = Array.from(container.querySelectorAll("input:checked")).map((b) => b.value);
        go({ [key]: chosen.join(",") });
      });
      container.append(el("label", {}, box, " " + name));
    }
  }

  function syncControls() {
    for (const box of document.querySelectorAll("#types input, #kinds input")) {
      box.checked = listOf(state[box.dataset.key]).includes(box.value);
    }
    $("depth").value = state.depth || 1;
    $("labels").value = state.lang || "en";
    const asOf = state.as_of;
    $("asof-on").checked = Boolean(asOf);
    if (asOf) $("asof").value = asOf.slice(0, 4);
    $("asof-label").textContent = asOf || "—";
    $("lang").textContent = state.ui === "zh" ? "English" : "中文";
    if (state.funder) $("funder").value = state.funder;
    if (state.from) $("path-from").value = state.from;
    if (state.to) $("path-to").value = state.to;
  }

  function setUpControls() {
    $("depth").addEventListener("change", () => go({ depth: String($("depth").value) }));
    $("labels").addEventListener("change", () => go({ lang: $("labels").value }));
    $("whole").addEventListener("click", () => go({ around: undefined, from: undefined, to: undefined,
                                                     funding: undefined, funder: undefined,
                                                     expand: undefined, remove: undefined }));
    $("asof").addEventListener("input", () => { $("asof-label").textContent = $("asof").value; });
    $("asof").addEventListener("change", () => go({ as_of: $("asof").value }));
    $("asof-on").addEventListener("change", () => go({ as_of: $("asof-on").checked ? $("asof").value : undefined }));
    $("undo").addEventListener("click", () => {
      if (!undoStack.length) return;
      state = undoStack.pop();
      history.pushState(null, "", urlOf(state));
      render(true);
    });
    $("lang").addEventListener("click", () => go({ ui: state.ui === "zh" ? "en" : "zh" }, { redraw: false }));
    $("panel-close").addEventListener("click", () => go({ sel: undefined }, { redraw: false }));
    window.addEventListener("popstate", () => { state = stateFromUrl(); render(true); });
    $("path-go").addEventListener("click", findPath);
    $("funding-go").addEventListener("click", showFunding);
    $("cypher-go").addEventListener("click", runCypher);
    $("export-svg").addEventListener("click", () => {
      const svg = $("graph").querySelector("svg");
      if (svg) download("view.svg", new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
    });
    $("export-dot").addEventListener("click", () => {
      if (current) download("view.dot", new Blob([current.dot], { type: "text/vnd.graphviz" }));
    });
    $("export-json").addEventListener("click", () => {
      if (!current) return;
      const copy = Object.assign({}, current);
      delete copy.svg;
      download("view.json", new Blob([JSON.stringify(copy, null, 2)], { type: "application/json" }));
    });
    $("export-png").addEventListener("click", () => {
      const link = el("a", { href: "/api/view?format=png&" + viewQuery(state), download: "view.png" });
      document.body.append(link);
      link.click();
      link.remove();
    });
  }

  function download(name, blob) {
    const link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // --- path, funding, Cypher --------------------------------------------------------------
  async function findPath() {
    const from = $("path-from").value.trim();
    const to = $("path-to").value.trim();
    const out = $("path-result");
    if (!from || !to) return;
    const params = new URLSearchParams({ from, to });
    if ($("path-directed").checked) params.set("directed", "1");
    if (state.types) params.set("types", state.types);
    if (state.as_of) params.set("as_of", state.as_of);
    try {
      const result = await api("/api/path?" + params.toString());
      if (!result.paths.length) { out.replaceChildren(el("p", {}, t("noPath"))); return; }
      const path = result.paths[0];
      const list = el("ol", { class: "hops" });
      path.nodes.forEach(({ id }, i) => {
        list.append(el("li", { "data-id": id }, displayName(id) + " (" + id + ")"));
        const edge = path.edges[i];
        if (edge) list.append(el("div", { class: "muted" }, "  " + edge.type + (edge.title ? ": " + edge.title : "")));
      });
      out.replaceChildren(el("p", {}, path.edges.length + " ", el("span", { "data-i18n": "hops" }, t("hops"))), list);
      go({ from, to, around: undefined, funding: undefined, funder: undefined, expand: undefined, remove: undefined });
    } catch (error) {
      out.replaceChildren(el("p", { class: "error" }, error.message));
    }
  }

  async function showFunding() {
    const funder = $("funder").value.trim();
    const out = $("funding-result");
    const params = new URLSearchParams();
    if (funder) params.set("funder", funder);
    if (state.as_of) params.set("as_of", state.as_of);
    try {
      const report = await api("/api/funds?" + params.toString());
      const table = el("table", {}, el("tr", {}, el("th", {}, t("funder")), el("th", {}, "→"), el("th", {}, t("amount"))));
      for (const flow of report.flows) {
        table.append(el("tr", {}, el("td", {}, flow.funder), el("td", {}, flow.recipient),
                        el("td", {}, flow.amount === null ? "" : Number(flow.amount).toLocaleString("en") + " " + flow.currency)));
      }
      const totals = report.totals.map((x) => x.funder + " → " + x.recipients + ": " +
                                       Number(x.amount).toLocaleString("en") + " " + x.currency + " (" + x.flows + " " + t("flows") + ")");
      out.replaceChildren(table, ...totals.map((line) => el("div", { class: "muted" }, t("total") + " " + line)));
      go({ funding: "1", funder: funder || undefined, around: undefined, from: undefined, to: undefined,
           expand: undefined, remove: undefined });
    } catch (error) {
      out.replaceChildren(el("p", { class: "error" }, error.message));
    }
  }

  function cellText(value) {
    if (value === null || value === undefined) return "";
    if (typeof value !== "object") return String(value);
    if (Array.isArray(value)) return "[" + value.map(cellText).join(", ") + "]";
    if (value["~"] === "node") return value.id + " (" + ((value.name && (value.name.en || value.name.zh)) || "") + ")";
    if (value["~"] === "relationship") return value.type + " " + value.from + "→" + value.to;
    if (value["~"] === "path") return value.nodes.map((n) => n.id).join(" – ");
    return JSON.stringify(value);
  }

  // Entity ids a value holds (nodes, ends of relationships, paths' nodes).
  function entityIds(value, into) {
    if (!value || typeof value !== "object") return into;
    if (Array.isArray(value)) { value.forEach((v) => entityIds(v, into)); return into; }
    if (value["~"] === "node") into.add(value.id);
    else if (value["~"] === "relationship") { into.add(value.from); into.add(value.to); }
    else if (value["~"] === "path") value.nodes.forEach((n) => into.add(n.id));
    return into;
  }

  async function runCypher() {
    const out = $("cypher-result");
    const params = new URLSearchParams({ q: $("cypher").value });
    if (state.as_of) params.set("as_of", state.as_of);
    try {
      const result = await api("/api/query?" + params.toString());
      const table = el("table", { class: "cypher" }, el("tr", {}, ...result.columns.map((c) => el("th", {}, c))));
      const ids = new Set();
      for (const row of result.rows) {
        table.append(el("tr", {}, ...result.columns.map((c) => el("td", {}, cellText(row[c])))));
        for (const c of result.columns) entityIds(row[c], ids);
      }
      const parts = [el("p", {}, result.rows.length + " ", el("span", { "data-i18n": "rows" }, t("rows"))), table];
      if (ids.size) {
        const show = el("button", { type: "button", id: "cypher-show", "data-i18n": "showInGraph" }, t("showInGraph"));
        show.addEventListener("click", () => {
          const list = Array.from(ids);
          go({ around: list[0], depth: "1", expand: list.slice(1, 50).join(","), from: undefined, to: undefined,
               funding: undefined, funder: undefined, remove: undefined, sel: undefined });
        });
        parts.push(show);
      }
      out.replaceChildren(...parts);
    } catch (error) {
      out.replaceChildren(el("p", { class: "error" }, error.message));
    }
  }

  // --- language -------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = state.ui === "zh" ? "zh" : "en";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    document.title = t("title");
  }

  async function start() {
    state = stateFromUrl();
    setUpZoom();
    setUpSearch();
    setUpControls();
    try {
      schema = await api("/api/schema");
    } catch (error) {
      schema = { kinds: {}, types: {} };
    }
    buildChecks($("types"), Object.keys(schema.types), "types");
    buildChecks($("kinds"), Object.keys(schema.kinds), "kinds");
    history.replaceState(null, "", urlOf(state));
    render(true);
  }

  start();
})();
