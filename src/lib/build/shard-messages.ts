import { sendIfConnected } from "../core/ipc.ts";

/**
 * What the processes of one build tell each other, through `npm run build`: shard 0 has put
 * every photo in the cache, so the other shards may read it (see `Shard`); and the build script
 * has written the article snapshot its shards start from.
 */
export const PHOTOS_READY = "dateline:photos-ready";

/**
 * Waits for the first message `accept` recognizes (it returns the message's value, or undefined
 * to ignore it). Starts listening at once, so the message cannot arrive before anyone waits for
 * it; a process not started by the build script has nobody to wait for and gets `alone`, and
 * one whose build script disconnects before the message gets `gone`.
 */
function listenFor<T>(accept: (message: unknown) => T | undefined, alone: T, gone: T): () => Promise<T> {
  const ready = new Promise<T>((resolve) => {
    if (!process.send) return resolve(alone);
    const stop = (value: T) => {
      process.off("message", onMessage);
      process.off("disconnect", onDisconnect);
      resolve(value);
    };
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value !== undefined) stop(value);
    };
    // The build script went away before telling: nobody will, so stop waiting.
    const onDisconnect = () => stop(gone);
    process.on("message", onMessage);
    process.once("disconnect", onDisconnect);
  });
  return () => ready;
}

export function listenForPhotosReady(): () => Promise<true> {
  return listenFor((message) => (message === PHOTOS_READY ? true : undefined), true, true);
}

export function announcePhotosReady(): void {
  sendIfConnected(process, PHOTOS_READY);
}

/**
 * The build script's word to its shards that the article snapshot (`src/lib/content/article-snapshot.ts`)
 * is written (`ok`), or could not be made (each process then reads the files itself).
 */
export const ARTICLES_READY = "dateline:articles-ready";

export interface ArticlesReadyMessage {
  type: typeof ARTICLES_READY;
  ok: boolean;
}

/** Whether the announced snapshot was written; without a build script to tell it, it is taken as written. */
export function listenForArticleSnapshot(): () => Promise<boolean> {
  return listenFor(
    (message) =>
      (message as Partial<ArticlesReadyMessage> | null)?.type === ARTICLES_READY
        ? (message as ArticlesReadyMessage).ok
        : undefined,
    true,
    // Without word, the snapshot may be half written: read the files instead.
    false,
  );
}
