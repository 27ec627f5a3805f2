import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine before every command. Parley never
// uses it (migrations run on the WASM engine, see scripts/db/migrate.ts and
// docs/decisions/002-migrations-without-native-engine.md), and air-gapped installs
// cannot reach the download host, so point the CLI at a stub that explains itself.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/db/no-native-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/parley" },
});
