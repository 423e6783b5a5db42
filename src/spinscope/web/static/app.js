(() => {
  "use strict";
  // Progressive enhancement for the spinscope web app. Every page works without this script.
  // Text from articles and comments only ever reaches the page through textContent.
  document.documentElement.classList.add("js");
  // The article page has scripts of its own (review-*.js) for its highlights, forms and filters.
  const reviewPage = document.body.classList.contains("review-page");

  const flash = (node) => {
    node.classList.add("hot");
    window.setTimeout(() => node.classList.remove("hot"), 1600);
  };

  // A click (or Enter) on a highlight opens its finding in the side panel.
  const showFinding = (mark) => {
    const keys = (mark.getAttribute("data-ids") || "").split(" ").filter(Boolean);
    for (const key of keys) {
      const item = document.getElementById("finding-" + key);
      if (item) {
        const group = item.closest("details");
        if (group) {
          group.open = true;
        }
        item.scrollIntoView({ block: "nearest", behavior: "smooth" });
        flash(item);
        return;
      }
    }
  };
  for (const mark of reviewPage ? [] : document.querySelectorAll("mark[data-ids]")) {
    mark.addEventListener("click", () => showFinding(mark));
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        showFinding(mark);
      }
    });
  }

  // Feedback forms are sent in place; the counts and comments update without a reload.
  const addComment = (form, verdict, text) => {
    const list = form.parentElement && form.parentElement.querySelector(".comments");
    if (!list || !text) {
      return;
    }
    const item = document.createElement("li");
    item.className = "v-" + verdict;
    const icon = document.createElement("img");
    icon.src = "/static/thumb-" + (verdict === "up" ? "up" : "down") + ".svg";
    icon.alt = verdict;
    icon.width = 12;
    icon.height = 12;
    const when = document.createElement("span");
    when.className = "muted";
    when.textContent = "just now";
    item.append(icon, " " + text + " ", when);
    list.append(item);
  };

  const plain = new WeakSet(); // forms to send the ordinary way after a failed request
  for (const form of reviewPage ? [] : document.querySelectorAll("form.fb")) {
    form.addEventListener("submit", async (event) => {
      const submitter = event.submitter;
      if (!submitter || !window.fetch || !window.FormData || plain.has(form)) {
        return;
      }
      event.preventDefault();
      const status = form.querySelector(".fb-status");
      const data = new FormData(form, submitter);
      const buttons = form.querySelectorAll("button");
      buttons.forEach((button) => { button.disabled = true; });
      if (status) {
        status.classList.remove("bad");
        status.textContent = "Saving…";
      }
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: data,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        let body = null;
        try {
          body = await response.json();
        } catch (error) {
          body = null;
        }
        if (!response.ok || !body || !body.feedback) {
          const error = (body && body.error) || {};
          if (status) {
            status.classList.add("bad");
            status.textContent = "Not saved: " + String(error.message || response.status);
          }
          return;
        }
        for (const name of ["up", "down"]) {
          const counter = form.querySelector('[data-n="' + name + '"]');
          if (counter) {
            counter.textContent = String(Number(body[name] || 0));
          }
        }
        const comment = form.querySelector('input[name="comment"]');
        addComment(form, body.feedback.verdict, body.feedback.comment || "");
        if (comment) {
          comment.value = "";
        }
        if (status) {
          status.textContent = "Saved";
        }
      } catch (error) {
        // The request itself failed: send the form the ordinary way instead.
        plain.add(form);
        buttons.forEach((button) => { button.disabled = false; });
        form.requestSubmit(submitter);
      } finally {
        buttons.forEach((button) => { button.disabled = false; });
      }
    });
  }

  // The highlight choices apply as soon as they change.
  for (const form of reviewPage ? [] : document.querySelectorAll("form.layer-form")) {
    form.addEventListener("change", () => form.requestSubmit());
  }

  // The analyse forms say that something is happening (spaCy may take a moment at first).
  for (const form of document.querySelectorAll("form.analyze-form")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      if (button) {
        button.textContent = "Analysing…";
        window.setTimeout(() => { button.disabled = true; }, 0);
      }
    });
  }
})();
