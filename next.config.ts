import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs Next's self-contained server (see Dockerfile).
  output: "standalone",
  // The dev and test stacks build into separate folders so one can rebuild while the other
  // runs (scripts/lib/stack.sh sets NEXT_DIST_DIR per profile).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
