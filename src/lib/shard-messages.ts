/**
 * What the processes of one build tell each other, through `npm run build`. First, the thing
 * the shards of a parallel build tell each other: shard 0 has put every photo in the cache, so
 * the others may read it (see `Shard`).
 */
export const PHOTOS_READY = "dateline:photos-ready";

/** Starts listening at once, so the message cannot arrive before anyone waits for it. */
export function listenForPhotosReady(): () => Promise<void> {
  const ready = new Promise<void>((resolve) => {
    if (!process.send) return resolve(); // not started by the build script: nobody to wait for
    const onMessage = (message: unknown) => {
      if (message !== PHOTOS_READY) return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
  });
  return () => ready;
}

export function announcePhotosReady(): void {
  process.send?.(PHOTOS_READY);
}

/**
 * The build script's word to its shards that the article snapshot (`src/lib/article-snapshot.ts`)
 * is written (`ok`), or could not be made (each process then reads the files itself).
 */
export const ARTICLES_READY = "dateline:articles-ready";

export interface ArticlesReadyMessage {
  type: typeof ARTICLES_READY;
  ok: boolean;
}

/** Starts listening at once; without a build script to tell it, the snapshot is taken as written. */
export function listenForArticleSnapshot(): () => Promise<boolean> {
  const ready = new Promise<boolean>((resolve) => {
    if (!process.send) return resolve(true);
    const onMessage = (message: unknown) => {
      if ((message as Partial<ArticlesReadyMessage> | null)?.type !== ARTICLES_READY) return;
      process.off("message", onMessage);
      resolve((message as ArticlesReadyMessage).ok);
    };
    process.on("message", onMessage);
  });
  return () => ready;
}
