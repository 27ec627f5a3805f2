import { api } from "./stack";

/**
 * An HTTP caller with a cookie jar, like one browser: it keeps the session, member and knock
 * cookies the app sets (and drops the ones it expires), so a guest can rejoin, poll the
 * lobby or moderate as a co-host, and a signed-in caller keeps their session. The one jar of
 * the integration suite: session.ts signs in through it.
 */
export class Client {
  private readonly jar = new Map<string, string>();

  /** `headers` go with every request (e.g. X-Forwarded-For, to speak from another address). */
  constructor(
    initialCookie = "",
    private readonly headers: Record<string, string> = {},
  ) {
    for (const pair of initialCookie.split("; ").filter(Boolean)) {
      const at = pair.indexOf("=");
      this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Any request, with this browser's cookies; keeps what the response sets. */
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await api(path, { ...init, headers: { ...this.headers, ...init.headers, cookie: this.cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (!pair || at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    return this.send(path, {
      method,
      headers: body !== undefined ? { "Content-Type": "application/json" } : {},
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  post(path: string, body: unknown = {}) {
    return this.request("POST", path, body);
  }

  patch(path: string, body: unknown) {
    return this.request("PATCH", path, body);
  }

  get(path: string) {
    return this.request("GET", path);
  }
}

/** The API's error body (lib/http/responses.ts): its code and the message a person sees. */
export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** The raw invite token at the end of an invite link (`…/j/<token>`). */
export function inviteTokenOf(inviteUrl: string): string {
  const token = new URL(inviteUrl).pathname.split("/").pop();
  if (!token) throw new Error(`not an invite link: ${inviteUrl}`);
  return token;
}
