// Pagefind over Dateline's search segments, as one index: the search page's Pagefind UI loads
// this module in place of Pagefind's own (`bundlePath: "/pagefind/dateline/"`); the build writes
// it to `/pagefind/dateline/pagefind.js` (src/lib/search/search-index.ts).
//
// Pagefind searches each merged segment on its own. A segment without the searched word answers
// with the longest shorter word it has ("sun" for "sunflowers"), so results from segments that
// hold no trace of the word would fill the list below the real ones. One index would backtrack
// only if no article anywhere had the word. So here, when several segments answer, the best
// result of each shows which word it matched; a segment whose match is shorter than another
// segment's, for any searched word, is left out, as one index would leave it.
import * as engine from "../pagefind.js";

// The filter every record carries with its segment's id (`SEGMENT_FILTER` in search-index.ts).
const SEGMENT_FILTER = "dateline-segment";
const WORD_SEPARATORS = /[^\S\uFEFF]+/g;

export const options = (settings) => engine.options(settings);
export const init = () => engine.init?.();
export const destroy = () => engine.destroy?.();
export const preload = (term, settings) => engine.preload(term, settings);
export const mergeIndex = (bundle, settings) => engine.mergeIndex(bundle, settings);
export const filters = async () => withoutSegments(await engine.filters());

// Pagefind counts results by filter only once its filters are loaded (the UI loads them too).
let filtersLoaded;

export async function search(term, settings = {}) {
  await (filtersLoaded ??= engine.filters());
  const all = await engine.search(term, settings);
  if (!all || typeof term !== "string" || !term.trim()) return tidy(all);
  const answering = Object.entries(all.filters?.[SEGMENT_FILTER] ?? {})
    .filter(([, count]) => count > 0)
    .map(([id]) => id);
  if (answering.length < 2) return tidy(all);
  const words = normalize(term).split(/\s+/).filter(Boolean);
  const matched = new Map();
  await Promise.all(
    answering.map(async (id) => {
      const own = await engine.search(term, { ...settings, filters: withSegment(settings.filters, id) });
      const best = own?.results?.[0];
      if (best) matched.set(id, matchLengths(await best.data(), words));
    }),
  );
  const longest = words.map((_, index) => Math.max(...[...matched.values()].map((lengths) => lengths[index])));
  const weaker = [...matched].filter(([, lengths]) => lengths.some((length, index) => length < longest[index]));
  if (weaker.length === 0) return tidy(all);
  const kept = await engine.search(term, {
    ...settings,
    filters: { ...(settings.filters ?? {}), [SEGMENT_FILTER]: { none: weaker.map(([id]) => id) } },
  });
  return tidy(kept);
}

let latest = 0;

export async function debouncedSearch(term, settings, timeout = 300) {
  // As Pagefind's own: a newer call within the timeout makes this one return null.
  const call = ++latest;
  await new Promise((resolve) => setTimeout(resolve, timeout));
  if (call !== latest) return null;
  const response = await search(term, settings);
  return call === latest ? response : null;
}

/** How many leading letters of each searched word the result's matched words share with it. */
function matchLengths(data, words) {
  const content = (data.raw_content ?? data.content ?? "").split(WORD_SEPARATORS);
  const found = (data.locations ?? []).map((location) => normalize(content[location] ?? ""));
  return words.map((word) => Math.max(0, ...found.map((text) => sharedPrefix(text, word))));
}

function sharedPrefix(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function normalize(text) {
  return text
    .toLocaleLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}\s]/gu, "");
}

function withSegment(chosen, id) {
  return { ...(chosen ?? {}), [SEGMENT_FILTER]: id };
}

function withoutSegments(counts) {
  if (!counts || typeof counts !== "object") return counts;
  const rest = { ...counts };
  delete rest[SEGMENT_FILTER];
  return rest;
}

function tidy(response) {
  if (!response) return response;
  return {
    ...response,
    filters: withoutSegments(response.filters),
    totalFilters: withoutSegments(response.totalFilters),
    results: response.results.map((result) => ({
      ...result,
      data: async () => {
        const data = await result.data();
        return { ...data, filters: withoutSegments(data.filters) };
      },
    })),
  };
}
