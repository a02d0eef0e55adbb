import { afterEach, describe, expect, it, vi } from "vitest";
import { processRole } from "../../../src/lib/build/process-role.ts";
import { WHOLE_SITE } from "../../../src/lib/build/shard.ts";

describe("processRole", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("renders the whole site alone when the build script said nothing", () => {
    vi.stubEnv("DATELINE_SHARD", "");
    vi.stubEnv("DATELINE_ARTICLE_SNAPSHOT", "");
    expect(processRole({})).toEqual({ shard: WHOLE_SITE });
  });

  it("reads its shard from the environment: shard 0 announces its photos, the others wait for them", () => {
    vi.stubEnv("DATELINE_SHARD", "0/3");
    const first = processRole({});
    expect(first.shard).toEqual({ index: 0, count: 3 });
    expect(typeof first.onPhotosDone).toBe("function");
    expect(first.photosReady).toBeUndefined();
    vi.stubEnv("DATELINE_SHARD", "2/3");
    const other = processRole({});
    expect(typeof other.photosReady).toBe("function");
    expect(other.onPhotosDone).toBeUndefined();
  });

  it("starts from a snapshot file given by the caller, ready at once", async () => {
    const role = processRole({ articleSnapshot: "/tmp/articles.snapshot" });
    expect(role.articleSnapshot?.file).toBe("/tmp/articles.snapshot");
    expect(await role.articleSnapshot?.ready()).toBe(true);
  });
});
