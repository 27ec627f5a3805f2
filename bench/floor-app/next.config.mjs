// The token-throughput floor (issue 11): a minimal Next.js app, the same Next version and a
// production build like Parley's, whose one route handler only signs a LiveKit token.
// bench/token-throughput.ts builds it (next build bench/floor-app) and starts it beside Parley.
const config = { distDir: process.env.NEXT_DIST_DIR ?? ".next" };
export default config;
