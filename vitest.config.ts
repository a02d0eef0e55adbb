import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests build whole fixture sites and encode photos.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Eleventy echoes every build error to the console; the tests assert on the errors themselves.
    onConsoleLog: (log) => !log.startsWith("[11ty]"),
  },
});
