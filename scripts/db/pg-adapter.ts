import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DatabaseTarget } from "./database-url.js";

/**
 * The database side of the WASM schema engine: a migration-aware driver adapter factory
 * built on @prisma/adapter-pg 7.10.0, with three fixes for problems that adapter has on
 * the migration path (each one reproduced; see docs/decisions/002-*):
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
  const pool = new pg.Pool({ ...config, Client: CharAsTextClient });
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

/** `<db>_shadow_<random>`, kept within Postgres' 63-byte identifier limit. */
function shadowDatabaseName(mainDatabase: string): string {
  const suffix = `_shadow_${randomBytes(4).toString("hex")}`;
  return mainDatabase.slice(0, 63 - suffix.length) + suffix;
}

export function createMigrationAdapterFactory(target: DatabaseTarget): MigrationAdapterFactory {
  const mainPool = createPool(target.pg);
  const adapterOptions = { schema: target.schema };
  const mainFactory = new PrismaPg(mainPool, adapterOptions);
  /** Shadow databases created and not yet dropped, so close() can clean up after a failure. */
  const openShadows = new Map<string, pg.Pool>();

  async function dropShadow(name: string): Promise<void> {
    const pool = openShadows.get(name);
    if (!pool) return;
    openShadows.delete(name);
    await pool.end();
    await mainPool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
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
      await mainPool.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      const shadowPool = createPool({ ...target.pg, database: name });
      openShadows.set(name, shadowPool);
      const adapter = await new PrismaPg(shadowPool, adapterOptions).connect();
      return runWholeScript(adapter, shadowPool, () => dropShadow(name));
    },

    async close() {
      for (const name of [...openShadows.keys()]) {
        await dropShadow(name).catch(() => {});
      }
      await mainPool.end();
    },
  };
}
