import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs Next's self-contained server (see Dockerfile).
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
