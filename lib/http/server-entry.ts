import http from "node:http";
import { crossSiteRefusal } from "@/lib/http/cross-site";

const PATCHED = Symbol.for("parley.serverEntry");

export interface ServerEntryOptions {
  /** Delete any client-sent X-Forwarded-For (no trusted proxy in front: TRUST_PROXY unset). */
  dropForwardedFor: boolean;
  /** APP_URL's origin: the only one whose pages may change state through the API. */
  appOrigin: string;
  /** The security headers every API answer carries (lib/security-headers.ts, apiSecurityHeaders). */
  apiHeaders: Record<string, string>;
}

/**
 * What happens to each request where it enters Node's HTTP server, before Next sees it.
 * Called once at start-up from instrumentation.ts; the Docker image's standalone server and
 * `next start` are both Node's HTTP server.
 *
 * - Without TRUST_PROXY, browsers reach the app directly and an `X-Forwarded-For` header is
 *   whatever the client claims. Next 16 keeps a client-sent one (it fills in the TCP peer's
 *   address only when the header is absent), so a rate limit counted the address the client
 *   made up (issue 8). Removing the header here makes Next fill in the real peer for proxy.ts
 *   and route handlers alike (docs/decisions/008-rate-limits.md).
 * - Every request under /api/ gets the cross-site policy (lib/http/cross-site.ts,
 *   docs/decisions/012-cross-site-requests.md) and the API's security headers, so a route
 *   added later is covered without anyone remembering to. This was proxy.ts's job; a proxy
 *   costs every request Next's whole middleware pass (a request object built twice, the body
 *   buffered), about a quarter of the token route's CPU, and the API needs none of what the
 *   proxy does for pages (a CSP nonce, the invite pages' rate limit).
 */
export function guardRequestsAtEntry(options: ServerEntryOptions): void {
  const server = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (server[PATCHED]) return;
  const emit = server.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    // Only when sent: deleting a property turns the headers object into a slow dictionary for
    // everything that reads it after (Node, Next, the route), on every request.
    if (options.dropForwardedFor && request.headers["x-forwarded-for"] !== undefined) delete request.headers["x-forwarded-for"];
    const pathname = apiPathname(request.url ?? "/");
    if (pathname === null) return emit.call(this, event, ...args);

    for (const [name, value] of Object.entries(options.apiHeaders)) response.setHeader(name, value);
    const refusal = crossSiteRefusal(request.method ?? "GET", pathname, (name) => headerValue(request.headers[name]), options.appOrigin);
    if (!refusal) return emit.call(this, event, ...args);
    void answer(response, refusal);
    return true;
  } as typeof server.emit;
  server[PATCHED] = true;
}

/**
 * The path as Next will route it (dot segments resolved, repeated slashes as one), when it is
 * under /api/; null otherwise. Percent-escapes are decoded too, though Next routes `/%61pi/`
 * nowhere: erring towards checking costs nothing. A path that cannot be parsed or decoded is
 * treated as an API path, for the same reason.
 */
export function apiPathname(url: string): string | null {
  let pathname: string;
  try {
    // Joined as text: "//api/x" is a path here, not a host named "api".
    const parsed = url.startsWith("/") ? new URL(`http://parley.invalid${url}`) : new URL(url);
    pathname = decodeURIComponent(parsed.pathname).replace(/\/{2,}/g, "/");
  } catch {
    return "/api/";
  }
  return pathname === "/api" || pathname.startsWith("/api/") ? pathname : null;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

async function answer(response: http.ServerResponse, refusal: Response): Promise<void> {
  const body = await refusal.text();
  refusal.headers.forEach((value, name) => response.setHeader(name, value));
  // The request's body is never read: close the connection rather than drain it.
  response.setHeader("Connection", "close");
  response.writeHead(refusal.status).end(body);
}
