(() => {
  "use strict";
  // Progressive enhancement for the spinscope report: a tooltip per highlight and layer toggles.
  // Text from the article only ever reaches the page through textContent.
  document.documentElement.classList.add("js");
  const dataElement = document.getElementById("findings-data");
  const tip = document.getElementById("tip");
  if (!dataElement || !tip) {
    return;
  }
  let data = {};
  try {
    data = JSON.parse(dataElement.textContent || "{}");
  } catch (error) {
    return;
  }
  const findings = data.findings || {};
  const has = (key) => Object.prototype.hasOwnProperty.call(findings, key);
  const marks = Array.from(document.querySelectorAll("mark[data-ids]"));
  const keysOf = new Map();
  const marksOf = new Map();
  for (const mark of marks) {
    const keys = (mark.getAttribute("data-ids") || "").split(" ").filter(has);
    keysOf.set(mark, keys);
    for (const key of keys) {
      if (!marksOf.has(key)) {
        marksOf.set(key, []);
      }
      marksOf.get(key).push(mark);
    }
    // The native title is the fallback without script; the tooltip replaces it.
    mark.removeAttribute("title");
  }
  const hiddenLayers = new Set();
  // Findings scored below their layer's threshold start hidden; the box in the legend shows them.
  const lowBox = document.getElementById("show-low");
  let showLow = Boolean(lowBox && lowBox.checked);
  let current = null;
  let pinned = null;

  const visibleKeys = (mark) =>
    (keysOf.get(mark) || []).filter(
      (key) => !hiddenLayers.has(findings[key].layer) && (showLow || !findings[key].low),
    );

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  };

  const fill = (mark) => {
    tip.replaceChildren();
    const keys = visibleKeys(mark);
    for (const key of keys) {
      const finding = findings[key];
      const item = element("div", "tip-item");
      const head = element("div", "tip-head");
      head.append(element("span", "sw c" + Number(finding.c)));
      head.append(element("strong", "tip-label", finding.name || finding.label));
      head.append(element("span", "tip-layer", finding.lt || finding.layer));
      item.append(head);
      if (finding.definition) {
        item.append(element("p", "tip-def", finding.definition));
      }
      if (finding.explanation) {
        item.append(element("p", "tip-expl", finding.explanation));
      }
      const score = Number(finding.score).toFixed(2);
      const facts = `score ${score} · ${finding.detector} · ${finding.start}–${finding.end}`;
      item.append(element("p", "tip-facts", facts));
      for (const [name, value] of finding.extra || []) {
        item.append(element("p", "tip-extra", `${name}: ${value}`));
      }
      tip.append(item);
    }
    return keys.length > 0;
  };

  // Narrow screens (a phone) get the details as a sheet along the bottom of the screen.
  const narrow = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;
  const sheet = (mark) => {
    tip.classList.add("sheet");
    document.body.classList.add("sheet-open");
    tip.style.left = "";
    tip.style.top = "";
    if (!tip.querySelector(".tip-close")) {
      const close = element("button", "tip-close", "Close");
      close.type = "button";
      tip.prepend(close);
    }
    // Keep the highlight in view above the sheet: a small scroll at most, never a jump.
    const box = mark.getBoundingClientRect();
    const top = window.innerHeight - tip.offsetHeight;
    if (box.bottom > top - 8) {
      window.scrollBy(0, box.bottom - top + 16);
    } else if (box.top < 0) {
      window.scrollBy(0, box.top - 16);
    }
  };

  const place = (mark) => {
    tip.hidden = false;
    if (narrow && narrow.matches) {
      sheet(mark);
      return;
    }
    tip.classList.remove("sheet");
    document.body.classList.remove("sheet-open");
    const box = mark.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const viewport = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(box.left, viewport - width - 8));
    let top = box.bottom + 6;
    if (top + height > window.innerHeight - 8 && box.top - height - 6 > 8) {
      top = box.top - height - 6;
    }
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
  };

  const heat = (mark, on) => {
    for (const key of visibleKeys(mark)) {
      for (const other of marksOf.get(key) || []) {
        other.classList.toggle("hot", on);
      }
    }
  };

  const hide = () => {
    if (current) {
      heat(current, false);
      current.removeAttribute("aria-describedby");
    }
    current = null;
    pinned = null;
    tip.hidden = true;
    tip.classList.remove("sheet");
    document.body.classList.remove("sheet-open");
  };
  tip.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest(".tip-close")) {
      hide();
    }
  });

  const show = (mark) => {
    if (current && current !== mark) {
      heat(current, false);
    }
    current = mark;
    if (!fill(mark)) {
      hide();
      return;
    }
    heat(mark, true);
    mark.setAttribute("aria-describedby", "tip");
    place(mark);
  };

  const toggle = (mark) => {
    if (pinned === mark) {
      hide();
      return;
    }
    show(mark);
    pinned = current === mark ? mark : null;
  };

  const markOf = (target) =>
    target instanceof Element ? target.closest("mark[data-ids]") : null;

  document.addEventListener("mouseover", (event) => {
    const mark = markOf(event.target);
    if (mark && !pinned) {
      show(mark);
    }
  });
  document.addEventListener("mouseout", (event) => {
    const mark = markOf(event.target);
    const into = event.relatedTarget;
    if (!mark || pinned || (into instanceof Node && (mark.contains(into) || tip.contains(into)))) {
      return;
    }
    hide();
  });
  tip.addEventListener("mouseleave", (event) => {
    if (!pinned && !(event.relatedTarget instanceof Node && current && current.contains(event.relatedTarget))) {
      hide();
    }
  });
  document.addEventListener("focusin", (event) => {
    const mark = markOf(event.target);
    if (mark && pinned !== mark) {
      pinned = null;
      show(mark);
    }
  });
  document.addEventListener("focusout", (event) => {
    if (markOf(event.target) && !pinned) {
      hide();
    }
  });
  document.addEventListener("click", (event) => {
    const mark = markOf(event.target);
    if (mark) {
      event.preventDefault();
      toggle(mark);
    } else if (current && !(event.target instanceof Node && tip.contains(event.target))) {
      hide();
    }
  });
  document.addEventListener("keydown", (event) => {
    const mark = markOf(event.target);
    if (event.key === "Escape") {
      hide();
    } else if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggle(mark);
    }
  });
  window.addEventListener("resize", () => {
    if (current && !(narrow && narrow.matches && tip.classList.contains("sheet"))) {
      place(current);
    }
  });

  const styling = /^(f|multi|off|hot|layer-.*|c\d+|u\d+)$/;
  const restyle = (mark) => {
    for (const name of Array.from(mark.classList)) {
      if (styling.test(name)) {
        mark.classList.remove(name);
      }
    }
    const keys = visibleKeys(mark);
    if (keys.length === 0) {
      mark.classList.add("off");
      mark.tabIndex = -1;
      return;
    }
    const first = findings[keys[0]];
    mark.classList.add("f", "layer-" + first.lc, "c" + Number(first.c));
    if (keys.length > 1) {
      mark.classList.add("multi", "u" + Number(findings[keys[1]].c));
    }
    mark.tabIndex = 0;
  };

  // Layers whose box starts unchecked (entities, claims: one per name or sentence) start hidden.
  for (const box of document.querySelectorAll("input.layer-toggle")) {
    if (!box.checked) {
      hiddenLayers.add(box.getAttribute("data-layer"));
    }
  }
  const lowRows = () => {
    document.documentElement.classList.toggle("show-low", showLow);
  };
  lowRows();
  const anyLow = Object.keys(findings).some((key) => findings[key].low);
  if (hiddenLayers.size > 0 || (anyLow && !showLow)) {
    marks.forEach(restyle);
  }
  if (lowBox) {
    lowBox.addEventListener("change", () => {
      showLow = lowBox.checked;
      hide();
      marks.forEach(restyle);
      lowRows();
    });
  }

  for (const box of document.querySelectorAll("input.layer-toggle")) {
    box.addEventListener("change", () => {
      const layer = box.getAttribute("data-layer");
      if (box.checked) {
        hiddenLayers.delete(layer);
      } else {
        hiddenLayers.add(layer);
      }
      hide();
      marks.forEach(restyle);
      for (const row of document.querySelectorAll("tr[data-layer]")) {
        row.classList.toggle("muted-row", hiddenLayers.has(row.getAttribute("data-layer")));
      }
    });
  }
})();
