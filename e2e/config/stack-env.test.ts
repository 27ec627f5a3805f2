/**
 * The local stack scripts write each profile's env file once (random secrets) and later runs
 * reuse it. PARLEY_PORT_OFFSET moves every port; a checkout first started with one offset and
 * later with another used to start PostgreSQL and LiveKit on the new ports while the app still
 * pointed at the old ones. These run the real scripts (sourced in bash) in a scratch copy.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "parley-stack-env-"));
  cpSync(path.join(ROOT, "scripts/lib"), path.join(scratch, "scripts/lib"), { recursive: true });
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Configures a profile the way the scripts do, and returns its env file's variables. */
function configure(library: "stack" | "topology", profile: string, offset: number): Record<string, string> {
  const configureFunction = library === "stack" ? "stack_configure" : "topology_configure";
  execFileSync("bash", ["-euo", "pipefail", "-c", `source scripts/lib/${library}.sh && ${configureFunction} ${profile} >/dev/null`], {
    cwd: scratch,
    env: { ...process.env, PARLEY_PORT_OFFSET: String(offset) },
  });
  return readEnv(profile);
}

function envFile(profile: string): string {
  return profile === "dev" ? path.join(scratch, ".env") : path.join(scratch, ".data", profile, ".env");
}

function readEnv(profile: string): Record<string, string> {
  const entries = readFileSync(envFile(profile), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]);
  return Object.fromEntries(entries);
}

describe("the stack's env file follows PARLEY_PORT_OFFSET", () => {
  it("a test profile started again with another offset points the app at the new ports and keeps its secrets", () => {
    const first = configure("stack", "test", 0);
    expect(first.DATABASE_URL).toMatch(/@127\.0\.0\.1:54339\/parley_test$/);

    const moved = configure("stack", "test", 700);

    expect(moved.APP_URL).toBe("http://localhost:3800");
    expect(moved.DATABASE_URL).toBe(first.DATABASE_URL?.replace(":54339/", ":55039/"));
    expect(moved.LIVEKIT_URL).toBe("ws://localhost:8590");
    expect(moved.LIVEKIT_API_URL).toBe("http://127.0.0.1:8590");
    for (const secret of ["AUTH_SECRET", "POSTGRES_PASSWORD", "LIVEKIT_API_SECRET"]) {
      expect(moved[secret], secret).toBe(first[secret]);
    }
  });

  it("addresses a person changed by hand stay as they are", () => {
    configure("stack", "dev", 0);
    const custom = readFileSync(envFile("dev"), "utf8")
      .replace(/^APP_URL=.*$/m, "APP_URL=https://meet.example.org")
      .replace(/^LIVEKIT_URL=.*$/m, "LIVEKIT_URL=wss://sfu.example.org");
    writeFileSync(envFile("dev"), custom);

    const moved = configure("stack", "dev", 700);

    expect(moved.APP_URL).toBe("https://meet.example.org");
    expect(moved.LIVEKIT_URL).toBe("wss://sfu.example.org");
    expect(moved.LIVEKIT_API_URL).toBe("http://127.0.0.1:8580");
  });

  it("the production topology's database address follows the offset too", () => {
    const first = configure("topology", "prod-test", 0);
    expect(first.DATABASE_URL).toMatch(/@127\.0\.0\.1:54369\/parley_prodtest$/);

    const moved = configure("topology", "prod-test", 700);

    expect(moved.DATABASE_URL).toBe(first.DATABASE_URL?.replace(":54369/", ":55069/"));
    expect(moved.AUTH_SECRET).toBe(first.AUTH_SECRET);
  });
});
