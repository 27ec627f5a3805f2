import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs Next's self-contained server (see Dockerfile).
  output: "standalone",
  // The dev and test stacks build into separate folders so one can rebuild while the other
  // runs (scripts/lib/stack.sh sets NEXT_DIST_DIR per profile).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Types are checked once for the whole repository (app, tests, scripts, benchmarks) by
  // `npm run typecheck`, the first step of scripts/test.sh; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // It reads its VTIMEZONE files next to itself at run time (fs + __dirname): bundled, it
  // finds none and calendars lose their time zones (caught by scheduling-chat.test.ts).
  // Loaded from node_modules instead, with its zone files traced into the standalone output.
  serverExternalPackages: ["@touch4it/ical-timezones"],
  outputFileTracingIncludes: { "/api/**/*": ["./node_modules/@touch4it/ical-timezones/zones/**/*"] },
  reactStrictMode: true,
};

export default nextConfig;
