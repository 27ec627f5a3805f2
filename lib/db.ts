import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

// One client per process. In development Next re-evaluates modules on every edit, so the
// client is parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { parleyPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: serverEnv().DATABASE_URL,
      // pg's pool applies this one timeout both to opening a connection and to waiting for a
      // free one. A stopped PostgreSQL refuses connections at once (a 503, see lib/http), so
      // the timeout only matters for waiting: a burst (120 invite pages at once in the
      // rate-limit tests) queues behind the pool and must not be turned into 503s after 3 s.
      connectionTimeoutMillis: 15_000,
    },
    { statementNameGenerator: preparedStatementName },
  );
  return new PrismaClient({ adapter });
}

/** Distinct statement texts given a name; past the cap, statements go unnamed (parsed each time). */
const MAX_NAMED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();

/**
 * Names each distinct SQL text, so that every pooled connection parses and plans it once and
 * then only binds and executes it (docs/decisions/030-prepared-statements.md). Unnamed,
 * PostgreSQL parsed and planned all five statements of a guest join on every request: about
 * a third of its CPU under the token load. Prisma's statements come from a finite set of
 * query shapes; the cap only guards against an unexpected stream of distinct texts (an `IN`
 * list of every length), each of which would stay prepared on every connection. The name is
 * a digest of the text, not a counter: in development the module is re-evaluated while the
 * pool parked on globalThis keeps its prepared statements, and a name must never change text.
 */
function preparedStatementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    // pg treats an empty name as the unnamed statement.
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return "";
    name = `parley_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export function db(): PrismaClient {
  globalForPrisma.parleyPrisma ??= createClient();
  return globalForPrisma.parleyPrisma;
}
