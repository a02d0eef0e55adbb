import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, buildFixture, company, smallPhoto, tempDir, writeFiles } from "../helpers/fixture-site.ts";

/** The JSON-LD blocks of a page, parsed back. */
function jsonLd(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );
}

let outDir: string;
let read: (sitePath: string) => Promise<string>;

beforeAll(async () => {
  const root = await tempDir("companies-site");
  await writeFiles(root, {
    "companies/northpine-robotics.md": company(
      {
        name: "Northpine Robotics",
        legalName: "Northpine Robotics Inc.",
        aliases: "[Northpine]",
        logo: "northpine.png",
        website: "https://northpine.example/",
        headquarters: "{ city: Toronto, country: Canada }",
        industries: "[Robotics, Logistics]",
        founded: '"2017"',
        listings: "[{ exchange: TSX, symbol: NPR }, { exchange: OTCQX, symbol: NPRBF }]",
        isin: "US0378331005",
        social: "[https://social.example/@northpine]",
        contact: '{ name: Press office, email: press@northpine.example, phone: "+1 416 555 0100" }',
      },
      "Northpine builds *robot arms* for warehouses.",
    ),
    "companies/northpine.png": await smallPhoto(160, 160, "#1f4d3a"),
    "companies/kestrel-bay.md": company({ name: "Kestrel Bay Shipyard", headquarters: "{ country: Singapore }" }),
    "articles/arms.md": article({
      title: "Northpine ships its thousandth arm",
      date: "2023-10-24T09:00:00+08:00",
      companies: '["NORTHPINE ROBOTICS, INC."]',
    }),
    "articles/ferry.md": article({
      title: "Kestrel Bay launches a ferry with Northpine robots",
      date: "2023-10-25T09:00:00+08:00",
      companies: "[Kestrel Bay Shipyard Pte. Ltd., Northpine]",
    }),
  });
  ({ outDir, read } = await buildFixture({ articlesDir: path.join(root, "articles"), search: false }));
});

describe("a company page", () => {
  it("shows the profile above the company's releases, whatever spelling the releases used", async () => {
    const html = await read("/companies/northpine-robotics/");
    expect(html).toContain("<h1>Northpine Robotics</h1>");
    expect(html).toContain('<h2 id="company-about">About Northpine Robotics</h2>');
    expect(html).toContain('alt="Northpine Robotics logo"');
    expect(html).toContain("<p>Northpine builds <em>robot arms</em> for warehouses.</p>");
    for (const fact of [
      "<dt>Legal name</dt><dd>Northpine Robotics Inc.</dd>",
      '<dt>Website</dt><dd><a href="https://northpine.example/" rel="nofollow noopener">northpine.example</a></dd>',
      "<dt>Headquarters</dt><dd>Toronto, Canada</dd>",
      "<dt>Industries</dt><dd>Robotics, Logistics</dd>",
      "<dt>Founded</dt><dd>2017</dd>",
      "<dt>Listings</dt><dd>TSX: NPR, OTCQX: NPRBF</dd>",
      "<dt>ISIN</dt><dd>US0378331005</dd>",
      '<a href="https://social.example/@northpine" rel="nofollow noopener">social.example/@northpine</a>',
      '<a href="mailto:press@northpine.example">press@northpine.example</a>',
      '<a href="tel:+14165550100">+1\u00a0416\u00a0555\u00a00100</a>',
    ])
      expect(html).toContain(fact);
    // Both releases, the one that named it "NORTHPINE ROBOTICS, INC." and the one that said "Northpine".
    expect(html).toContain("Northpine ships its thousandth arm");
    expect(html).toContain("Kestrel Bay launches a ferry with Northpine robots");
    expect(html).toContain('<a href="/companies/northpine-robotics/feed.xml">Follow with the Atom feed</a>');
  });

  it("describes the company as a schema.org Corporation with its tickers, logo and profiles elsewhere", async () => {
    const [organization] = jsonLd(await read("/companies/northpine-robotics/"));
    expect(organization).toEqual({
      "@context": "https://schema.org",
      "@type": "Corporation",
      "@id": "https://register.fixture.example/companies/northpine-robotics/#organization",
      name: "Northpine Robotics",
      legalName: "Northpine Robotics Inc.",
      alternateName: ["Northpine"],
      url: "https://northpine.example/",
      mainEntityOfPage: "https://register.fixture.example/companies/northpine-robotics/",
      logo: expect.stringMatching(/^https:\/\/register\.fixture\.example\/photos\/[\w-]+-160\.jpeg$/),
      address: { "@type": "PostalAddress", addressLocality: "Toronto", addressCountry: "Canada" },
      foundingDate: "2017",
      tickerSymbol: ["TSX: NPR", "OTCQX: NPRBF"],
      identifier: { "@type": "PropertyValue", propertyID: "ISIN", value: "US0378331005" },
      knowsAbout: ["Robotics", "Logistics"],
      sameAs: ["https://social.example/@northpine"],
      contactPoint: {
        "@type": "ContactPoint",
        contactType: "media relations",
        name: "Press office",
        email: "press@northpine.example",
        telephone: "+1 416 555 0100",
      },
    });
    const logo = (organization as { logo: string }).logo.replace("https://register.fixture.example", "");
    expect((await readFile(path.join(outDir, logo))).length).toBeGreaterThan(0);
  });

  it("shows a company without a listing as an Organization, with what its profile has", async () => {
    const html = await read("/companies/kestrel-bay/");
    expect(html).toContain("<dt>Headquarters</dt><dd>Singapore</dd>");
    expect(html).not.toContain("company-logo");
    expect(html).not.toContain("Media contact");
    expect(jsonLd(html)[0]).toMatchObject({ "@type": "Organization", name: "Kestrel Bay Shipyard" });
  });

  it("has a feed of the company's releases", async () => {
    const feed = await read("/companies/northpine-robotics/feed.xml");
    expect(feed).toContain("<title>Company: Northpine Robotics | Fixture Trade Register</title>");
    expect(feed.match(/<entry>/g)).toHaveLength(2);
  });
});

describe("an article naming companies", () => {
  it("links each to its company page and points its NewsArticle at them: the issuer as about, the rest as mentions", async () => {
    const html = await read("/news/2023/10/ferry/");
    expect(html).toContain('<a href="/companies/kestrel-bay/">Kestrel Bay Shipyard Pte. Ltd.</a>');
    expect(html).toContain('<a href="/companies/northpine-robotics/">Northpine</a>');
    const newsArticle = jsonLd(html).find((block) => block["@type"] === "NewsArticle");
    expect(newsArticle?.about).toEqual({
      "@type": "Organization",
      "@id": "https://register.fixture.example/companies/kestrel-bay/#organization",
      name: "Kestrel Bay Shipyard",
      url: "https://register.fixture.example/companies/kestrel-bay/",
    });
    expect(newsArticle?.mentions).toEqual([
      {
        "@type": "Corporation",
        "@id": "https://register.fixture.example/companies/northpine-robotics/#organization",
        name: "Northpine Robotics",
        url: "https://register.fixture.example/companies/northpine-robotics/",
      },
    ]);
    const single = jsonLd(await read("/news/2023/10/arms/")).find((block) => block["@type"] === "NewsArticle");
    expect(single?.about).toMatchObject({ name: "Northpine Robotics" });
    expect(single).not.toHaveProperty("mentions");
  });

  it("counts one company however the articles spell it, with the same company related", async () => {
    const html = await read("/news/2023/10/arms/");
    expect(html).toContain("Kestrel Bay launches a ferry with Northpine robots");
  });
});

describe("the company index", () => {
  it("lists companies A–Z with their logos, and links the other ways through it", async () => {
    const html = await read("/companies/");
    expect(html.indexOf(">Kestrel Bay Shipyard</a>")).toBeLessThan(html.indexOf(">Northpine Robotics</a>"));
    expect(html).toMatch(/<span class="logo-list__logo"><picture>.*alt="Northpine Robotics logo"/);
    expect(html).toContain(
      '<li><span aria-current="page">A–Z</span></li><li><a href="/companies/by-industry/">By industry</a></li><li><a href="/companies/by-country/">By country</a></li>',
    );
  });

  it("groups companies by the industries and the country of their profiles", async () => {
    const byIndustry = await read("/companies/by-industry/");
    const headings = [...byIndustry.matchAll(/<h2 id="group-\d+">(.*?)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toEqual(["Logistics", "Robotics", "Not stated"]);
    expect(byIndustry).toContain("<title>Companies by industry | Fixture Trade Register</title>");
    const byCountry = await read("/companies/by-country/");
    expect([...byCountry.matchAll(/<h2 id="group-\d+">(.*?)<\/h2>/g)].map((match) => match[1])).toEqual([
      "Canada",
      "Singapore",
    ]);
    expect(byCountry).toContain('<span aria-current="page">By country</span>');
  });
});

describe("names that match no profile, or several", () => {
  const failingBuild = async (files: Record<string, string | Buffer>) => {
    const root = await tempDir("bad-companies");
    await writeFiles(root, files);
    const error = await buildFixture({ articlesDir: path.join(root, "articles"), search: false }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error, "the build should have failed").toBeInstanceOf(Error);
    return (error as Error).message.replace(/(?:\.\.\/)+[^\s`:]*?dateline-bad-companies-\w+\//g, "");
  };

  it("stops the build naming the article, the field and the likely profile, instead of making a new company", async () => {
    expect(
      await failingBuild({
        "companies/northpine-robotics.md": company({ name: "Northpine Robotics" }),
        "articles/a.md": article({ companies: "[Nortpine Robotics, Unheard Of Ltd]" }),
      }),
    ).toBe(
      "Cannot build: company profiles, or the companies articles name, have problems (2 problems):\n" +
        '  - articles/a.md: `companies[0]`: expected the name of a company with a profile (did you mean "Northpine Robotics"?), found "Nortpine Robotics"\n' +
        '  - articles/a.md: `companies[1]`: expected the name of a company with a profile (add one as companies/<name>.md, or an alias to an existing profile), found "Unheard Of Ltd"',
    );
  });

  it("stops the build on a name two profiles answer to, and on a broken profile", async () => {
    expect(
      await failingBuild({
        "companies/acme-inc.md": company({ name: "Acme", legalName: "Acme Inc." }),
        "companies/acme-gmbh.md": company({ name: "Acme GmbH", founded: "long ago" }),
        "articles/a.md": article({ companies: "[ACME Corp]" }),
      }),
    ).toBe(
      "Cannot build: company profiles, or the companies articles name, have problems (1 problem):\n" +
        '  - companies/acme-gmbh.md: `founded`: expected the year it was founded, such as 2014, found "long ago"',
    );
    expect(
      await failingBuild({
        "companies/acme-inc.md": company({ name: "Acme", legalName: "Acme Inc." }),
        "companies/acme-gmbh.md": company({ name: "Acme GmbH" }),
        "articles/a.md": article({ companies: "[ACME Corp]" }),
      }),
    ).toBe(
      "Cannot build: company profiles, or the companies articles name, have problems (1 problem):\n" +
        '  - articles/a.md: `companies[0]`: expected a name only one company profile answers to ("Acme GmbH" in companies/acme-gmbh.md, "Acme" in companies/acme-inc.md all do: write the name or legal name of the one meant), found "ACME Corp"',
    );
  });
});
