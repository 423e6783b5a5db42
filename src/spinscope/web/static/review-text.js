(() => {
  "use strict";
  // The article page's shared parts: its data, the mapping between character offsets in the
  // document's text and places in the page, highlights drawn without touching the text, and
  // the review API. Offsets are counted in code points, as Python counts them; the page's text
  // inside each block is exactly the document's text between the block's offsets.
  const dataNode = document.getElementById("review-data");
  const article = document.getElementById("article");
  if (!dataNode || !article) {
    return;
  }
  let data;
  try {
    data = JSON.parse(dataNode.textContent || "{}");
  } catch (error) {
    return;
  }
  const blocks = Array.from(article.querySelectorAll("[data-start][data-end]")).map((node) => ({
    node,
    start: Number(node.getAttribute("data-start")),
    end: Number(node.getAttribute("data-end")),
  }));

  const codePoints = (text) => {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) {
        count++;
      } else {
        const next = text.charCodeAt(i + 1);
        count++;
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
        }
      }
    }
    return count;
  };

  // The UTF-16 index in ``text`` after ``points`` code points.
  const unitsFor = (text, points) => {
    let i = 0;
    let seen = 0;
    while (i < text.length && seen < points) {
      const unit = text.charCodeAt(i);
      const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
      i += pair && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
      seen++;
    }
    return i;
  };

  // The text node and index inside ``block`` at document offset ``at``.
  const place = (block, at) => {
    const walker = document.createTreeWalker(block.node, NodeFilter.SHOW_TEXT);
    let position = block.start;
    let node = walker.nextNode();
    let last = null;
    while (node) {
      const length = codePoints(node.data);
      if (at <= position + length) {
        return [node, unitsFor(node.data, at - position)];
      }
      position += length;
      last = node;
      node = walker.nextNode();
    }
    return last ? [last, last.data.length] : null;
  };

  // DOM ranges covering [start, end): one per block it crosses.
  const ranges = (start, end) => {
    const out = [];
    for (const block of blocks) {
      if (block.end <= start || block.start >= end) {
        continue;
      }
      const from = place(block, Math.max(start, block.start));
      const to = place(block, Math.min(end, block.end));
      if (!from || !to) {
        continue;
      }
      const range = document.createRange();
      range.setStart(from[0], from[1]);
      range.setEnd(to[0], to[1]);
      out.push(range);
    }
    return out;
  };

  // The document offset of a place in the page, or null outside the article's blocks.
  const offsetOf = (container, index) => {
    const element = container.nodeType === Node.ELEMENT_NODE ? container : container.parentElement;
    const node = element ? element.closest("[data-start][data-end]") : null;
    if (!node || !article.contains(node)) {
      return null;
    }
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(container, index);
    return Number(node.getAttribute("data-start")) + codePoints(range.toString());
  };

  // The selected text's offsets, [start, end) with the white space at its edges left out.
  let lastSelection = null;
  const selectionOffsets = () => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    const range = selection.getRangeAt(0);
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) {
      return null;
    }
    const text = range.toString();
    start += codePoints(text) - codePoints(text.trimStart());
    end -= codePoints(text) - codePoints(text.trimEnd());
    return end > start ? [start, end] : null;
  };
  document.addEventListener("selectionchange", () => {
    const found = selectionOffsets();
    if (found) {
      lastSelection = found;
    }
  });

  // The document's text between two offsets, read from the page.
  const textAt = (start, end) => ranges(start, end).map((r) => r.toString()).join(" ");

  // Highlights drawn by the CSS Custom Highlight API: the text stays as it is.
  const paint = (name, spans) => {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") {
      return;
    }
    if (!spans.length) {
      CSS.highlights.delete(name);
      return;
    }
    const all = [];
    for (const [start, end] of spans) {
      all.push(...ranges(start, end));
    }
    CSS.highlights.set(name, new Highlight(...all));
  };

  // The review API: JSON in and out, with the session's CSRF token.
  const csrf = document.querySelector('meta[name="csrf-token"]');
  const api = async (method, path, body) => {
    const headers = { Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (csrf) {
      headers["X-CSRF-Token"] = csrf.getAttribute("content") || "";
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    let answer = null;
    try {
      answer = await response.json();
    } catch (error) {
      answer = null;
    }
    if (!response.ok) {
      const problem = (answer && answer.error) || {};
      throw new Error(String(problem.message || "HTTP " + response.status));
    }
    return answer;
  };

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

  // Scroll the window so the first of ``spans`` is in view, unless it already is.
  const reveal = (start, end) => {
    const found = ranges(start, end);
    if (!found.length) {
      return;
    }
    const box = found[0].getBoundingClientRect();
    // What covers the bottom of the screen on a narrow one: the findings sheet or the editor.
    let bottom = window.innerHeight;
    for (const cover of document.querySelectorAll(
      ".popover.sheet:not([hidden]), .overlay.docked:not([hidden]) .dialog",
    )) {
      const top = cover.getBoundingClientRect().top;
      if (top > 0 && top < bottom && cover.getBoundingClientRect().bottom >= window.innerHeight - 1) {
        bottom = top;
      }
    }
    if (box.top < 8 || box.bottom > bottom - 8) {
      const middle = (bottom - box.height) / 2;
      window.scrollBy({ top: box.top - Math.max(8, middle), behavior: "instant" });
    }
  };

  // On a phone the article's particulars start folded, so the summary and text come first.
  const about = document.querySelector(".meta-box");
  if (about && window.matchMedia("(max-width: 40rem)").matches) {
    about.open = false;
  }

  window.spinscopeReview = {
    data,
    article,
    documentPath: "/api/documents/" + encodeURIComponent(data.document || ""),
    ranges,
    selectionOffsets: () => selectionOffsets() || lastSelection,
    clearSelection: () => {
      lastSelection = null;
    },
    textAt,
    paint,
    api,
    element,
    reveal,
    narrow: () => window.matchMedia("(max-width: 75.99rem)").matches,
  };
})();
