import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { batchedWhileInFlight } from "@/lib/batched";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

// One pool and one client per process. In development Next re-evaluates modules on every
// edit, so both are parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { parleyPrisma?: PrismaClient; parleyPool?: pg.Pool };

function createPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: serverEnv().DATABASE_URL,
    // pg's pool applies this one timeout both to opening a connection and to waiting for a
    // free one. A stopped PostgreSQL refuses connections at once (a 503, see lib/http), so
    // the timeout only matters for waiting: a burst (120 invite pages at once in the
    // rate-limit tests) queues behind the pool and must not be turned into 503s after 3 s.
    connectionTimeoutMillis: 15_000,
  });
  // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; without a
  // listener its error would end the process.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return pool;
}

/** The connection pool: Prisma's (through its pg adapter) and sql()'s. */
function pool(): pg.Pool {
  globalForPrisma.parleyPool ??= createPool();
  return globalForPrisma.parleyPool;
}

function createClient(): PrismaClient {
  const adapter = new PrismaPg(pool(), { statementNameGenerator: preparedStatementName });
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

/** PostgreSQL's `timestamp` (without time zone), the type of every Prisma DateTime column. */
const TIMESTAMP_OID = 1114;
/** Prisma keeps DateTime columns in UTC; PostgreSQL prints them as "2026-11-30 18:52:07.123". */
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const sqlTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Runs one SQL statement on Prisma's pool and answers its rows: for the few statements on
 * the hot path of a join (the rate limit's count, the invite, the session, the meeting, the admission),
 * where Prisma's own layers cost more than the statement (docs/decisions/032-token-throughput.md,
 * amendment (b)); everything else goes through db(). Prepared once per connection like
 * Prisma's statements. Timestamps come back as Dates read as UTC, as Prisma reads them; pass
 * instants as ISO strings cast to timestamp(3) (pg would send a Date in the process's time zone).
 */
export async function sql<Row>(text: string, values: readonly unknown[]): Promise<Row[]> {
  const result = await pool().query<Row & pg.QueryResultRow>({
    name: preparedStatementName({ sql: text }),
    text,
    values: values as unknown[],
    types: sqlTypes,
  });
  return result.rows;
}

/**
 * A read by a unique key, for the hottest lookups (the session, the meeting, the invite),
 * batched under load (lib/batched.ts): the keys asked for while one read is in flight are read
 * together by the next, each after its request arrived, so none is answered from an older
 * read. `text` selects the rows of every key in $1 (a text[]), and `keyOf` says whose a row is.
 */
export function batchedLookup<Row>(text: string, keyOf: (row: Row) => string): (key: string) => Promise<Row | undefined> {
  return batchedWhileInFlight(async (keys: readonly string[]) => {
    const rows = await sql<Row>(text, [[...new Set(keys)]]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key));
  });
}
