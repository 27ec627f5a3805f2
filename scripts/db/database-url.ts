import type { PoolConfig } from "pg";

/** Where the migration tool connects, split into the parts it needs separately. */
export interface DatabaseTarget {
  /** pg connection settings WITHOUT a connection string (see `parseDatabaseUrl`). */
  pg: PoolConfig & { database: string };
  /** The Postgres schema Prisma manages (`?schema=`, default "public"). */
  schema: string;
}

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/**
 * Reads DATABASE_URL (postgresql://user:pass@host:port/db?schema=...).
 *
 * The URL is split into host/port/user/password/database fields instead of being handed to
 * pg as `connectionString`, because pg lets a connection string win over explicit fields:
 * the shadow database pool, which reuses this config with another `database`, would then
 * silently connect to the main database.
 */
export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  if (!raw) {
    throw new DatabaseUrlError(
      "DATABASE_URL is not set. Export it first, e.g. DATABASE_URL=postgresql://user:password@localhost:5432/parley?schema=public",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUrlError("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database).");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseUrlError(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//).`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) {
    throw new DatabaseUrlError("DATABASE_URL has no database name (postgresql://user:password@host:port/<database>).");
  }

  const params = url.searchParams;
  const pg: DatabaseTarget["pg"] = {
    // `?host=/var/run/postgresql` selects a Unix socket directory, as in libpq.
    host: params.get("host") ?? (decodeURIComponent(url.hostname) || "localhost"),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    connectionTimeoutMillis: 10_000,
  };
  const schema = params.get("schema") || "public";
  // Migration scripts name tables without a schema, like Prisma writes them, so they land
  // in the first schema of the search_path. Point it at the schema the engine manages, as
  // Prisma's native engine does for `?schema=`.
  pg.options = `-c search_path=${quoteSearchPathEntry(schema)}`;
  const sslmode = params.get("sslmode");
  if (sslmode === "require" || sslmode === "no-verify") {
    pg.ssl = { rejectUnauthorized: false };
  } else if (sslmode === "verify-ca" || sslmode === "verify-full") {
    pg.ssl = { rejectUnauthorized: true };
  }
  return { pg, schema };
}

/** A schema name as a search_path entry, in the form libpq's `options` parser accepts. */
function quoteSearchPathEntry(schema: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(schema)) return schema;
  // Anything else is a quoted identifier; in `options`, spaces must be escaped with "\".
  return `"${schema.replaceAll('"', '""')}"`.replaceAll(" ", "\\ ");
}
