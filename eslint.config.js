// ESLint flat config: the recommended rules of ESLint and typescript-eslint for every TypeScript
// file; Prettier owns formatting, so no stylistic rules here.
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "_site/",
      "_site.*/",
      ".cache/",
      "reports/",
      "test-results/",
      "bench/results/",
      ".tmp-tools/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    files: ["**/*.ts", "**/*.mts"],
    rules: {
      // `_name` marks a value kept on purpose unused (destructuring one field away).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // An eslint-disable comment must say why (`-- reason`).
      "@eslint-community/eslint-comments/require-description": "error",
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["assets/**/*.js"],
    languageOptions: {
      globals: { window: "readonly", document: "readonly", PagefindUI: "readonly", URLSearchParams: "readonly" },
    },
  },
  {
    // The search page's module over Pagefind's (served from the index folder).
    files: ["src/lib/search/browser/**/*.js"],
    languageOptions: { globals: { setTimeout: "readonly" } },
  },
);
