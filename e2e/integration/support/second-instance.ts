import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot } from "./stack";

/**
 * Another instance of the same build, started the way every app server is
 * (scripts/app-workers.mjs running `next start`), against the same database and LiveKit, on
 * its own port and with some variables changed: for "every instance shares the limits", for
 * settings the main test app does not run with (TRUST_PROXY=false, an https APP_URL) and for
 * APP_WORKERS.
 */
export interface SecondInstance {
  url: string;
  /** The process started: the server itself, or with APP_WORKERS > 1 the workers' primary. */
  pid: number;
  /** Resolves once what it printed so far satisfies `done` (checked as each chunk arrives). */
  untilOutput: (done: (output: string) => boolean, timeoutMs?: number) => Promise<void>;
  /** Resolves with its exit code once it has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/** The command line of an app server on `port`, as scripts/lib/stack.sh starts it. */
export function appServerCommand(port: number): [string, string[]] {
  return [process.execPath, ["scripts/app-workers.mjs", "node_modules/next/dist/bin/next", "start", "-p", String(port)]];
}

// Each instance gets a port of its own (shifted like the stack's, scripts/lib/stack.sh): a
// port reused right after stop() could still be held by the previous server for a moment,
// and the health check would then be answered by the one that is going away.
let nextPort = 3190 + Number(process.env.PARLEY_PORT_OFFSET ?? 0);

// Ports the WHATWG fetch standard (so Node's fetch) refuses to connect to, at or above the
// first one an offset could land on: with PARLEY_PORT_OFFSET=1000 the first instance would be
// 4190 (ManageSieve), and every health check would fail with "fetch failed" (bad port).
const FETCH_BLOCKED_PORTS = new Set([4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

function takePort(): number {
  while (FETCH_BLOCKED_PORTS.has(nextPort)) nextPort++;
  return nextPort++;
}

export async function startSecondInstance(env: Record<string, string>, port = takePort()): Promise<SecondInstance> {
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const [command, args] = appServerCommand(port);
  const child: ChildProcess = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), ...env },
    detached: true, // its own process group, so stop() ends any workers with it
    stdio: ["ignore", "pipe", "pipe"],
  });
  const listeners = new Set<() => void>();
  const onOutput = (chunk: Buffer) => {
    log += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  const untilOutput = (done: (output: string) => boolean, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done(log)) return;
        listeners.delete(check);
        clearTimeout(deadline);
        resolve();
      };
      const deadline = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`the instance did not print what was awaited within ${timeoutMs} ms:\n${log}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  };

  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the second app instance exited:\n${log}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: child.pid!, untilOutput, exited, stop };
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling interval while it boots
  }
  await stop();
  throw new Error(`the second app instance did not answer on ${url} within 45 s:\n${log}`);
}
