import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

/** Base URL of the app under test, started by scripts/test.sh (profile "test"). */
export const appUrl = process.env.PARLEY_TEST_APP_URL ?? "http://localhost:3100";

export function api(pathname: string, init?: RequestInit): Promise<Response> {
  return fetch(new URL(pathname, appUrl), init);
}

export function postJson(pathname: string, body: unknown, init?: RequestInit): Promise<Response> {
  return api(pathname, {
    ...init,
    method: "POST",
    headers: { "Content-Type": "application/json", ...init?.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

type Service = "postgres" | "livekit" | "app";

/** Really stops or starts one process of the test stack (fault tests). */
export async function service(name: Service, action: "start" | "stop"): Promise<void> {
  await run("bash", [path.join(root, "scripts/service.sh"), "test", name, action], { cwd: root });
}

export { root as repoRoot };
