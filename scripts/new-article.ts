/**
 * `npm run new -- "Headline" --partner prnewswire [--city BEIJING] [--country China]`
 * Writes a draft article dated now (in the site's time zone) and says where it is.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import partners from "../src/data/partners.ts";
import site from "../src/data/site.ts";
import { createArticleFile } from "./lib/new-article.ts";
import { validateSettings } from "../src/lib/config/settings.ts";

const usage = 'Usage: npm run new -- "Headline" --partner <id> [--city CITY] [--country Country]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { partner: { type: "string" }, city: { type: "string" }, country: { type: "string" } },
  });
  const title = positionals.join(" ").trim();
  const { site: siteConfig, partners: partnerList } = validateSettings(site, partners);
  const ids = partnerList.map((partner) => partner.id).join(", ");
  if (!title) throw new Error(`Give the headline in quotes.\n${usage}`);
  if (!values.partner) throw new Error(`Give the partner with --partner (one of ${ids}).\n${usage}`);
  if (!partnerList.some((partner) => partner.id === values.partner)) {
    throw new Error(`--partner: expected one of ${ids}, found ${JSON.stringify(values.partner)}`);
  }
  const file = await createArticleFile({
    title,
    partner: values.partner,
    ...(values.city ? { city: values.city } : {}),
    ...(values.country ? { country: values.country } : {}),
    articlesDir: path.resolve("articles"),
    now: DateTime.now().setZone(siteConfig.timeZone),
    partners: partnerList,
    sections: siteConfig.sections,
  });
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  console.log("It is a draft: check the dateline city, add photos and text, then remove `draft: true` to publish.");
  console.log("Preview it with: npm run serve");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
