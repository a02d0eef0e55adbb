import Eleventy from "@11ty/eleventy";
import { stopSearchIndexers } from "../../src/lib/search/search-indexer.ts";

/** Eleventy into `folder`; false (the error already printed) when the build failed. */
export async function runEleventy(folder: string, config: string): Promise<boolean> {
  try {
    const eleventy = new Eleventy(".", folder, { configPath: config, quietMode: true });
    await eleventy.write();
    return true;
  } catch (error) {
    await stopSearchIndexers();
    // Eleventy has already printed the error itself.
    if (!(error instanceof Error) || !("problems" in error)) console.error(error);
    return false;
  }
}
