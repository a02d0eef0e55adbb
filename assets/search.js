// Starts Pagefind's search UI on /search/ and runs the query from ?q= (the 404 page's form).
// Loaded as a file, not inline, so a strict Content-Security-Policy allows it.
window.addEventListener("DOMContentLoaded", () => {
  // A large site's index comes in parts (one per 10 000 articles); the page lists all but the first.
  const parts = (document.querySelector("#search")?.dataset.mergeIndex ?? "").split(" ").filter(Boolean);
  const ui = new PagefindUI({ element: "#search", showSubResults: false, showImages: false, resetStyles: false, mergeIndex: parts.map((bundlePath) => ({ bundlePath })) });
  // Pagefind's input has a placeholder but no accessible name.
  document.querySelector("#search input[type=text], #search .pagefind-ui__search-input")?.setAttribute("aria-label", "Search releases");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
