import { UserError } from "../core/problems.ts";

/**
 * A parallel build runs one Eleventy process per shard, all writing into the same staging
 * folder. Each shard loads every article (the directory needs them all) but renders only the
 * pages it owns; which shard owns a page follows from its URL alone, so every process agrees
 * without talking, and the audit in each shard checks exactly the pages that shard wrote.
 * Shard 0 also writes everything that exists once: feeds, sitemaps, assets, photos, search.
 */
export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

export const WHOLE_SITE: Shard = { index: 0, count: 1 };

/** The variable `npm run build` sets for each shard process: `index/count`, e.g. `1/2`. */
export const SHARD_VARIABLE = "DATELINE_SHARD";

export function parseShard(value: string | undefined): Shard {
  if (value === undefined || value === "") return WHOLE_SITE;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 64 || index >= count) {
    throw new UserError(
      `${SHARD_VARIABLE}: expected "index/count" with 0 ≤ index < count ≤ 64 (such as "1/2"), found ${JSON.stringify(value)}`,
    );
  }
  return { index, count };
}

/** The shard that renders the page at `url` (FNV-1a of the URL: stable, and even in practice). */
export function shardOf(url: string, count: number): number {
  if (count === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

export function ownsUrl(shard: Shard, url: string): boolean {
  return shardOf(url, shard.count) === shard.index;
}

/** The items whose page this shard renders. */
export function ownedItems<T>(shard: Shard, items: readonly T[], url: (item: T) => string): T[] {
  return shard.count === 1 ? [...items] : items.filter((item) => ownsUrl(shard, url(item)));
}
