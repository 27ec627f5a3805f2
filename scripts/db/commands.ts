import path from "node:path";
import type { DatabaseTarget } from "./database-url.js";
import { describeEngineError, openEngine, type EngineSession } from "./engine.js";
import { readMigrations, writeMigration } from "./migrations-dir.js";
import { ensureDatabaseExists } from "./pg-adapter.js";

/** What every command needs to know; built once by migrate.ts. */
export interface Project {
  target: DatabaseTarget;
  /** Absolute paths. */
  schemaPath: string;
  migrationsDir: string;
  schemaContent: string;
  log: (line: string) => void;
  /** Prints the engine's own log lines too. */
  verbose: boolean;
}

/** A failure the user must act on; printed without a stack trace. */
export class MigrateError extends Error {
  override name = "MigrateError";
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function withEngine<T>(project: Project, run: (session: EngineSession) => Promise<T>): Promise<T> {
  if (await ensureDatabaseExists(project.target)) project.log(`Created database "${project.target.pg.database}"`);
  const session = await openEngine({
    target: project.target,
    schemaPath: project.schemaPath,
    schemaContent: project.schemaContent,
    onLog: project.verbose ? (line) => project.log(`[engine] ${line}`) : undefined,
  });
  // Ctrl-C must still drop the shadow database. Closing waits for queries in flight, so
  // give it a few seconds, not forever (a second Ctrl-C exits at once).
  const onSignal = () => {
    const giveUp = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    void Promise.race([session.close(), giveUp]).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await run(session);
  } catch (error) {
    throw describeEngineError(error);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await session.close();
  }
}

function schemaFiles(project: Project) {
  return { files: [{ path: project.schemaPath, content: project.schemaContent }] };
}

/** Applies pending migrations; returns their names. Same engine call as `prisma migrate deploy`. */
async function applyPending(project: Project, session: EngineSession): Promise<string[]> {
  const { appliedMigrationNames } = await session.engine.applyMigrations({
    migrationsList: await readMigrations(project.migrationsDir),
    filters: NO_FILTER,
  });
  for (const name of appliedMigrationNames) project.log(`Applied migration ${name}`);
  return appliedMigrationNames;
}

/** `deploy`: apply pending migrations, never create any (production, CI, containers). */
export async function deploy(project: Project): Promise<void> {
  await withEngine(project, async (session) => {
    const applied = await applyPending(project, session);
    if (applied.length === 0) project.log("No pending migrations");
    else project.log(`${applied.length} migration(s) applied`);
  });
}

export interface DevOptions {
  name: string;
  /** Write the new migration but do not apply it (to edit the SQL by hand first). */
  createOnly: boolean;
  /** Go ahead even when the new migration drops data. */
  acceptDataLoss: boolean;
}

/**
 * `dev`: the `prisma migrate dev` flow for a development database. Apply pending migrations,
 * then turn any difference between schema.prisma and the migrations into a new migration
 * and apply it. Unlike the CLI it never resets the database on its own: it stops and says why.
 */
export async function dev(project: Project, options: DevOptions): Promise<void> {
  await withEngine(project, async (session) => {
    const { engine } = session;
    const migrationsList = await readMigrations(project.migrationsDir);
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (diagnostic.action.tag === "reset") {
      throw new MigrateError(
        `${diagnostic.action.reason}\n` +
          `The database "${project.target.pg.database}" (schema "${project.target.schema}") no longer matches the migrations. ` +
          "This tool does not reset databases: drop and recreate it yourself if its data can go, then run this again.",
      );
    }
    const applied = await applyPending(project, session);

    // The engine answers evaluateDataLoss/createMigration from state it gathers in
    // devDiagnostic (that is also where it sets up the shadow database for them); after
    // applying migrations that state is stale, and createMigration would diff against it.
    if (applied.length > 0) await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });

    const schema = schemaFiles(project);
    const loss = await engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTER });
    if (loss.migrationSteps === 0) {
      project.log("Schema and migrations are in sync");
      return;
    }
    if (loss.unexecutableSteps.length > 0) {
      throw new MigrateError(
        "The schema change cannot be applied to this database as it is:\n" +
          loss.unexecutableSteps.map((step) => `  - ${step.message}`).join("\n") +
          "\nUse --create-only, edit the generated SQL, then run dev again.",
      );
    }
    if (loss.warnings.length > 0) {
      project.log("Warnings for the new migration:");
      for (const warning of loss.warnings) project.log(`  - ${warning.message}`);
      if (!options.acceptDataLoss && !options.createOnly) {
        throw new MigrateError("The new migration may lose data. Re-run with --accept-data-loss to go ahead.");
      }
    }

    const created = await engine.createMigration({
      draft: false,
      migrationName: options.name,
      migrationsList,
      schema,
      filters: NO_FILTER,
    });
    if (created.migrationScript === null) {
      project.log("Schema and migrations are in sync");
      return;
    }
    const directory = await writeMigration(migrationsList, {
      directoryName: created.generatedMigrationName,
      extension: created.extension,
      script: created.migrationScript,
      provider: created.connectorType,
    });
    project.log(`Created migration ${path.relative(process.cwd(), directory)}`);
    if (options.createOnly) {
      project.log("Not applied (--create-only). Edit it if needed, then run dev again.");
      return;
    }
    await applyPending(project, session);
  });
}

/**
 * True when schema.prisma says the same as the migrations folder. Replays the migrations
 * into a shadow database and diffs that against the schema; the main database is not read.
 */
async function schemaMatchesMigrations(project: Project, session: EngineSession): Promise<boolean> {
  const migrationsList = await readMigrations(project.migrationsDir);
  const result = await session.engine.diff({
    from: { tag: "migrations", ...migrationsList },
    to: { tag: "schemaDatamodel", ...schemaFiles(project) },
    script: false,
    exitCode: true,
    filters: NO_FILTER,
  });
  if (result.exitCode === 0) return true;
  project.log("schema.prisma has changes that no migration covers:");
  if (result.stdout) project.log(result.stdout.trimEnd().replace(/^(?=.)/gm, "  "));
  project.log("Create the migration with: npm run db:migrate -- --name <what_changed>");
  return false;
}

/** `dev --check`: exit code only depends on schema.prisma vs. the migrations (for CI). */
export async function check(project: Project): Promise<boolean> {
  return withEngine(project, async (session) => {
    const ok = await schemaMatchesMigrations(project, session);
    if (ok) project.log("Schema and migrations are in sync");
    return ok;
  });
}

/** `status`: the --check test plus whether the database has every migration applied. */
export async function status(project: Project): Promise<boolean> {
  return withEngine(project, async (session) => {
    let ok = await schemaMatchesMigrations(project, session);
    if (ok) project.log("Schema and migrations are in sync");

    const history = await session.engine.diagnoseMigrationHistory({
      migrationsList: await readMigrations(project.migrationsDir),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    const database = `database "${project.target.pg.database}"`;
    if (history.failedMigrationNames.length > 0) {
      ok = false;
      project.log(`Failed migrations in the ${database}: ${history.failedMigrationNames.join(", ")}`);
    }
    if (history.editedMigrationNames.length > 0) {
      ok = false;
      project.log(`Migrations edited after they were applied: ${history.editedMigrationNames.join(", ")}`);
    }
    const diagnostic = history.history;
    if (diagnostic === null) {
      if (history.failedMigrationNames.length === 0) project.log(`The ${database} has every migration applied`);
    } else if (diagnostic.diagnostic === "databaseIsBehind") {
      ok = false;
      project.log(`Pending migrations in the ${database}: ${diagnostic.unappliedMigrationNames.join(", ")}`);
    } else if (diagnostic.diagnostic === "migrationsDirectoryIsBehind") {
      ok = false;
      project.log(`The ${database} has migrations that are not in the folder: ${diagnostic.unpersistedMigrationNames.join(", ")}`);
    } else {
      ok = false;
      project.log(
        `The ${database} and the migrations folder have diverged after ` +
          `${diagnostic.lastCommonMigrationName ?? "the start"}: ` +
          `only in the database: ${diagnostic.unpersistedMigrationNames.join(", ") || "none"}; ` +
          `only in the folder: ${diagnostic.unappliedMigrationNames.join(", ") || "none"}`,
      );
    }
    return ok;
  });
}
