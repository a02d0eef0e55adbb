/**
 * The one thing the shards of a parallel build tell each other, through `npm run build`:
 * shard 0 has put every photo in the cache, so the others may read it (see `Shard`).
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
