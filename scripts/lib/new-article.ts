import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { stringify } from "yaml";
import { validateArticleFields } from "../../src/lib/content/article-schema.ts";
import { formatIsoDateTime } from "../../src/lib/core/dates.ts";
import { parseFrontMatter } from "../../src/lib/content/front-matter.ts";
import type { Partner } from "../../src/lib/config/partners.ts";
import { listSections, type Section } from "../../src/lib/config/sections.ts";
import { ProblemsError } from "../../src/lib/core/problems.ts";
import { slugify } from "../../src/lib/core/slug.ts";

export interface NewArticleOptions {
  title: string;
  partner: string;
  /** The dateline city as printed; defaults to the city of the site's time zone. */
  city?: string;
  country?: string;
  articlesDir: string;
  now: DateTime;
  partners: readonly Partner[];
  /** The site's sections: the draft gets an empty list for each that articles list names in. */
  sections: readonly Section[];
}

/**
 * Writes a new draft article at `articles/YYYY/MM/<slug>.md` dated now in the site's zone
 * and returns its path. Never overwrites: a taken name gets `-2`, `-3`, …
 * The file is validated with the same schema as the build before it is written.
 */
export async function createArticleFile(options: NewArticleOptions): Promise<string> {
  const { title, partner, now, partners, sections, articlesDir } = options;
  const fields = {
    title,
    date: formatIsoDateTime(now.startOf("minute")),
    dateline: {
      city: options.city ?? cityOfZone(now.zoneName ?? "UTC"),
      ...(options.country ? { country: options.country } : {}),
    },
    partner,
    ...Object.fromEntries(listSections(sections).map((section) => [section.field, [] as string[]])),
    draft: true,
  };
  const text = `---\n${stringify(fields, { lineWidth: 0 })}---\nWrite the release here. The dateline is printed from the front matter; start with the first sentence.\n`;

  const parsed = parseFrontMatter(text, "new article");
  const problems = Array.isArray(parsed)
    ? parsed
    : validateArticleFields(parsed.data, {
        file: "new article",
        timeZone: now.zoneName ?? "UTC",
        partnerIds: partners.map((p) => p.id),
        sections,
      });
  if (Array.isArray(problems)) throw new ProblemsError("Cannot create the article", problems);

  const folder = path.join(articlesDir, String(now.year), String(now.month).padStart(2, "0"));
  await mkdir(folder, { recursive: true });
  const slug = slugify(title);
  for (let attempt = 1; ; attempt++) {
    const file = path.join(folder, `${attempt === 1 ? slug : `${slug}-${attempt}`}.md`);
    try {
      await writeFile(file, text, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** `Asia/Bangkok` → `BANGKOK`, `America/New_York` → `NEW YORK`. */
export function cityOfZone(zone: string): string {
  const city = zone.split("/").at(-1) ?? zone;
  return city.replace(/_/g, " ").toUpperCase();
}
