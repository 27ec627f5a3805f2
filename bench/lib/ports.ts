/**
 * Ports the benchmarks open themselves (the stack's own come from scripts/lib/stack.sh).
 * Like every port of the scripts' profiles they move with PARLEY_PORT_OFFSET, so two
 * checkouts can run the benchmarks side by side. Base 3290: 3290 + n, none a "bad port"
 * that fetch or Chromium refuse for offsets in use (checked by benchPort).
 */
const BASE = 3290;
/** Ports browsers and fetch refuse (the WHATWG fetch "bad port" list, the ones near ours). */
const BAD_PORTS = new Set([3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080]);

export function benchPort(n: number): number {
  const port = BASE + n + Number(process.env.PARLEY_PORT_OFFSET ?? 0);
  if (BAD_PORTS.has(port)) throw new Error(`bench port ${port} is one browsers refuse: pick another PARLEY_PORT_OFFSET`);
  return port;
}
