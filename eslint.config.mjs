// ESLint flat config: Next's core-web-vitals rules (React, react-hooks, jsx-a11y, import,
// @next/next), typescript-eslint's recommended rules through Next's TypeScript preset.
// `npm run lint` fails on any warning (--max-warnings=0); scripts/test.sh runs it.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // Unused names are mistakes, except a deliberately ignored `_` argument or rest sibling.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Playwright fixtures take a `use` callback, which react-hooks mistakes for React's use().
    files: ["e2e/**/*.ts", "bench/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "lib/generated/**",
    "node_modules/**",
    ".node/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
