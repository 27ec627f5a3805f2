import { defineConfig } from "@playwright/test";
import baseConfig from "./playwright.config";

// Browser tests of the production topology (e2e/topology/*.spec.ts), run by scripts/test.sh
// against the prod-test profile. The same Chromium and flags as the main suite, plus a HOME
// whose NSS database trusts Caddy's local root (scripts/lib/topology.sh,
// topology_chromium_home): certificates are checked, not ignored.
const base = baseConfig.projects![0]!.use!;
const launchOptions = base.launchOptions!;

export default defineConfig({
  ...baseConfig,
  testDir: "e2e/topology",
  testMatch: /.*\.spec\.ts$/,
  timeout: 120_000,
  use: { ...baseConfig.use, baseURL: process.env.PARLEY_TEST_APP_URL },
  projects: [
    {
      name: "chromium-topology",
      use: {
        ...base,
        launchOptions: {
          ...launchOptions,
          // *.localhost is loopback in Chromium already; the rule makes the TURN name explicit.
          args: [...(launchOptions.args ?? []), "--host-resolver-rules=MAP turn.localhost 127.0.0.1"],
          env: { ...process.env, HOME: process.env.PARLEY_CHROMIUM_HOME ?? "" },
        },
      },
    },
  ],
});
