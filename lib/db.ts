import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

// One client per process. In development Next re-evaluates modules on every edit, so the
// client is parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { parleyPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: serverEnv().DATABASE_URL,
    // Fail fast when PostgreSQL is down, so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.parleyPrisma ??= createClient();
  return globalForPrisma.parleyPrisma;
}
