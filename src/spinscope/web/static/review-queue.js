(() => {
  "use strict";
  // The review queue: every finding of the article in one list, filtered and sorted in place,
  // walked with buttons or the keyboard, and marked through the review API. Without this
  // script the list and its forms work as plain HTML.
  const R = window.spinscopeReview;
  const list = document.getElementById("queue-list");
  if (!R || !list) {
    return;
  }
  const { data, element } = R;
  const findings = data.findings || {};
  const side = document.getElementById("side");
  const countLine = document.getElementById("queue-count");
  const progress = document.getElementById("progress-text");
  const filterForm = document.getElementById("queue-filters");
  const labelSelect = document.getElementById("filter-label");
  const stateSelect = document.getElementById("filter-state");
  const scoreInput = document.getElementById("filter-score");
  const scoreOut = document.getElementById("min-score-out");
  const sortSelect = document.getElementById("sort");
  const banner = document.getElementById("actor-banner");
  const marks = Array.from(document.querySelectorAll("#article mark[data-ids]"));

  const items = new Map(); // key -> {key, id, li, layer, label, score, start, end, low}
  const byId = new Map(); // finding id -> key
  const addItem = (li) => {
    const key = li.getAttribute("data-key");
    const item = {
      key,
      id: li.getAttribute("data-id"),
      li,
      layer: li.getAttribute("data-layer"),
      label: li.getAttribute("data-label"),
      score: Number(li.getAttribute("data-score")),
      start: Number(li.getAttribute("data-start")),
      end: Number(li.getAttribute("data-end")),
      low: li.hasAttribute("data-low"),
    };
    items.set(key, item);
    if (!byId.has(item.id)) {
      byId.set(item.id, key);
    }
    return item;
  };
  list.querySelectorAll("li.finding").forEach(addItem);

  const filters = {
    layers: new Set(),
    low: false,
    label: "",
    state: "",
    score: 0,
    sort: "position",
    actor: null,
    pinned: null, // a finding linked to, listed whatever the filters
  };
  const readBoxes = () => {
    filters.layers.clear();
    if (filterForm) {
      for (const box of filterForm.querySelectorAll('input[name="show"]')) {
        if (box.checked) {
          filters.layers.add(box.value);
        }
      }
      const low = filterForm.querySelector('input[name="low"]');
      filters.low = Boolean(low && low.checked);
    }
  };
  readBoxes();

  const mine = new Map(); // finding id -> this reviewer's current review
  const tallies = new Map(); // finding id -> {up, down}
  let reviewer = "";
  let order = [];
  let current = null;

  const stateOf = (item) => {
    const review = mine.get(item.id);
    return review && review.verdict ? review.verdict : review ? "edited" : "unreviewed";
  };

  const matches = (item) => {
    if (item.key === filters.pinned) {
      return true;
    }
    if (filters.actor) {
      const actor = (data.actors || []).find((a) => a.id === filters.actor);
      return Boolean(actor && actor.findings.includes(item.key));
    }
    if (filters.label) {
      const [layer, label] = filters.label.split(":");
      if (item.layer !== layer || (label && item.label !== label)) {
        return false;
      }
    } else if (!filters.layers.has(item.layer)) {
      return false;
    }
    if (item.low && !filters.low) {
      return false;
    }
    if (item.score < filters.score) {
      return false;
    }
    if (filters.state === "unreviewed") {
      return stateOf(item) === "unreviewed";
    }
    if (filters.state) {
      return stateOf(item) === filters.state;
    }
    return true;
  };

  // Highlights follow the layer boxes and the low-score box, as on the server.
  const visibleKeys = (mark) =>
    (mark.getAttribute("data-ids") || "")
      .split(" ")
      .filter((k) => findings[k] && filters.layers.has(findings[k].layer))
      .filter((k) => filters.low || !findings[k].low);
  const restyle = (mark) => {
    for (const name of Array.from(mark.classList)) {
      if (/^(f|multi|off|layer-.*|c\d+|u\d+)$/.test(name)) {
        mark.classList.remove(name);
      }
    }
    const keys = visibleKeys(mark);
    if (!keys.length) {
      mark.classList.add("off");
      mark.tabIndex = -1;
      return;
    }
    const first = findings[keys[0]];
    mark.classList.add("f", "layer-" + first.layer, "c" + Number(first.c));
    if (keys.length > 1) {
      mark.classList.add("multi", "u" + Number(findings[keys[1]].c));
    }
    mark.tabIndex = 0;
  };

  const apply = () => {
    const shown = [];
    for (const item of items.values()) {
      const on = matches(item);
      item.li.hidden = !on;
      if (on) {
        shown.push(item);
      }
    }
    if (filters.sort === "score") {
      shown.sort((a, b) => b.score - a.score || a.start - b.start);
    } else {
      shown.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    const all = Array.from(items.values()).sort((a, b) => a.start - b.start || a.end - b.end);
    const rest = all.filter((item) => item.li.hidden);
    for (const item of [...shown, ...rest]) {
      list.append(item.li);
    }
    order = shown.map((item) => item.key);
    marks.forEach(restyle);
    updateProgress();
    if (countLine) {
      countLine.textContent = `Showing ${shown.length} of ${items.size} findings.`;
    }
    if (current && !order.includes(current)) {
      setCurrent(null);
    }
  };

  const updateProgress = () => {
    if (!progress) {
      return;
    }
    let done = 0;
    let listed = 0;
    for (const item of items.values()) {
      if (mine.has(item.id)) {
        done++;
        listed += order.includes(item.key) ? 1 : 0;
      }
    }
    const who = reviewer ? ` (${reviewer})` : "";
    progress.textContent =
      `You${who} reviewed ${listed} of the ${order.length} findings listed ` +
      `(${done} of ${items.size} in all).`;
  };

  const showItemState = (item) => {
    const review = mine.get(item.id);
    const tally = tallies.get(item.id) || { up: 0, down: 0 };
    for (const name of ["up", "down"]) {
      const counter = item.li.querySelector('[data-n="' + name + '"]');
      if (counter) {
        counter.textContent = String(Number(tally[name] || 0));
      }
      const button = item.li.querySelector("button.thumb." + name);
      if (button) {
        button.setAttribute("aria-pressed", String(Boolean(review && review.verdict === name)));
      }
    }
    item.li.classList.toggle("v-up", Boolean(review && review.verdict === "up"));
    item.li.classList.toggle("v-down", Boolean(review && review.verdict === "down"));
    item.li.classList.toggle("reviewed", Boolean(review));
    const label = item.li.querySelector(".mine");
    if (label) {
      const parts = [];
      if (review && review.verdict) {
        parts.push(review.verdict === "up" ? "you: right" : "you: wrong");
      }
      if (review && (review.label || review.start !== null || review.end !== null)) {
        parts.push("corrected");
      }
      if (review && review.added) {
        parts.push("added by you");
      }
      label.textContent = parts.length ? " · " + parts.join(", ") : "";
    }
  };

  // The side panel scrolls on its own on a wide screen: bring the item into it without moving
  // the window. On a narrow screen the list is below the text, and the window stays put.
  const revealItem = (item) => {
    if (!side || R.narrow()) {
      return;
    }
    const box = item.li.getBoundingClientRect();
    const frame = side.getBoundingClientRect();
    if (box.top < frame.top + 8 || box.bottom > frame.bottom - 8) {
      side.scrollTop += box.top - frame.top - frame.height / 3;
    }
  };

  const setCurrent = (key, { reveal = true } = {}) => {
    if (current && items.has(current)) {
      const old = items.get(current).li;
      old.classList.remove("current");
      old.removeAttribute("aria-current");
    }
    current = key && items.has(key) ? key : null;
    if (!current) {
      R.paint("current", []);
      return;
    }
    const item = items.get(current);
    if (item.li.hidden) {
      // Chosen from the text while the filters hide it: list it until they change.
      filters.pinned = current;
      apply();
    }
    item.li.classList.add("current");
    item.li.setAttribute("aria-current", "true");
    R.paint("current", [[item.start, item.end]]);
    if (reveal) {
      revealItem(item);
      R.reveal(item.start, item.end);
    }
    document.dispatchEvent(new CustomEvent("review:current", { detail: { key: current } }));
  };

  const move = (step) => {
    if (!order.length) {
      return;
    }
    const at = current ? order.indexOf(current) : -1;
    const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : at + step;
    if (next >= 0 && next < order.length) {
      setCurrent(order[next]);
    }
  };

  const nextUnreviewed = () => {
    if (!order.length) {
      return;
    }
    const at = current ? order.indexOf(current) : -1;
    for (let step = 1; step <= order.length; step++) {
      const key = order[(at + step + order.length) % order.length];
      if (stateOf(items.get(key)) === "unreviewed") {
        setCurrent(key);
        return;
      }
    }
  };

  const status = (item, text, bad) => {
    const node = item.li.querySelector(".fb-status");
    if (node) {
      node.classList.toggle("bad", Boolean(bad));
      node.textContent = text;
    }
  };

  const addComment = (item, verdict, text) => {
    const comments = item.li.querySelector(".comments");
    if (!comments || !text) {
      return;
    }
    const entry = element("li", "v-" + (verdict || "note"));
    entry.append(text + " ", element("span", "muted", "just now"));
    comments.append(entry);
  };

  // Record this reviewer's review. A review replaces the reviewer's current one whole (a null
  // field means "as found"), so the fields ``changes`` leaves out keep their current values:
  // marking a corrected finding keeps its correction and comment. The answer's review and
  // tally replace what the page shows.
  const FIELDS = ["verdict", "comment", "label", "start", "end", "target", "accuser", "grade"];
  const save = async (key, changes) => {
    const item = items.get(key);
    if (!item) {
      return null;
    }
    const previous = mine.get(item.id) || {};
    const body = {};
    for (const name of FIELDS) {
      const value = Object.prototype.hasOwnProperty.call(changes, name) ? changes[name] : previous[name];
      body[name] = value === undefined ? null : value;
    }
    if (FIELDS.every((name) => body[name] === null)) {
      if (mine.has(item.id)) {
        await withdraw(key);
      }
      return { review: null };
    }
    status(item, "Saving…");
    try {
      const path = `${R.documentPath}/findings/${encodeURIComponent(item.id)}/review`;
      const answer = await R.api("PUT", path, body);
      if (answer && answer.review) {
        mine.set(item.id, answer.review);
      }
      if (answer && answer.tally) {
        tallies.set(item.id, answer.tally);
      }
      showItemState(item);
      updateProgress();
      status(item, "Saved");
      if (changes.comment && changes.comment !== previous.comment) {
        addComment(item, body.verdict, changes.comment);
      }
      return answer;
    } catch (error) {
      status(item, "Not saved: " + error.message, true);
      return null;
    }
  };

  const mark = async (key, verdict, { advance = true } = {}) => {
    const item = items.get(key);
    if (!item) {
      return;
    }
    const field = item.li.querySelector('input[name="comment"]');
    const changes = { verdict };
    if (field && field.value.trim()) {
      changes.comment = field.value.trim();
    }
    if (advance) {
      move(1);
    }
    const answer = await save(key, changes);
    if (answer && field) {
      field.value = "";
    }
  };

  const withdraw = async (key) => {
    const item = items.get(key);
    if (!item) {
      return;
    }
    try {
      const path = `${R.documentPath}/findings/${encodeURIComponent(item.id)}/review`;
      const answer = await R.api("DELETE", path);
      mine.delete(item.id);
      if (answer && answer.tally) {
        tallies.set(item.id, answer.tally);
      }
      showItemState(item);
      updateProgress();
      status(item, "Withdrawn");
    } catch (error) {
      status(item, "Not withdrawn: " + error.message, true);
    }
  };

  // A finding a reviewer added: an item of its own in the list.
  const addedItem = (review) => {
    const key = review.finding_id; // "r1": never a detector's key ("f…")
    if (items.has(key)) {
      return items.get(key);
    }
    const finding = review.finding || {};
    const start = review.start ?? finding.start;
    const end = review.end ?? finding.end;
    const label = review.label || finding.label;
    const names = (data.labels[review.layer] || []).find((pair) => pair[0] === label);
    const li = element("li", "finding added");
    li.id = "finding-" + key;
    li.setAttribute("data-key", key);
    li.setAttribute("data-id", review.finding_id);
    li.setAttribute("data-layer", review.layer);
    li.setAttribute("data-label", label);
    li.setAttribute("data-score", "1");
    li.setAttribute("data-start", String(start));
    li.setAttribute("data-end", String(end));
    const head = element("p", "fhead");
    head.append(
      element("strong", "fname", names ? names[1] : label),
      " ",
      element("span", "muted flayer", (data.layers.find((l) => l[0] === review.layer) || [])[1]),
      " ",
      element("span", "pill", "added by " + review.reviewer),
      element("span", "mine"),
    );
    const quote = element("q", "quote", R.textAt(start, end));
    const form = element("div", "fb");
    for (const [verdict, title] of [["up", "Right (y)"], ["down", "Wrong (n)"]]) {
      const button = element("button", "thumb " + verdict);
      button.type = "button";
      button.title = title;
      button.setAttribute("data-verdict", verdict);
      const icon = element("img");
      icon.src = "/static/thumb-" + verdict + ".svg";
      icon.alt = verdict === "up" ? "Right" : "Wrong";
      icon.width = 16;
      icon.height = 16;
      const n = element("span", "n", "0");
      n.setAttribute("data-n", verdict);
      button.append(icon, n);
      form.append(button);
    }
    const edit = element("button", "edit", "Edit");
    edit.type = "button";
    form.append(edit, element("span", "fb-status"));
    li.append(head, quote, form, element("ul", "comments"));
    list.append(li);
    findings[key] = {
      id: review.finding_id,
      layer: review.layer,
      layer_title: (data.layers.find((l) => l[0] === review.layer) || [])[1],
      label,
      name: names ? names[1] : label,
      c: 0,
      start,
      end,
      score: 1,
    };
    return addItem(li);
  };

  const loadReviews = async () => {
    let answer;
    try {
      answer = await R.api("GET", R.documentPath + "/reviews");
    } catch (error) {
      return;
    }
    reviewer = (answer && answer.reviewer) || "";
    mine.clear();
    tallies.clear();
    for (const review of (answer && answer.reviews) || []) {
      if (review.replaced) {
        continue;
      }
      if (review.added) {
        addedItem(review);
      }
      if (review.reviewer === reviewer) {
        mine.set(review.finding_id, review);
      }
      const tally = tallies.get(review.finding_id) || { up: 0, down: 0 };
      if (review.verdict === "up" || review.verdict === "down") {
        tally[review.verdict]++;
      }
      tallies.set(review.finding_id, tally);
    }
    for (const item of items.values()) {
      if (tallies.has(item.id)) {
        showItemState(item);
      }
    }
    updateProgress();
    apply();
  };

  // Controls.
  if (filterForm) {
    filterForm.addEventListener("change", (event) => {
      if (event.target === labelSelect && labelSelect.value) {
        const layer = labelSelect.value.split(":")[0];
        const box = filterForm.querySelector(`input[name="show"][value="${CSS.escape(layer)}"]`);
        if (box) {
          box.checked = true;
        }
      }
      readBoxes();
      filters.pinned = null;
      filters.label = labelSelect ? labelSelect.value : "";
      filters.state = stateSelect ? stateSelect.value : "";
      filters.score = scoreInput ? Number(scoreInput.value) : 0;
      filters.sort = sortSelect ? sortSelect.value : "position";
      if (scoreOut) {
        scoreOut.textContent = filters.score.toFixed(2);
      }
      apply();
    });
    filterForm.addEventListener("input", (event) => {
      if (event.target === scoreInput) {
        filterForm.dispatchEvent(new Event("change"));
      }
    });
    filterForm.addEventListener("submit", (event) => event.preventDefault());
  }
  const click = (id, action) => {
    const node = document.getElementById(id);
    if (node) {
      node.addEventListener("click", action);
    }
  };
  click("nav-next", () => move(1));
  click("nav-prev", () => move(-1));
  click("nav-unreviewed", nextUnreviewed);

  // The items' own buttons: a thumb marks, Edit opens the editor; a click elsewhere selects.
  list.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const li = target ? target.closest("li.finding") : null;
    if (!li) {
      return;
    }
    const key = li.getAttribute("data-key");
    const thumb = target.closest("button.thumb");
    if (thumb) {
      event.preventDefault();
      setCurrent(key, { reveal: false });
      mark(key, thumb.getAttribute("data-verdict") || thumb.value, { advance: false });
    } else if (target.closest("button.edit")) {
      setCurrent(key, { reveal: false });
      document.dispatchEvent(new CustomEvent("review:edit", { detail: { key } }));
    } else if (!target.closest("input, a, button, textarea, select")) {
      setCurrent(key);
    }
  });
  list.addEventListener("submit", (event) => event.preventDefault());

  // Summary entries filter the queue to what they name.
  for (const entry of document.querySelectorAll(".summary [data-filter]")) {
    entry.setAttribute("role", "button");
    entry.tabIndex = 0;
    const choose = () => {
      filters.actor = null;
      filters.label = entry.getAttribute("data-filter");
      if (labelSelect) {
        labelSelect.value = filters.label;
      }
      apply();
      move(1);
    };
    entry.addEventListener("click", choose);
    entry.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        choose();
      }
    });
  }

  // The actor view: one actor's mentions, descriptors and allegations highlighted together.
  const showActor = (id) => {
    const actor = (data.actors || []).find((a) => a.id === id);
    if (!actor || !banner) {
      return;
    }
    filters.actor = id;
    const spans = [...actor.mentions, ...actor.descriptors];
    const alleged = actor.findings.filter((k) => findings[k] && findings[k].layer === "allegation");
    for (const key of alleged) {
      spans.push([findings[key].start, findings[key].end]);
    }
    R.paint("actor", actor.mentions.concat(actor.descriptors));
    R.paint("actor-allegation", alleged.map((k) => [findings[k].start, findings[k].end]));
    banner.replaceChildren(
      element("strong", "", actor.name),
      ` · ${actor.mentions.length} mentions, ${actor.descriptors.length} descriptors, ` +
        `${alleged.length} allegations highlighted `,
    );
    const clear = element("button", "", "Show every finding");
    clear.type = "button";
    clear.addEventListener("click", () => {
      filters.actor = null;
      R.paint("actor", []);
      R.paint("actor-allegation", []);
      banner.hidden = true;
      apply();
    });
    banner.append(clear);
    banner.hidden = false;
    apply();
    const first = spans.sort((a, b) => a[0] - b[0])[0];
    if (first) {
      R.reveal(first[0], first[1]);
    }
  };
  for (const button of document.querySelectorAll("button.actor-show")) {
    button.addEventListener("click", () => showActor(button.getAttribute("data-actor")));
  }
  // A target named in the summary opens its actor view.
  for (const entry of document.querySelectorAll(".summary [data-actor]")) {
    entry.setAttribute("role", "button");
    entry.tabIndex = 0;
    entry.addEventListener("click", () => showActor(entry.getAttribute("data-actor")));
    entry.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        showActor(entry.getAttribute("data-actor"));
      }
    });
  }

  // The keyboard: j/k move, u the next unreviewed, y/n mark, x withdraws, e edits, a adds,
  // ? shows the shortcuts. Keys typed into a field, or with a modifier, are left alone.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target;
    if (
      target instanceof Element &&
      target.closest("input, textarea, select, [contenteditable]")
    ) {
      return;
    }
    if (document.querySelector(".overlay:not([hidden])")) {
      return;
    }
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      u: nextUnreviewed,
      y: () => current && mark(current, "up"),
      n: () => current && mark(current, "down"),
      x: () => current && withdraw(current),
      e: () => current && document.dispatchEvent(new CustomEvent("review:edit", { detail: { key: current } })),
      a: () => document.dispatchEvent(new CustomEvent("review:add")),
      "?": () => document.dispatchEvent(new CustomEvent("review:help")),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  R.queue = {
    items,
    byId,
    current: () => current,
    select: setCurrent,
    mark,
    save,
    apply,
    addedItem,
    refresh: (key) => items.has(key) && showItemState(items.get(key)),
    reviewOf: (key) => (items.has(key) ? mine.get(items.get(key).id) || null : null),
    stateOf,
    visibleKeys,
  };
  document.documentElement.classList.add("review-ready");
  apply();
  // A link to one finding (#finding-KEY) makes it the current one, listed whatever the filters
  // until they are changed.
  const linked = /^#finding-(.+)$/.exec(window.location.hash);
  if (linked && items.has(decodeURIComponent(linked[1]))) {
    filters.pinned = decodeURIComponent(linked[1]);
    apply();
    setCurrent(filters.pinned);
  }
  loadReviews();
})();
