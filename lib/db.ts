import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

// One client per process. In development Next re-evaluates modules on every edit, so the
// client is parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { parleyPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: serverEnv().DATABASE_URL,
    // pg's pool applies this one timeout both to opening a connection and to waiting for a
    // free one. A stopped PostgreSQL refuses connections at once (a 503, see lib/http), so
    // the timeout only matters for waiting: a burst (120 invite pages at once in the
    // rate-limit tests) queues behind the pool and must not be turned into 503s after 3 s.
    connectionTimeoutMillis: 15_000,
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.parleyPrisma ??= createClient();
  return globalForPrisma.parleyPrisma;
}
