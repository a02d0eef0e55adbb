import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Site path of each asset (`/assets/styles.css`) → its fingerprinted path (`/assets/styles.1a2b3c4d.css`). */
export type AssetManifest = Record<string, string>;

/**
 * Names every file under `folder` after a hash of its content, so a host can cache it for a
 * year: a changed file gets a new name. Returns the manifest and the copies to make.
 */
export function fingerprintAssets(
  folder: string,
  urlPrefix = "/assets/",
): { manifest: AssetManifest; copies: Record<string, string> } {
  const manifest: AssetManifest = {};
  const copies: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, file).split(path.sep).join("/");
    const hash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 10);
    const extension = path.extname(relative);
    const hashed = `${relative.slice(0, relative.length - extension.length)}.${hash}${extension}`;
    manifest[`${urlPrefix}${relative}`] = `${urlPrefix}${hashed}`;
    copies[file] = `${urlPrefix.slice(1)}${hashed}`;
  }
  return { manifest, copies };
}

/** The fingerprinted path of an asset, or the path unchanged when it is not one of ours. */
export function assetUrl(manifest: AssetManifest, sitePath: string): string {
  return manifest[sitePath] ?? sitePath;
}
