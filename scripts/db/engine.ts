import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseTarget } from "./database-url.js";
import { createMigrationAdapterFactory } from "./pg-adapter.js";

export type { SchemaEngine };

/**
 * Prisma's schema engine (the code behind `prisma migrate`) compiled to WebAssembly.
 *
 * The Prisma CLI only runs the native engine binary, which it downloads from Prisma's binary
 * host; that host is unreachable from our build and CI machines. The official
 * @prisma/schema-engine-wasm build for the CLI's engine hash is the same engine, installed
 * from npm, and it talks to Postgres through a JS driver adapter instead of its own driver.
 * It keeps `_prisma_migrations` and the migrations folder exactly as the CLI does.
 */

/** Last panic message of the engine; see installPanicRegistry. */
let lastPanic: string | undefined;

/**
 * When the engine's Rust code panics, the WASM glue hands the message to a global registry
 * that the Prisma CLI normally installs; without it the message is lost and all we would
 * see is "RuntimeError: unreachable".
 */
function installPanicRegistry(): void {
  const registry = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }).PRISMA_WASM_PANIC_REGISTRY = registry;
}

/**
 * The engine races its database work against timers (e.g. 10 s for the migration advisory
 * lock) and never cancels them: the glue has no clearTimeout. Left as they are, these timers
 * keep Node alive for 10-60 s after the work is done. Unref them: while work is pending its
 * sockets keep the process alive anyway, so the timeouts still fire when they matter.
 */
function withUnrefTimers(glue: typeof bindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  const setTimeoutImports = Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"));
  if (setTimeoutImports.length === 0) {
    throw new Error("@prisma/schema-engine-wasm changed: no setTimeout import found; update withUnrefTimers().");
  }
  for (const key of setTimeoutImports) {
    imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

let loaded: Promise<typeof bindings.SchemaEngine> | undefined;

/**
 * The package's main entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node
 * 20 cannot load without --experimental-wasm-modules. So compile the .wasm file ourselves and
 * hand it to the package's JS glue (the "./schema_engine_bg" export), which is all that
 * main entry does.
 */
function loadEngineClass(): Promise<typeof bindings.SchemaEngine> {
  loaded ??= (async () => {
    installPanicRegistry();
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": withUnrefTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loaded;
}

export interface EngineSession {
  engine: SchemaEngine;
  /** Frees the engine, closes every pool and drops leftover shadow databases. */
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  target: DatabaseTarget;
  /** Path of the Prisma schema (the engine only uses it in messages). */
  schemaPath: string;
  schemaContent: string;
  /** Receives the engine's own log lines (JSON), for --verbose. */
  onLog?: (line: string) => void;
}

export async function openEngine(options: OpenEngineOptions): Promise<EngineSession> {
  const SchemaEngineClass = await loadEngineClass();
  const factory = createMigrationAdapterFactory(options.target);
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: [[options.schemaPath, options.schemaContent]] },
      (line: string) => options.onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
  } catch (error) {
    await factory.close();
    throw describeEngineError(error);
  }
  return {
    engine,
    async close() {
      try {
        engine.free();
      } finally {
        await factory.close();
      }
    },
  };
}

/** Errors from the engine, made readable: its user-facing message, or the panic message. */
export function describeEngineError(error: unknown): Error {
  if (error instanceof WebAssembly.RuntimeError && lastPanic) {
    return new Error(`The schema engine crashed: ${lastPanic}`);
  }
  if (error instanceof Error) return error;
  if (typeof error === "object" && error !== null && "message" in error) {
    return new Error(String((error as { message: unknown }).message));
  }
  return new Error(String(error));
}
