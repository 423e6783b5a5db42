(() => {
  "use strict";
  // Progressive enhancement for the corpus report: a filter over the narratives table.
  // It only hides rows; it never writes text into the page.
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
})();
