import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests build whole fixture sites and encode photos.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
