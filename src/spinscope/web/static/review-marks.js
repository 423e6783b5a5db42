(() => {
  "use strict";
  // A click (or Enter) on a highlight lists every finding at that place: beside the text on a
  // wide screen, as a sheet along the bottom on a narrow one. The window never scrolls away
  // from the text; each listed finding can be chosen, marked or edited from there.
  const R = window.spinscopeReview;
  const popover = document.getElementById("popover");
  if (!R || !R.queue || !popover) {
    return;
  }
  const { data, element } = R;
  let openFor = null;

  const shownKeys = (mark) => R.queue.visibleKeys(mark).filter((key) => R.queue.items.has(key));

  const close = () => {
    popover.hidden = true;
    popover.classList.remove("sheet");
    document.body.classList.remove("sheet-open");
    openFor = null;
  };

  const entry = (key) => {
    const finding = data.findings[key];
    const item = element("div", "pop-item");
    item.setAttribute("data-key", key);
    const head = element("p", "pop-head");
    head.append(
      element("span", "sw c" + Number(finding.c)),
      element("strong", "", finding.name),
      " ",
      element("span", "muted", `${finding.layer_title} · ${Number(finding.score).toFixed(2)}`),
    );
    const state = R.queue.stateOf(R.queue.items.get(key));
    if (state !== "unreviewed") {
      head.append(element("span", "pill", state === "up" ? "you: right" : state === "down" ? "you: wrong" : "you: edited"));
    }
    item.append(head);
    if (finding.explanation) {
      item.append(element("p", "muted pop-why", finding.explanation));
    }
    const actions = element("p", "pop-actions");
    for (const [action, text] of [["select", "Go to it"], ["up", "Right"], ["down", "Wrong"], ["edit", "Edit"]]) {
      const button = element("button", "pop-" + action, text);
      button.type = "button";
      button.setAttribute("data-action", action);
      actions.append(button);
    }
    item.append(actions);
    return item;
  };

  const place = (mark) => {
    if (R.narrow()) {
      popover.classList.add("sheet");
      document.body.classList.add("sheet-open");
      popover.style.left = "";
      popover.style.top = "";
      const box = mark.getBoundingClientRect();
      const top = window.innerHeight - popover.offsetHeight;
      if (box.bottom > top - 8) {
        window.scrollBy(0, box.bottom - top + 16);
      }
      return;
    }
    popover.classList.remove("sheet");
    document.body.classList.remove("sheet-open");
    const box = mark.getBoundingClientRect();
    const width = popover.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    let top = box.bottom + 6;
    if (top + popover.offsetHeight > window.innerHeight - 8 && box.top - popover.offsetHeight - 6 > 8) {
      top = box.top - popover.offsetHeight - 6;
    }
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  };

  // List ``keys`` beside ``anchor`` (a highlight), or in the sheet on a narrow screen.
  const list = (keys, anchor) => {
    openFor = anchor;
    popover.replaceChildren();
    const head = element("div", "pop-top");
    head.append(element("strong", "", keys.length === 1 ? "1 finding here" : `${keys.length} findings here`));
    const shut = element("button", "pop-close", "Close");
    shut.type = "button";
    head.append(shut);
    popover.append(head, ...keys.map(entry));
    popover.hidden = false;
    if (anchor) {
      place(anchor);
    }
  };

  const open = (mark) => {
    const keys = shownKeys(mark);
    if (!keys.length) {
      return;
    }
    // One finding on a wide screen: choose it in the queue at once.
    if (keys.length === 1 && !R.narrow()) {
      close();
      R.queue.select(keys[0], { reveal: true });
      return;
    }
    list(keys, mark);
    const first = popover.querySelector(".pop-select");
    if (first) {
      first.focus({ preventScroll: true });
    }
  };

  // On a narrow screen the list is far below the text: the finding moved to shows in the sheet.
  let quiet = false;
  document.addEventListener("review:current", (event) => {
    if (quiet) {
      return;
    }
    if (!R.narrow()) {
      if (!popover.hidden) {
        close();
      }
      return;
    }
    const key = event.detail.key;
    if (popover.hidden || !popover.querySelector(`.pop-item[data-key="${CSS.escape(key)}"]`)) {
      popover.classList.add("sheet");
      list([key], null);
      popover.classList.add("sheet");
      document.body.classList.add("sheet-open");
      const finding = data.findings[key];
      R.reveal(finding.start, finding.end);
    }
  });
  const selectQuietly = (key, options) => {
    quiet = true;
    try {
      R.queue.select(key, options);
    } finally {
      quiet = false;
    }
  };

  popover.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    if (target.closest(".pop-close")) {
      const back = openFor;
      close();
      if (back) {
        back.focus({ preventScroll: true });
      }
      return;
    }
    const button = target.closest("button[data-action]");
    const item = target.closest(".pop-item");
    if (!button || !item) {
      return;
    }
    const key = item.getAttribute("data-key");
    const action = button.getAttribute("data-action");
    if (action === "select") {
      close();
      R.queue.select(key, { reveal: !R.narrow() });
    } else if (action === "edit") {
      close();
      selectQuietly(key, { reveal: false });
      document.dispatchEvent(new CustomEvent("review:edit", { detail: { key } }));
    } else {
      selectQuietly(key, { reveal: false });
      R.queue.mark(key, action, { advance: false }).then(() => {
        if (openFor) {
          const fresh = entry(key);
          item.replaceWith(fresh);
        }
      });
    }
  });

  const markOf = (target) => (target instanceof Element ? target.closest("#article mark[data-ids]") : null);
  document.addEventListener("click", (event) => {
    const mark = markOf(event.target);
    if (mark && !mark.classList.contains("off")) {
      if (event.target instanceof Element && event.target.closest("a[href]")) {
        event.preventDefault();
      }
      open(mark);
    } else if (!popover.hidden && !(event.target instanceof Node && popover.contains(event.target))) {
      close();
    }
  });
  document.addEventListener("keydown", (event) => {
    const mark = markOf(event.target);
    if (event.key === "Escape" && !popover.hidden) {
      event.preventDefault();
      const back = openFor;
      close();
      if (back) {
        back.focus({ preventScroll: true });
      }
    } else if (mark && event.key === "Enter") {
      event.preventDefault();
      open(mark);
    }
  });
})();
