const OUR_SEARCH_FORM =
  /<form class="site-search" action="\/search\/" method="get" role="search">\s*<label class="visually-hidden" for="site-search-query">Search releases<\/label>\s*<input id="site-search-query" type="search" name="q" placeholder="Search releases" autocomplete="off">\s*<button type="submit">Search<\/button>\s*<\/form>/;

/**
 * Anything in a page that could run or restyle it: a script that is not ours (`src`) or data
 * (JSON-LD), an event handler, an inline style, a script URL, or an element that loads or
 * submits elsewhere. Returns one line per offence; an empty list means the page is inert.
 */
export function activeContent(page: string): string[] {
  const offences: string[] = [];
  // The header's search box is ours (base.njk): a GET to this site's search page, nothing else.
  const html = page.replace(OUR_SEARCH_FORM, "");
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (!/\ssrc="\/(assets|pagefind)\//.test(tag) && !/^<script type="application\/ld\+json">$/.test(tag))
      offences.push(tag);
  }
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    // Look at attribute names only: escaped text inside a quoted value is inert.
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    const handler = /\s(on[a-z]+|style|srcdoc|formaction)\s*=/i.exec(names);
    if (handler) offences.push(`${handler[1]} in ${tag.slice(0, 60)}`);
  }
  for (const [url] of html.matchAll(
    /(?:href|src|action|poster|data)\s*=\s*["']?\s*(?:javascript|vbscript|data):[^"'>]*/gi,
  ))
    offences.push(url);
  for (const [element] of html.matchAll(
    /<(style|iframe|frame|object|embed|applet|form|input|textarea|button|base|svg|math|template|noscript|meta\s+http-equiv)\b/gi,
  )) {
    offences.push(element);
  }
  return offences;
}

/** The article body as rendered (between the dateline and the end of the body). */
export function articleBody(html: string): string {
  return html.match(/<div class="article-body">(.*?)<\/div>/s)?.[1] ?? "";
}
