import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { appServerCommand } from "./support/second-instance";
import { repoRoot } from "./support/stack";

/** Starts the built app with one variable changed and waits for it to exit. */
function startAppWith(overrides: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const [command, args] = appServerCommand(3199);
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...overrides },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("starting the app with a bad environment", () => {
  // An empty value counts as missing, and (unlike unsetting it) is not refilled by Next
  // from a developer's .env file.
  it.each(["LIVEKIT_API_SECRET", "DATABASE_URL", "AUTH_SECRET"])("fails at once naming %s when it is missing", async (name) => {
    const { code, output } = await startAppWith({ [name]: "" });
    expect(code).toBe(1);
    expect(output).toContain(`${name} is required but not set`);
  });

  it("fails naming a malformed LIVEKIT_URL", async () => {
    const { code, output } = await startAppWith({ LIVEKIT_URL: "http://not-a-websocket" });
    expect(code).toBe(1);
    expect(output).toContain("LIVEKIT_URL must start with ws:// or wss://");
  });

  it("fails naming APP_WORKERS when it is not a number of processes", async () => {
    const { code, output } = await startAppWith({ APP_WORKERS: "two" });
    expect(code).toBe(1);
    expect(output).toContain('APP_WORKERS must be "auto" or a whole number from 1 to 64, not "two"');
  });

  it("with several workers, stops (instead of restarting them forever) when every worker fails at start", async () => {
    const { code, output } = await startAppWith({ APP_WORKERS: "2", AUTH_SECRET: "" });
    expect(code).toBe(1);
    expect(output).toContain("AUTH_SECRET is required but not set");
    expect(output).toContain("workers exited within a minute");
  });
});
