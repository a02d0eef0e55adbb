/**
 * Why a URL that Eleventy is about to write would not stay inside the output folder, or
 * undefined when it is safe. Eleventy joins a permalink to the output folder as it is, so
 * `../` (also percent-encoded or with backslashes) would write anywhere on the machine.
 */
export function outputUrlProblem(url: string): string | undefined {
  if (!url.startsWith("/")) return "a site path starting with /";
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(url)) return "a path without control characters";
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return "a path with valid percent-encoding";
  }
  for (const candidate of [url, decoded]) {
    if (candidate.includes("\\")) return "a path without backslashes";
    if (candidate.split("/").some((segment) => segment === ".." || segment === "."))
      return "a path without `.` or `..` segments";
    if (candidate.includes("//")) return "a path without empty segments";
  }
  return undefined;
}

/** The file a page's URL is written to, from the output folder: `/a/` → `a/index.html`, `/feed.xml` → `feed.xml`. */
export function outputFile(url: string): string {
  return (url.endsWith("/") ? `${url}index.html` : url).replace(/^\//, "");
}
