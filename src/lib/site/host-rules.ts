import type { Redirect } from "./published-urls.ts";
import type { Withdrawal } from "./withdrawals.ts";

/**
 * What hosts that read rules are told, per build: withdrawn releases answer 410 Gone, old URLs
 * (`aliases`) redirect with 301. Netlify and Cloudflare Pages read `_redirects`; nginx includes
 * the rules file (see `src/deploy/nginx.conf`). Other hosts serve the notice and redirect pages
 * the build writes at the same URLs.
 */

/** Where the build writes the nginx rules that `src/deploy/nginx.conf` includes. */
export const NGINX_RULES_PATH = "/_dateline/nginx-rules.conf";

export interface HostRules {
  withdrawals: readonly Withdrawal[];
  redirects: readonly Redirect[];
}

/**
 * `_redirects`: 301 for old URLs (both hosts), 410 for withdrawals, forced (`!`) because the notice
 * page exists at that path. Cloudflare Pages accepts only redirect codes and skips the 410 lines:
 * it serves the notice page (noindex) instead.
 */
export function netlifyRedirects({ withdrawals, redirects }: HostRules): string {
  const lines = [
    ...redirects.flatMap(({ from, to }) => [`${from} ${to} 301!`, `${from.replace(/\/$/, "")} ${to} 301!`]),
    ...withdrawals.flatMap(({ url }) => [
      `${url} ${url}index.html 410!`,
      `${url.replace(/\/$/, "")} ${url}index.html 410!`,
    ]),
  ];
  return `# Written by the build: old URLs redirect (301), withdrawn releases answer 410 Gone.\n${lines.join("\n")}\n`;
}

/** nginx rules: 301 for old URLs; 410 Gone at a withdrawn URL (and its index.html), the notice page as its body. */
export function nginxRules({ withdrawals, redirects }: HostRules): string {
  const blocks = [
    ...redirects.map(({ from, to }) =>
      [`location = ${from} { return 301 ${to}; }`, `location = ${from}index.html { return 301 ${to}; }`].join("\n"),
    ),
    ...withdrawals.map(({ url }) => {
      const name = `@withdrawn_${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "")}`;
      return [
        `location = ${url} { error_page 410 ${name}; return 410; }`,
        `location = ${url}index.html { error_page 410 ${name}; return 410; }`,
        `location ${name} { try_files ${url}index.html =410; }`,
      ].join("\n");
    }),
  ];
  return `# Written by the build and included by src/deploy/nginx.conf: old URLs redirect, withdrawn releases answer 410 Gone.\n${blocks.join("\n")}\n`;
}
