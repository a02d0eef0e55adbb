/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are escaped as
 * \u003c etc., so no text inside (a headline with `</script>`) can end the block early; the
 * result is valid JSON and safe to place in HTML as is.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
