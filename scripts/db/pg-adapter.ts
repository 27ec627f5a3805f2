import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DatabaseTarget } from "./database-url.js";

/**
 * The database side of the WASM schema engine: a migration-aware driver adapter factory
 * built on @prisma/adapter-pg 7.10.0, with three fixes for problems that adapter has on
 * the migration path (each one reproduced with this engine build):
 *
 *  1. Postgres' internal one-byte `"char"` type → reported as text (CharAsTextClient).
 *  2. The shadow database is created and dropped here, after its pool is closed.
 *  3. Migration scripts are sent whole, not split on `;` (runWholeScript).
 */
export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every pool and drops any shadow database still around. Call once, at the end. */
  close(): Promise<void>;
}

const PG_CHAR_OID = 18; // the internal "char" type, e.g. pg_constraint.contype
const PG_TEXT_OID = 25;

/**
 * Fix 1. The engine's introspection selects catalog columns such as `pg_constraint.contype`,
 * whose type is the internal `"char"` (oid 18). adapter-pg has no mapping for that oid and
 * fails the whole query with "Column type 'char' could not be deserialized". Its values are
 * single ASCII letters, so text is an exact description: relabel the column as text in the
 * row description, before pg picks a value parser and before the adapter maps column types.
 * Doing it on the connection covers every path the adapter uses (pool queries, transactions).
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener("rowDescription", (message: { fields: { dataTypeID: number }[] }) => {
      for (const field of message.fields) {
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      }
    });
  }
}

function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({
    ...config,
    Client: CharAsTextClient,
    // The engine takes Prisma's migration advisory lock on one pooled connection and never
    // unlocks it: the lock lasts as long as that connection. Keep idle connections open
    // (the default closes them after 10 s) so a long migration cannot lose the lock midway;
    // close() ends the pools.
    idleTimeoutMillis: 0,
  });
  // An idle client losing its connection must not crash the process with an unhandled
  // 'error' event; the next query reports the problem instead.
  pool.on("error", () => {});
  return pool;
}

/** Turns a pg error into the shape the engine prints (what adapter-pg does for queries). */
function toDriverAdapterError(error: unknown): unknown {
  if (error instanceof pg.DatabaseError) {
    return new DriverAdapterError({
      kind: "postgres",
      code: error.code ?? "N/A",
      severity: error.severity ?? "N/A",
      message: error.message,
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }
  return error;
}

/**
 * Fix 3. adapter-pg's `executeScript` splits the script on every `;` and runs the pieces one
 * by one, which breaks string literals like 'a;b', `$$` function bodies and DO blocks, and
 * leaves a half-applied migration when a later piece fails. The engine uses executeScript
 * for migration.sql files, so send the script as ONE simple-protocol query (a query without
 * parameters): Postgres then parses it itself and runs it as one implicit transaction, the
 * same as the native schema engine does.
 */
function runWholeScript(adapter: SqlDriverAdapter, pool: pg.Pool, onDispose?: () => Promise<void>): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: () => adapter.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    async executeScript(script) {
      try {
        await pool.query(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
    async dispose() {
      await adapter.dispose();
      await onDispose?.();
    },
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `<db>_shadow_<random>`, short enough for Postgres' 63-character limit on names. */
function shadowDatabaseName(mainDatabase: string): string {
  const suffix = `_shadow_${randomBytes(4).toString("hex")}`;
  return mainDatabase.slice(0, 63 - suffix.length) + suffix;
}

export function createMigrationAdapterFactory(target: DatabaseTarget): MigrationAdapterFactory {
  const mainPool = createPool(target.pg);
  const adapterOptions = { schema: target.schema };
  const mainFactory = new PrismaPg(mainPool, adapterOptions);
  /**
   * Shadow databases not dropped yet, with the CREATE DATABASE that may still be running
   * (so a cleanup after Ctrl-C waits for it instead of missing the new database).
   */
  const shadows = new Map<string, { created: Promise<unknown>; pool?: pg.Pool }>();

  /**
   * Normal path (force = false): the engine is done with the shadow database, its pool is
   * closed, then the database is dropped. Abort path (close() after an error or a signal):
   * the engine may still be connected, so drop WITH (FORCE) first, which ends its sessions.
   */
  async function dropShadow(name: string, force: boolean): Promise<void> {
    const shadow = shadows.get(name);
    if (!shadow) return;
    shadows.delete(name);
    await shadow.created.catch(() => {});
    if (force) {
      await mainPool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await shadow.pool?.end();
    } else {
      await shadow.pool?.end();
      await mainPool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
    }
  }

  return {
    provider: "postgres",
    adapterName: mainFactory.adapterName,

    async connect() {
      return runWholeScript(await mainFactory.connect(), mainPool);
    },

    /**
     * Fix 2. adapter-pg's own connectToShadowDb drops the shadow database while the pool
     * connected to it is still open, which Postgres refuses ("database ... is being accessed
     * by other users"), leaving a stray database behind on every `dev` run. Here the pool is
     * ended first and the database dropped after, from the main connection.
     */
    async connectToShadowDb() {
      const name = shadowDatabaseName(target.pg.database);
      const shadow: { created: Promise<unknown>; pool?: pg.Pool } = {
        created: mainPool.query(`CREATE DATABASE ${quoteIdentifier(name)}`),
      };
      shadows.set(name, shadow);
      await shadow.created;
      shadow.pool = createPool({ ...target.pg, database: name });
      const adapter = await new PrismaPg(shadow.pool, adapterOptions).connect();
      return runWholeScript(adapter, shadow.pool, () => dropShadow(name, false));
    },

    async close() {
      for (const name of [...shadows.keys()]) {
        await dropShadow(name, true).catch(() => {});
      }
      await mainPool.end();
    },
  };
}

/**
 * Creates the target database when it does not exist yet, as `prisma migrate dev|deploy` do,
 * so a fresh PostgreSQL server needs no manual setup. Returns true if it created it.
 */
export async function ensureDatabaseExists(target: DatabaseTarget): Promise<boolean> {
  const probe = new pg.Client(target.pg);
  try {
    await probe.connect();
    return false;
  } catch (error) {
    // Anything but "database does not exist" (3D000) is left to the engine, whose messages
    // for unreachable servers or bad credentials are clearer than pg's.
    if (!(error instanceof pg.DatabaseError && error.code === "3D000")) return false;
  } finally {
    await probe.end().catch(() => {});
  }
  const maintenance = new pg.Client({ ...target.pg, database: "postgres" });
  try {
    await maintenance.connect();
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(target.pg.database)}`);
    return true;
  } catch (error) {
    // Another process (a parallel deploy) may have created it in the meantime.
    if (error instanceof pg.DatabaseError && error.code === "42P04") return false; // duplicate_database
    throw error;
  } finally {
    await maintenance.end().catch(() => {});
  }
}
