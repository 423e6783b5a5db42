(() => {
  "use strict";
  // The corpus report's script: a filter over the narratives table, and the trend charts.
  // It never writes markup into the page: text goes in with textContent, charts are drawn by
  // the vendored Vega-Lite scripts from the JSON block the page carries.
  for (const input of document.querySelectorAll("input[data-target]")) {
    const table = document.getElementById(input.getAttribute("data-target") || "");
    if (!table) {
      continue;
    }
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    input.addEventListener("input", () => {
      const needle = input.value.trim().toLowerCase();
      for (const row of rows) {
        const text = (row.textContent || "").toLowerCase();
        row.classList.toggle("hidden", needle !== "" && !text.includes(needle));
      }
    });
  }

  const source = document.getElementById("corpus-chart-data");
  const g = globalThis;
  if (!source || typeof g.vegaEmbed !== "function" || !g.vegaInterpreter) {
    return;
  }
  const data = JSON.parse(source.textContent || "{}");
  const form = document.getElementById("chart-filter");
  const DAY = 86400000;
  const embedOptions = {
    actions: false,
    renderer: "svg",
    ast: true,
    expr: g.vegaInterpreter.expressionInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true, theme: "custom" },
  };

  const weekEnd = (start) => new Date(Date.parse(start) + 7 * DAY).toISOString().slice(0, 10);

  function filters() {
    const value = (name) => (form && form.elements[name] ? form.elements[name].value : "");
    return {
      outlet: value("outlet"),
      language: value("language"),
      from: value("from"),
      to: value("to"),
    };
  }

  function kept(cell, f) {
    if (f.outlet && cell.outlet !== f.outlet) return false;
    if (f.language && cell.language !== f.language) return false;
    if (cell.start === null) return true; // undated: counted apart, whatever the range
    if (f.from && cell.week < f.from) return false;
    if (f.to && cell.week > f.to) return false;
    return true;
  }

  function colourScale(kind, names) {
    const colours = data.colours[kind] || {};
    return { domain: names, range: names.map((n) => colours[n] || "#555555") };
  }

  // Ticks on the Mondays that start the ISO weeks, labelled by date; Vega drops the labels
  // that would overlap.
  const xWeek = {
    field: "start",
    type: "temporal",
    title: "ISO week (from Monday)",
    scale: { type: "utc" },
    axis: {
      format: "%d %b %Y",
      labelOverlap: "greedy",
      labelAngle: 0,
      values: data.weeks.map((w) => {
        const [year, month, date] = w.start.split("-").map(Number);
        return { year, month, date, utc: true };
      }),
    },
  };
  const weekTip = { field: "week", title: "ISO week" };

  function series(cells) {
    const byWeek = new Map();
    const byOutlet = new Map();
    for (const cell of cells) {
      if (cell.start === null) continue;
      const w = byWeek.get(cell.week) || { week: cell.week, start: cell.start, articles: 0, techniques: {} };
      w.articles += cell.articles;
      for (const [name, n] of Object.entries(cell.techniques)) {
        w.techniques[name] = (w.techniques[name] || 0) + n;
      }
      byWeek.set(cell.week, w);
      const key = cell.outlet + "\u0000" + cell.week;
      const o = byOutlet.get(key) || { outlet: cell.outlet, week: cell.week, start: cell.start, articles: 0, allegations: 0 };
      o.articles += cell.articles;
      o.allegations += cell.allegations;
      byOutlet.set(key, o);
    }
    const articles = [];
    const allegations = [];
    const order = new Map(data.outlets.map((name, i) => [name, i]));
    const stacked = Array.from(byOutlet.values()).sort(
      (a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : order.get(a.outlet) - order.get(b.outlet)),
    );
    const base = new Map();
    for (const o of stacked) {
      const bottom = base.get(o.week) || 0;
      base.set(o.week, bottom + o.articles);
      articles.push({
        outlet: o.outlet,
        week: o.week,
        start: o.start,
        end: weekEnd(o.start),
        articles: o.articles,
        bottom,
        top: bottom + o.articles,
      });
    }
    for (const o of byOutlet.values()) {
      allegations.push({
        outlet: o.outlet,
        week: o.week,
        start: o.start,
        allegations: o.allegations,
        articles: o.articles,
        per100: o.articles ? (100 * o.allegations) / o.articles : 0,
      });
    }
    const shares = [];
    for (const w of byWeek.values()) {
      for (const name of data.techniques) {
        const n = w.techniques[name] || 0;
        shares.push({ technique: name, week: w.week, start: w.start, with: n, articles: w.articles, share: w.articles ? n / w.articles : 0 });
      }
    }
    return { articles, allegations, shares };
  }

  function specs(s) {
    const outlets = data.outlets;
    return {
      "chart-articles": {
        width: "container",
        height: 200,
        data: { values: s.articles },
        mark: { type: "bar", tooltip: true },
        encoding: {
          x: xWeek,
          x2: { field: "end" },
          y: { field: "top", type: "quantitative", title: "Articles" },
          y2: { field: "bottom" },
          color: { field: "outlet", type: "nominal", title: "Outlet", scale: colourScale("outlet", outlets), legend: { orient: "bottom", columns: 4 } },
          tooltip: [weekTip, { field: "outlet", title: "Outlet" }, { field: "articles", type: "quantitative", title: "Articles" }],
        },
      },
      "chart-techniques": {
        width: "container",
        height: 260,
        data: { values: s.shares },
        mark: { type: "line", point: true, tooltip: true },
        encoding: {
          x: xWeek,
          y: { field: "share", type: "quantitative", title: "Share of the week's articles", axis: { format: ".0%" } },
          color: { field: "technique", type: "nominal", title: "Technique", scale: colourScale("technique", data.techniques), legend: { orient: "bottom", columns: 3, labelLimit: 260 } },
          tooltip: [
            weekTip,
            { field: "technique", title: "Technique" },
            { field: "share", type: "quantitative", title: "Share of articles", format: ".1%" },
            { field: "with", type: "quantitative", title: "Articles with it" },
            { field: "articles", type: "quantitative", title: "Articles that week" },
          ],
        },
      },
      "chart-allegations": {
        width: "container",
        height: 220,
        data: { values: s.allegations },
        mark: { type: "line", point: true, tooltip: true },
        encoding: {
          x: xWeek,
          y: { field: "per100", type: "quantitative", title: "Allegations per 100 articles" },
          color: { field: "outlet", type: "nominal", title: "Outlet", scale: colourScale("outlet", outlets), legend: { orient: "bottom", columns: 4 } },
          tooltip: [
            weekTip,
            { field: "outlet", title: "Outlet" },
            { field: "per100", type: "quantitative", title: "Per 100 articles", format: ".1f" },
            { field: "allegations", type: "quantitative", title: "Allegations" },
            { field: "articles", type: "quantitative", title: "Articles" },
          ],
        },
      },
    };
  }

  const views = new Map();

  function undatedNote(cells) {
    const note = document.getElementById("undated-note");
    if (!note) return;
    let articles = 0;
    let allegations = 0;
    for (const cell of cells) {
      if (cell.start === null) {
        articles += cell.articles;
        allegations += cell.allegations;
      }
    }
    note.textContent = articles
      ? `${articles} undated article${articles === 1 ? " is" : "s are"} counted apart (${allegations} allegation${allegations === 1 ? "" : "s"}), not on the time axes; the CSV has them as week "undated".`
      : "";
  }

  async function draw() {
    const f = filters();
    const cells = data.cells.filter((c) => kept(c, f));
    undatedNote(cells);
    const s = series(cells);
    for (const [id, spec] of Object.entries(specs(s))) {
      const target = document.getElementById(id);
      if (!target) continue;
      const old = views.get(id);
      if (old) old.finalize();
      views.delete(id);
      if (spec.data.values.length === 0) {
        target.textContent = "No dated article matches the filter.";
        target.classList.add("empty");
        target.setAttribute("data-drawn", "0");
        continue;
      }
      target.classList.remove("empty");
      target.textContent = "";
      const result = await g.vegaEmbed(target, spec, embedOptions);
      views.set(id, result);
      target.setAttribute("data-drawn", String(spec.data.values.length));
    }
  }

  if (form) {
    form.addEventListener("change", () => {
      draw().catch((error) => console.error(error));
    });
    form.addEventListener("submit", (event) => event.preventDefault());
  }
  draw().catch((error) => console.error(error));
})();
