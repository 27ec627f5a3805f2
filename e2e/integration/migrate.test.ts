/**
 * scripts/db/migrate.ts against a real PostgreSQL: deploy onto an empty database, deploy
 * again (nothing to do), and the schema.prisma-vs-migrations check. Also fails when someone
 * changes prisma/schema.prisma without creating the migration for it.
 *
 * Needs DATABASE_URL pointing at a PostgreSQL server whose user may CREATE DATABASE; the
 * database named in it is only used to create (and at the end drop) a fresh database.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

const EXPECTED_TABLES = ["Account", "Invite", "Meeting", "Participation", "Session", "User", "VerificationToken", "WebhookEvent"];

const serverUrl = process.env.DATABASE_URL;
const databaseName = `parley_migrate_test_${randomBytes(4).toString("hex")}`;

/** DATABASE_URL with another database name, keeping credentials and ?schema=. */
function urlFor(database: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

const schemaName = serverUrl ? new URL(serverUrl).searchParams.get("schema") || "public" : "public";

async function withClient<T>(database: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  // pg ignores Prisma's `?schema=` parameter, so the same URL works here.
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function migrate(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["scripts/db/migrate.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: urlFor(databaseName) }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function migrationFolders(): Promise<{ name: string; checksum: string }[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => ({
      name,
      checksum: createHash("sha256")
        .update(await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql")))
        .digest("hex"),
    })),
  );
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
}

function migrationRows(): Promise<MigrationRow[]> {
  return withClient(databaseName, async (client) => {
    const result = await client.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished,
              rolled_back_at IS NOT NULL AS rolled_back, applied_steps_count
         FROM ${pg.escapeIdentifier(schemaName)}."_prisma_migrations"
        ORDER BY migration_name`,
    );
    return result.rows;
  });
}

describe("scripts/db/migrate.ts", () => {
  beforeAll(async () => {
    if (!serverUrl) {
      throw new Error("DATABASE_URL must point at a PostgreSQL server (any database on it) for this test");
    }
    const maintenanceDb = new URL(serverUrl).pathname.slice(1) || "postgres";
    await withClient(maintenanceDb, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(databaseName)}`));
  });

  afterAll(async () => {
    if (!serverUrl) return;
    const maintenanceDb = new URL(serverUrl).pathname.slice(1) || "postgres";
    await withClient(maintenanceDb, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName)} WITH (FORCE)`);
    });
  });

  it("deploy applies every migration onto an empty database", async () => {
    const run = await migrate("deploy");
    expect(run.code, run.stderr).toBe(0);

    const folders = await migrationFolders();
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(run.stdout).toContain(`Applied migration ${folder.name}`);

    const tables = await withClient(databaseName, async (client) => {
      const result = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
        [schemaName],
      );
      return result.rows.map((row) => row.table_name);
    });
    expect(tables).toEqual(expect.arrayContaining([...EXPECTED_TABLES, "_prisma_migrations"]));

    // One finished row per folder, with the checksum `prisma migrate deploy` would record
    // (SHA-256 of migration.sql), so the native CLI accepts this history later.
    const rows = await migrationRows();
    expect(rows).toEqual(
      folders.map((folder) => ({
        migration_name: folder.name,
        checksum: folder.checksum,
        finished: true,
        rolled_back: false,
        applied_steps_count: 1,
      })),
    );
  }, 60_000);

  it("deploy again applies nothing", async () => {
    const before = await migrationRows();
    const run = await migrate("deploy");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("No pending migrations");
    expect(run.stdout).not.toContain("Applied migration");
    expect(await migrationRows()).toEqual(before);
  }, 60_000);

  it("dev --check and status report schema.prisma, migrations and database in sync", async () => {
    const check = await migrate("dev", "--check");
    // On failure the output lists the schema changes that have no migration yet.
    expect(check.stdout + check.stderr).toContain("Schema and migrations are in sync");
    expect(check.code, check.stderr).toBe(0);

    const status = await migrate("status");
    expect(status.stdout).toContain("Schema and migrations are in sync");
    expect(status.stdout).toContain("has every migration applied");
    expect(status.code, status.stdout + status.stderr).toBe(0);

    // Both replay the migrations into a temporary shadow database: it must be gone.
    const leftovers = await withClient(databaseName, async (client) => {
      const result = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${databaseName}_shadow_%`]);
      return result.rows;
    });
    expect(leftovers).toEqual([]);
  }, 60_000);
});
