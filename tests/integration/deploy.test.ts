import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, buildFixture, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";
import { headersFor, parseHeadersFile } from "../../scripts/lib/static-server.ts";

const NGINX = "/usr/sbin/nginx";
const headersFile = () => readFile("src/deploy/_headers", "utf8");
const nginxFile = () => readFile("src/deploy/nginx.conf", "utf8");

describe("deploy headers in the repo", () => {
  it("sets the same security headers for Netlify/Cloudflare Pages and nginx", async () => {
    const all = parseHeadersFile(await headersFile()).find((rule) => rule.pattern === "/*")!.headers;
    const nginx = Object.fromEntries(
      [...(await nginxFile()).matchAll(/add_header ([\w-]+) "([^"]+)" always;/g)].map((m) => [m[1]!, m[2]!]),
    );
    for (const name of [
      "Content-Security-Policy",
      "X-Content-Type-Options",
      "Referrer-Policy",
      "X-Frame-Options",
      "Permissions-Policy",
    ]) {
      expect(all[name], name).toBeTruthy();
      expect(nginx[name], name).toBe(all[name]);
    }
    expect(all["X-Content-Type-Options"]).toBe("nosniff");
    // No inline script or style is allowed: our pages and Pagefind need none (the browser tests run under it).
    expect(all["Content-Security-Policy"]).not.toContain("unsafe-inline");
    expect(all["Content-Security-Policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it("caches only content-hashed paths for a year", async () => {
    const rules = parseHeadersFile(await headersFile());
    const immutable = rules
      .filter((rule) => rule.headers["Cache-Control"] === "public, max-age=31536000, immutable")
      .map((rule) => rule.pattern);
    expect(immutable).toEqual([
      "/assets/*",
      "/photos/*",
      "/pagefind/fragment/*",
      "/pagefind/index/*",
      "/pagefind/filter/*",
      "/pagefind/:part/fragment/*",
      "/pagefind/:part/index/*",
      "/pagefind/:part/filter/*",
    ]);
  });

  it("caches the hashed files of every search segment, not their entry files", async () => {
    const rules = parseHeadersFile(await headersFile());
    const cacheControl = (sitePath: string) => headersFor(rules, sitePath)["Cache-Control"] ?? "revalidated";
    const year = "public, max-age=31536000, immutable";
    expect({
      first: cacheControl("/pagefind/fragment/en_1a2b3c.pf_fragment"),
      part: cacheControl("/pagefind/s-28ab61a03c07b89e/fragment/en_1a2b3c.pf_fragment"),
      partIndex: cacheControl("/pagefind/s-53c600a0fd5bec48/index/en_4d5e6f.pf_index"),
      partFilter: cacheControl("/pagefind/s-e0f06d6b021dd156/filter/en_7a8b9c.pf_filter"),
      entry: cacheControl("/pagefind/pagefind-entry.json"),
      partEntry: cacheControl("/pagefind/s-28ab61a03c07b89e/pagefind-entry.json"),
      notAPart: cacheControl("/pagefind/s-28ab61a03c07b89e/deeper/fragment/x.pf_fragment"),
      page: cacheControl("/search/"),
    }).toEqual({
      first: year,
      part: year,
      partIndex: year,
      partFilter: year,
      entry: "revalidated",
      partEntry: "revalidated",
      notAPart: "revalidated",
      page: "revalidated",
    });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const nginxAvailable =
  existsSync(NGINX) ||
  (process.env.CI
    ? (() => {
        throw new Error(`The nginx test needs ${NGINX} under CI (apt-get install -y nginx).`);
      })()
    : false);
if (!nginxAvailable)
  console.warn(`\n*** SKIPPING THE NGINX TEST: no ${NGINX}. Install it: apt-get install -y nginx ***\n`);

describe.runIf(nginxAvailable)("the repo's nginx config, served by real nginx on 127.0.0.1", () => {
  let nginx: ChildProcess;
  let base: string;
  let siteDir: string;

  beforeAll(async () => {
    const root = await tempDir("nginx");
    await writeFiles(root, {
      "articles/a.md": article({ title: "Served by nginx", images: "[{ src: a.jpg, alt: A photo }]" }),
      "articles/a.jpg": await smallPhoto(200, 100, "#225588"),
      "articles/b.md": article({ title: "A second release", date: "2023-10-23T09:00:00+08:00" }),
      "articles/moved.md": article({ title: "A renamed release", aliases: "[/news/2023/10/old-name/]" }),
      "articles/gone.md": article(
        { title: "A withdrawn release", withdrawn: "{ date: 2023-10-30, reason: Takedown request from the issuer }" },
        "",
      ),
    });
    // Search segments of one article: the second is served from /pagefind/s-<id>/.
    ({ outDir: siteDir } = await buildFixture({ articlesDir: path.join(root, "articles"), searchSegmentSize: 1 }));
    const port = await freePort();
    const prefix = path.join(root, "nginx");
    await mkdir(path.join(prefix, "temp"), { recursive: true });
    const server = (await nginxFile())
      .replace("listen 80;", `listen 127.0.0.1:${port};`)
      .replaceAll("/srv/dateline/_site", siteDir);
    await writeFile(path.join(prefix, "dateline.conf"), server);
    await writeFile(
      path.join(prefix, "nginx.conf"),
      `user root;\nworker_processes 1;\ndaemon off;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n` +
        ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
          .map((name) => `  ${name}_temp_path ${prefix}/temp/${name};\n`)
          .join("") +
        `  include ${prefix}/dateline.conf;\n}\n`,
    );
    nginx = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    nginx.stderr?.on("data", (chunk) => (stderr += chunk));
    base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      if (
        await fetch(`${base}/`).then(
          () => true,
          () => false,
        )
      )
        return;
      if (nginx.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not start: ${stderr}`);
  });
  afterAll(() => {
    nginx?.kill("SIGQUIT");
  });

  const security = (response: Response) => ({
    csp: response.headers.get("content-security-policy"),
    nosniff: response.headers.get("x-content-type-options"),
    referrer: response.headers.get("referrer-policy"),
  });

  it("serves a page with the security headers, revalidated on every visit", async () => {
    const response = await fetch(`${base}/news/2023/10/a/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(security(response)).toEqual({
      csp: expect.stringContaining("default-src 'self'"),
      nosniff: "nosniff",
      referrer: "strict-origin-when-cross-origin",
    });
    expect(await response.text()).toContain("<h1>Served by nginx</h1>");
  });

  it("serves fingerprinted assets and photos as immutable for a year", async () => {
    const [css] = (await readdir(path.join(siteDir, "assets"))).filter((name) => name.endsWith(".css"));
    const asset = await fetch(`${base}/assets/${css}`);
    expect([asset.status, asset.headers.get("content-type"), asset.headers.get("cache-control")]).toEqual([
      200,
      "text/css",
      "public, max-age=31536000, immutable",
    ]);
    expect(security(asset).nosniff).toBe("nosniff");
    const [avif] = (await readdir(path.join(siteDir, "photos"))).filter((name) => name.endsWith(".avif"));
    const photo = await fetch(`${base}/photos/${avif}`);
    expect([photo.status, photo.headers.get("content-type"), photo.headers.get("cache-control")]).toEqual([
      200,
      "image/avif",
      "public, max-age=31536000, immutable",
    ]);
  });

  it("caches the hashed files of every search segment for a year, and revalidates their entry files", async () => {
    const year = "public, max-age=31536000, immutable";
    const segments = (await readdir(path.join(siteDir, "pagefind"))).filter((name) => name.startsWith("s-"));
    expect(segments.length).toBeGreaterThan(0);
    for (const part of ["", ...segments.map((name) => `${name}/`)]) {
      const [fragment] = await readdir(path.join(siteDir, "pagefind", part, "fragment"));
      const hashed = await fetch(`${base}/pagefind/${part}fragment/${fragment}`);
      expect([hashed.status, hashed.headers.get("cache-control")], part).toEqual([200, year]);
      const entry = await fetch(`${base}/pagefind/${part}pagefind-entry.json`);
      expect([entry.status, entry.headers.get("cache-control")], part).toEqual([200, "no-cache"]);
    }
  });

  it("redirects an old URL of a renamed release permanently", async () => {
    for (const url of ["/news/2023/10/old-name/", "/news/2023/10/old-name/index.html"]) {
      const response = await fetch(`${base}${url}`, { redirect: "manual" });
      expect([url, response.status, response.headers.get("location")]).toEqual([
        url,
        301,
        expect.stringMatching(/\/news\/2023\/10\/moved\/$/),
      ]);
    }
  });

  it("answers a withdrawn release's URL with 410 Gone and the notice, and keeps the build's rule files private", async () => {
    for (const url of ["/news/2023/10/gone/", "/news/2023/10/gone/index.html", "/news/2023/10/gone"]) {
      const response = await fetch(`${base}${url}`);
      const body = await response.text();
      expect([url, response.status], url).toEqual([url, 410]);
      expect(body).toContain("This release was withdrawn on");
      expect(body).not.toContain("A withdrawn release");
      expect(security(response).csp, url).toContain("default-src 'self'");
    }
    for (const url of ["/_redirects", "/_dateline/nginx-rules.conf", "/_headers"])
      expect((await fetch(`${base}${url}`)).status, url).toBe(404);
    expect((await fetch(`${base}/news/2023/10/b/`)).status).toBe(200);
  });

  it("answers an unknown URL with the 404 page and status, with the same headers", async () => {
    const response = await fetch(`${base}/no/such/page/`);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(security(response).csp).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain("<h1>Page not found</h1>");
    expect((await fetch(`${base}/_headers`)).status).toBe(404);
  });
});
