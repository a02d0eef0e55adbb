// Starts Pagefind's search UI on /search/ and runs the query from ?q= (the 404 page's form).
// Loaded as a file, not inline, so a strict Content-Security-Policy allows it.
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (text) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);

window.addEventListener("DOMContentLoaded", () => {
  // The index comes in segments (src/lib/search/search-segments.ts); the page lists all but the
  // first, and Dateline's module searches them as one index (src/lib/search/browser/).
  const parts = (document.querySelector("#search")?.dataset.mergeIndex ?? "").split(" ").filter(Boolean);
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: "/pagefind/dateline/",
    showSubResults: false,
    showImages: true,
    resetStyles: false,
    mergeIndex: parts.map((bundlePath) => ({ bundlePath })),
    // The index holds every value HTML-escaped (src/lib/search/search-index.ts), safe wherever Pagefind's
    // UI writes it with innerHTML; the result title it writes as text, so it gets the text back.
    processResult: (result) => ({ ...result, meta: { ...result.meta, title: unescapeHtml(result.meta.title ?? "") } }),
  });
  // Pagefind's input has a placeholder but no accessible name.
  document
    .querySelector("#search input[type=text], #search .pagefind-ui__search-input")
    ?.setAttribute("aria-label", "Search releases");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
