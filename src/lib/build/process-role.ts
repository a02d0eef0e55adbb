import type { PromisedArticleSnapshot } from "../content/article-snapshot.ts";
import { ARTICLE_SNAPSHOT_VARIABLE } from "../content/article-snapshot.ts";
import { parseShard, SHARD_VARIABLE, type Shard } from "./shard.ts";
import { announcePhotosReady, listenForArticleSnapshot, listenForPhotosReady } from "./shard-messages.ts";

/** This Eleventy process's part in a build, as `npm run build` started it (or a test sets it). */
export interface ProcessRole {
  /** The part of the site this process renders. */
  shard: Shard;
  /** The articles as the build script read them, once it announces them written. */
  articleSnapshot?: PromisedArticleSnapshot;
  /** The other shards of a parallel build wait for shard 0's photos before reading the cache. */
  photosReady?: () => Promise<unknown>;
  /** Shard 0 of a parallel build says its photos are in the cache. */
  onPhotosDone?: () => void;
  /** The site this build replaces, whose published URLs it must keep (see `published-urls.ts`). */
  previousOutput?: string;
  /** Published URLs the operator said to let go (`all`: every one). */
  allowRemoved?: string[];
  /** At most this many pages may be rendered, or the build stops with a `RenderLimitError`. */
  renderLimit?: number;
}

/** Set by the build script: the output folder the new build will replace. */
export const PREVIOUS_OUTPUT_VARIABLE = "DATELINE_PREVIOUS_OUTPUT";
/** Set by the build script from `--allow-removed`: URLs (comma-separated) or `all`. */
export const ALLOW_REMOVED_VARIABLE = "DATELINE_ALLOW_REMOVED";
/**
 * Set by the build script when it builds a site planned in shards in its own process, reusing the
 * previous site's pages: the most pages that one process may render. A build that would render
 * more stops early with a `RenderLimitError`, and the script builds in shards instead.
 */
export const RENDER_LIMIT_VARIABLE = "DATELINE_RENDER_LIMIT";

/** The build would render more pages than its process may (`RENDER_LIMIT_VARIABLE`). */
export class RenderLimitError extends Error {
  override name = "RenderLimitError";
}

/** Whether `error`, or an error it wraps (Eleventy wraps what a plugin throws), is a `RenderLimitError`. */
export function isRenderLimitError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof RenderLimitError) return true;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return false;
}

/**
 * The role from what the build script put in the environment (`DATELINE_SHARD`,
 * `DATELINE_ARTICLE_SNAPSHOT`), unless the caller gives the shard or a snapshot file itself.
 */
export function processRole(given: {
  shard?: Shard;
  articleSnapshot?: string;
  previousOutput?: string;
  allowRemoved?: string[];
}): ProcessRole {
  const shard = given.shard ?? parseShard(process.env[SHARD_VARIABLE]);
  const announced = process.env[ARTICLE_SNAPSHOT_VARIABLE];
  const articleSnapshot: PromisedArticleSnapshot | undefined =
    given.articleSnapshot !== undefined
      ? { file: given.articleSnapshot, ready: () => Promise.resolve(true) }
      : announced
        ? { file: announced, ready: listenForArticleSnapshot() }
        : undefined;
  const parallel = shard.count > 1;
  const previousOutput = given.previousOutput ?? (process.env[PREVIOUS_OUTPUT_VARIABLE] || undefined);
  const allowRemoved =
    given.allowRemoved ??
    (process.env[ALLOW_REMOVED_VARIABLE] ?? "")
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean);
  const renderLimit = Number(process.env[RENDER_LIMIT_VARIABLE]);
  return {
    shard,
    ...(previousOutput ? { previousOutput, allowRemoved } : {}),
    ...(Number.isInteger(renderLimit) && renderLimit > 0 ? { renderLimit } : {}),
    ...(articleSnapshot ? { articleSnapshot } : {}),
    ...(parallel && shard.index > 0 ? { photosReady: listenForPhotosReady() } : {}),
    ...(parallel && shard.index === 0 ? { onPhotosDone: announcePhotosReady } : {}),
  };
}
