/**
 * Parley's migration command, a stand-in for `prisma migrate` that needs no download.
 *
 *   tsx scripts/db/migrate.ts deploy                 apply pending migrations (npm run db:deploy)
 *   tsx scripts/db/migrate.ts dev [--name <name>]    apply pending ones, then create + apply a
 *                                                    migration for schema.prisma changes (npm run db:migrate)
 *   tsx scripts/db/migrate.ts dev --check            exit 1 if schema.prisma has changes no migration covers
 *   tsx scripts/db/migrate.ts status                 --check, plus: is every migration applied to the database?
 *
 * Connects with DATABASE_URL. Why not the Prisma CLI: it runs a native engine downloaded from
 * a host our machines cannot reach; this runs the same engine compiled to WebAssembly (see
 * engine.ts, and pg-adapter.ts for the database side). The migrations folder and
 * `_prisma_migrations` stay exactly as the CLI keeps them, so `prisma migrate deploy` can
 * take over wherever it works.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { check, deploy, dev, MigrateError, status, type Project } from "./commands.js";
import { DatabaseUrlError, parseDatabaseUrl } from "./database-url.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

const USAGE = `Usage: tsx scripts/db/migrate.ts <command> [options]

Commands:
  deploy                 Apply pending migrations from prisma/migrations.
  dev                    Apply pending migrations, then create and apply a migration for
                         any change in prisma/schema.prisma.
  status                 Report schema.prisma vs. migrations, and migrations vs. the database.
                         Exit 1 if anything is out of sync.

Options for dev:
  --name <name>          Name of the new migration (default: "migration").
  --create-only          Write the new migration without applying it.
  --accept-data-loss     Apply a migration even if it drops columns or tables with data.
  --check                Create nothing; exit 1 if schema.prisma has changes that no
                         migration covers (for CI).

Common options:
  --verbose              Print the schema engine's log.
  -h, --help             Show this help.

Environment:
  DATABASE_URL           postgresql://user:password@host:port/database?schema=public
                         dev and status need the right to CREATE DATABASE (for a temporary
                         shadow database, dropped at the end).`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        name: { type: "string" },
        "create-only": { type: "boolean", default: false },
        "accept-data-loss": { type: "boolean", default: false },
        check: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (!command) usageError("Missing command.");
  if (extra.length > 0) usageError(`Unexpected argument: ${extra[0]}`);
  if (command !== "dev" && (values.name !== undefined || values["create-only"] || values["accept-data-loss"] || values.check)) {
    usageError(`--name, --create-only, --accept-data-loss and --check only apply to dev.`);
  }

  const name = values.name ?? "migration";
  if (!/^[A-Za-z0-9_]+$/.test(name)) usageError(`--name may only contain letters, digits and "_" (got "${name}").`);

  const project: Project = {
    target: parseDatabaseUrl(process.env.DATABASE_URL),
    schemaPath: SCHEMA_PATH,
    migrationsDir: MIGRATIONS_DIR,
    schemaContent: await readFile(SCHEMA_PATH, "utf8"),
    log: (line) => console.log(line),
    verbose: values.verbose,
  };

  switch (command) {
    case "deploy":
      await deploy(project);
      return 0;
    case "dev":
      if (values.check) return (await check(project)) ? 0 : 1;
      await dev(project, { name, createOnly: values["create-only"], acceptDataLoss: values["accept-data-loss"] });
      return 0;
    case "status":
      return (await status(project)) ? 0 : 1;
    default:
      usageError(`Unknown command "${command}".`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof MigrateError || error instanceof DatabaseUrlError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(known ? message : `Migration failed: ${message}`);
    if (!known && process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
  },
);
