import Eleventy from "@11ty/eleventy";
import { stopSearchIndexers } from "../../src/lib/search/search-indexer.ts";
import { linkingSettled } from "../../src/lib/core/link-files.ts";
import { isRenderLimitError } from "../../src/lib/build/process-role.ts";

/**
 * Eleventy into `folder`; false (the error already printed) when the build failed. A build that
 * stopped at its render limit (`RenderLimitError`) throws that error, for the build script to
 * build in shards instead.
 */
export async function runEleventy(folder: string, config: string): Promise<boolean> {
  // Eleventy's error messages are held until the build has ended: one stopped at its render
  // limit has not failed, and says so itself.
  const held: string[] = [];
  const eleventy = new Eleventy(".", folder, { configPath: config, quietMode: true });
  eleventy.logger.overrideLogger({ ...console, error: (message: string) => held.push(message) });
  const release = () => held.splice(0).forEach((message) => console.error(message));
  try {
    await eleventy.write();
    release();
    return true;
  } catch (error) {
    // Nothing may still be writing into the folder the build script is about to delete.
    await Promise.all([stopSearchIndexers(), linkingSettled()]);
    if (isRenderLimitError(error)) throw error;
    release();
    // Eleventy has already printed the error itself.
    if (!(error instanceof Error) || !("problems" in error)) console.error(error);
    return false;
  }
}
