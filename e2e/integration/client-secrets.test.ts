/**
 * No secret reaches a browser: every file of the build's client output
 * ($NEXT_DIST_DIR/static, what /_next/static serves) and the HTML of the public pages are
 * searched for the values of the server's secrets, as scripts/test.sh exports them.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api, repoRoot } from "./support/stack";

const SECRET_NAMES = ["LIVEKIT_API_SECRET", "AUTH_SECRET", "DATABASE_URL", "POSTGRES_PASSWORD", "OIDC_CLIENT_SECRET", "SMTP_URL"] as const;

/** The secret values to look for, with the database password on its own. */
function secrets(): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of SECRET_NAMES) {
    const value = process.env[name];
    if (value) found.set(name, value);
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) found.set("DATABASE_URL password", decodeURIComponent(new URL(databaseUrl).password));
  return found;
}

/** Every form a value could take in a bundle or a page. */
function spellings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Reads every file under `dir`; returns what was read and which secret was found where. */
async function scan(dir: string, values: Map<string, string>) {
  const leaks: string[] = [];
  let bytes = 0;
  const files = await filesUnder(dir);
  for (const file of files) {
    const text = (await readFile(file)).toString("latin1");
    bytes += text.length;
    for (const [name, value] of values) {
      if (spellings(value).some((s) => text.includes(s))) leaks.push(`${name} in ${path.relative(dir, file)}`);
    }
  }
  return { files: files.length, bytes, leaks };
}

describe("secrets stay on the server", () => {
  it("has the secrets to look for", () => {
    const values = secrets();
    // scripts/test.sh exports them all; short values would match by chance.
    for (const name of ["LIVEKIT_API_SECRET", "AUTH_SECRET", "DATABASE_URL", "DATABASE_URL password"])
      expect(values.get(name), name).toBeTruthy();
    for (const [name, value] of values) expect(value.length, name).toBeGreaterThanOrEqual(16);
  });

  it("finds a planted secret (the search works)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "parley-secrets-"));
    try {
      await mkdir(path.join(dir, "chunks"));
      await writeFile(path.join(dir, "chunks", "clean.js"), "console.log('hello')");
      await writeFile(path.join(dir, "chunks", "leaky.js"), `const s=${JSON.stringify("pl/anted+secret==value")};`);
      const result = await scan(dir, new Map([["PLANTED", "pl/anted+secret==value"]]));
      expect(result).toMatchObject({ files: 2, leaks: ["PLANTED in chunks/leaky.js"] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("are in no file of the client build", async () => {
    const distDir = process.env.NEXT_DIST_DIR;
    expect(distDir, "NEXT_DIST_DIR (exported by the stack scripts)").toBeTruthy();
    const result = await scan(path.resolve(repoRoot, distDir as string, "static"), secrets());
    // The whole client build was read: the app's chunks, the call UI and LiveKit's client.
    expect(result.files).toBeGreaterThan(10);
    expect(result.bytes).toBeGreaterThan(500_000);
    expect(result.leaks).toEqual([]);
  });

  it("are in none of the pages a visitor can load", async () => {
    const values = secrets();
    for (const page of ["/", "/sign-in", "/sign-up", "/check-email", "/j/not-a-real-invite-token"]) {
      const html = await (await api(page)).text();
      expect(html.length, page).toBeGreaterThan(500);
      for (const [name, value] of values) {
        for (const spelling of spellings(value)) expect(html.includes(spelling), `${name} in ${page}`).toBe(false);
      }
    }
  });
});
