(() => {
  "use strict";
  // The editor: correct a finding's label, span, allegation fields and comment, or add a span
  // the detectors missed; and the keyboard help. Both are dialogs that keep the text in view.
  const R = window.spinscopeReview;
  const overlay = document.getElementById("editor");
  const form = document.getElementById("editor-form");
  if (!R || !R.queue || !overlay || !form) {
    return;
  }
  const { data, element } = R;
  const field = (id) => document.getElementById(id);
  const layerSelect = field("editor-layer");
  const labelSelect = field("editor-label");
  const startInput = field("editor-start");
  const endInput = field("editor-end");
  const preview = field("editor-preview");
  const what = field("editor-what");
  const allegation = field("editor-allegation");
  const grade = field("editor-grade");
  const comment = field("editor-comment");
  const status = field("editor-status");
  const help = field("help");
  let editing = null; // {mode: "edit"|"add", key, finding}
  let returnFocus = null;

  const options = (select, pairs, chosen) => {
    select.replaceChildren();
    for (const [value, name] of pairs) {
      const option = element("option", "", name);
      option.value = value;
      option.selected = value === chosen;
      select.append(option);
    }
  };
  options(grade, [["", "(as found)"], ...(data.grades || []).map((g) => [g, g.replace(/_/g, " ")])], "");
  options(layerSelect, (data.layers || []).filter(([layer]) => layer !== "entity"), "technique");

  const bounds = () => [Number(startInput.value), Number(endInput.value)];
  const showPreview = () => {
    const [start, end] = bounds();
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start;
    preview.textContent = valid && end <= data.length ? R.textAt(start, end) : "(no text: check the offsets)";
    R.paint("editing", valid ? [[start, end]] : []);
  };

  // Word steps read the document's own text around the boundary.
  const wordStep = (at, forward) => {
    const around = R.textAt(Math.max(0, at - 80), Math.min(data.length, at + 80));
    const offset = at - Math.max(0, at - 80);
    const chars = Array.from(around);
    let i = offset;
    const space = (c) => /\s/.test(c || "");
    if (forward) {
      while (i < chars.length && space(chars[i])) i++;
      while (i < chars.length && !space(chars[i])) i++;
    } else {
      while (i > 0 && space(chars[i - 1])) i--;
      while (i > 0 && !space(chars[i - 1])) i--;
    }
    return at + (i - offset);
  };

  form.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-nudge]") : null;
    if (!button) {
      return;
    }
    const [which, step] = button.getAttribute("data-nudge").split(":");
    const input = which === "start" ? startInput : endInput;
    const at = Number(input.value);
    const moved =
      step === "w" ? wordStep(at, true) : step === "-w" ? wordStep(at, false) : at + Number(step);
    input.value = String(Math.max(0, Math.min(data.length, moved)));
    showPreview();
  });
  startInput.addEventListener("input", showPreview);
  endInput.addEventListener("input", showPreview);
  field("editor-selection").addEventListener("click", () => {
    const picked = R.selectionOffsets();
    if (!picked) {
      status.textContent = "Select some of the article's text first.";
      return;
    }
    [startInput.value, endInput.value] = picked.map(String);
    status.textContent = "";
    showPreview();
  });
  layerSelect.addEventListener("change", () => {
    options(labelSelect, data.labels[layerSelect.value] || [], "");
    allegation.hidden = layerSelect.value !== "allegation";
  });

  const open = (mode, key, start, end) => {
    const finding = key ? data.findings[key] : null;
    // The reviewer's current review, if any: the editor starts from its corrections.
    const review = (key && R.queue.reviewOf(key)) || {};
    editing = { mode, key, finding };
    returnFocus = document.activeElement;
    overlay.classList.toggle("adding", mode === "add");
    const layer = finding ? finding.layer : layerSelect.value || "technique";
    layerSelect.value = layer;
    options(labelSelect, data.labels[layer] || [], review.label || (finding ? finding.label : ""));
    startInput.value = String(review.start ?? start);
    endInput.value = String(review.end ?? end);
    comment.value = review.comment || "";
    status.textContent = "";
    status.classList.remove("bad");
    allegation.hidden = layer !== "allegation";
    const fields = (finding && finding.allegation) || {};
    field("editor-target").value = review.target || fields.target || "";
    field("editor-accuser").value = review.accuser || fields.accuser || "";
    grade.value = review.grade || "";
    field("editor-h").textContent = mode === "add" ? "Add a missed span" : "Correct the finding";
    what.textContent = finding
      ? `${finding.name} · ${finding.layer_title} · score ${Number(finding.score).toFixed(2)}`
      : "A finding the detectors missed, from the text you selected.";
    overlay.hidden = false;
    document.body.classList.toggle("editor-open", R.narrow());
    showPreview();
    (mode === "add" ? layerSelect : labelSelect).focus({ preventScroll: true });
    const [from, to] = bounds();
    R.reveal(from, to);
  };

  // Focus must not stay on a control of a hidden dialog (keys typed there would be lost).
  const leave = (layer) => {
    if (layer.contains(document.activeElement) && document.activeElement instanceof HTMLElement) {
      document.activeElement.blur();
    }
  };

  const close = () => {
    leave(overlay);
    overlay.hidden = true;
    document.body.classList.remove("editor-open");
    editing = null;
    R.paint("editing", []);
    if (returnFocus instanceof HTMLElement) {
      returnFocus.focus({ preventScroll: true });
    }
  };

  document.addEventListener("review:edit", (event) => {
    const key = event.detail.key;
    const finding = data.findings[key];
    if (finding) {
      open("edit", key, finding.start, finding.end);
    }
  });
  document.addEventListener("review:add", () => {
    const picked = R.selectionOffsets();
    if (!picked) {
      const line = field("queue-count");
      if (line) {
        line.textContent = "Select the missed words in the article first, then press a.";
      }
      return;
    }
    open("add", null, picked[0], picked[1]);
  });
  const addButton = field("add-span");
  if (addButton) {
    // Pressing the button would clear a selection on some browsers: keep the last one.
    addButton.addEventListener("mousedown", (event) => event.preventDefault());
    addButton.addEventListener("click", () => document.dispatchEvent(new CustomEvent("review:add")));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!editing) {
      return;
    }
    const [start, end] = bounds();
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= data.length)) {
      status.textContent = "The span must start before it ends, inside the text.";
      status.classList.add("bad");
      return;
    }
    const text = comment.value.trim() || null;
    status.textContent = "Saving…";
    status.classList.remove("bad");
    const { mode, key, finding } = editing;
    try {
      if (mode === "add") {
        const answer = await R.api("POST", R.documentPath + "/findings", {
          layer: layerSelect.value,
          label: labelSelect.value,
          start,
          end,
          comment: text,
        });
        // The answer is the added finding's review (its id starts with "r").
        const review = answer && answer.review;
        if (!review || !review.finding_id) {
          throw new Error("the server did not return the added finding");
        }
        const item = R.queue.addedItem(review);
        R.queue.apply();
        close();
        R.clearSelection();
        R.queue.select(item.key);
        return;
      }
      // Every field as the reviewer now says it: null where it is as found.
      const label = labelSelect.value;
      const body = {
        comment: text,
        label: label && label !== finding.label ? label : null,
        start: start !== finding.start ? start : null,
        end: end !== finding.end ? end : null,
        target: null,
        accuser: null,
        grade: null,
      };
      if (finding.layer === "allegation") {
        const fields = finding.allegation || {};
        for (const name of ["target", "accuser"]) {
          const value = field("editor-" + name).value.trim();
          body[name] = value && value !== (fields[name] || "") ? value : null;
        }
        body.grade = grade.value || null;
      }
      const answer = await R.queue.save(key, body);
      if (!answer) {
        status.textContent = "Not saved: see the finding's note.";
        status.classList.add("bad");
        return;
      }
      close();
    } catch (error) {
      status.textContent = "Not saved: " + error.message;
      status.classList.add("bad");
    }
  });
  field("editor-cancel").addEventListener("click", close);

  // Help.
  const openHelp = () => {
    returnFocus = document.activeElement;
    help.hidden = false;
    field("help-close").focus();
  };
  const closeHelp = () => {
    leave(help);
    help.hidden = true;
    if (returnFocus instanceof HTMLElement) {
      returnFocus.focus({ preventScroll: true });
    }
  };
  document.addEventListener("review:help", openHelp);
  field("help-close").addEventListener("click", closeHelp);
  const helpButton = field("help-open");
  if (helpButton) {
    helpButton.addEventListener("click", openHelp);
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    if (!overlay.hidden) {
      event.preventDefault();
      close();
    } else if (!help.hidden) {
      event.preventDefault();
      closeHelp();
    }
  });
  for (const layer of [overlay, help]) {
    layer.addEventListener("click", (event) => {
      if (event.target === layer) {
        layer === overlay ? close() : closeHelp();
      }
    });
  }
})();
