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
    // Layers point one way (docs/decisions/018-lint-format-cycles.md): the domain in lib/ knows
    // nothing of HTTP, pages or components; lib/http/ and lib/auth.ts (next-auth's routes) are
    // the HTTP edge.
    files: ["lib/**/*.ts"],
    ignores: ["lib/http/**", "lib/auth.ts", "lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/http/*", "@/app/*", "@/components/*"], message: "lib/ is the domain: no HTTP, pages or components." },
          ],
        },
      ],
    },
  },
  {
    // Client components reach the server only through the API (lib/api-client.ts): no
    // database, LiveKit server SDK, server env or domain module with server imports.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/db",
                "@/lib/env",
                "@/lib/auth",
                "@/lib/session",
                "@/lib/livekit",
                "@/lib/passwords",
                "@/lib/health",
                "@/lib/startup",
                "@/lib/security-headers",
                "@/lib/http/*",
                "@/lib/rate-limit",
                "@/lib/rate-limit/*",
                "@/lib/meetings/*",
                "!@/lib/meetings/roles",
                "@/lib/generated/prisma/client",
              ],
              message: "Client components use lib/api-client.ts and client-safe modules only.",
            },
          ],
          paths: [{ name: "livekit-server-sdk", message: "LiveKit's server SDK stays on the server (lib/livekit.ts)." }],
        },
      ],
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
