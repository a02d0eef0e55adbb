import Eleventy from "@11ty/eleventy";
import { stopSearchIndexers } from "../../src/lib/search/search-indexer.ts";
import { linkingSettled } from "../../src/lib/core/link-files.ts";

/** Eleventy into `folder`; false (the error already printed) when the build failed. */
export async function runEleventy(folder: string, config: string): Promise<boolean> {
  try {
    const eleventy = new Eleventy(".", folder, { configPath: config, quietMode: true });
    await eleventy.write();
    return true;
  } catch (error) {
    // Nothing may still be writing into the folder the build script is about to delete.
    await Promise.all([stopSearchIndexers(), linkingSettled()]);
    // Eleventy has already printed the error itself.
    if (!(error instanceof Error) || !("problems" in error)) console.error(error);
    return false;
  }
}
