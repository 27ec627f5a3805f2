import { api } from "./stack";

/**
 * An HTTP caller with a cookie jar, like one browser: it keeps the member and knock cookies
 * the app sets, so a guest can rejoin, poll the lobby or moderate as a co-host.
 */
export class Client {
  private readonly jar = new Map<string, string>();

  constructor(initialCookie = "") {
    for (const pair of initialCookie.split("; ").filter(Boolean)) {
      const at = pair.indexOf("=");
      this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await api(path, {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined && { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
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
