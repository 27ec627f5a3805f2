import http from "node:http";

const PATCHED = Symbol.for("parley.dropClientForwardedFor");

/**
 * Without TRUST_PROXY, browsers reach the app directly and an `X-Forwarded-For` header is
 * whatever the client claims. Next 16 keeps a client-sent one (it fills in the TCP peer's
 * address only when the header is absent: `??=` in base-server), and proxy.ts runs before any
 * of our code could remove it, so a limit checked there counted the address the client
 * made up (issue 8: a spoofed header lifted the invite-page limit and spent another
 * address's quota). Removing the header where each request enters Node's HTTP server, before
 * Next sees it, makes Next fill in the real peer for proxy.ts and route handlers alike
 * (docs/decisions/008-rate-limits.md). Called once at start-up from instrumentation.ts.
 */
export function dropClientForwardedFor(): void {
  const server = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (server[PATCHED]) return;
  const emit = server.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") delete (args[0] as http.IncomingMessage).headers["x-forwarded-for"];
    return emit.call(this, event, ...args);
  } as typeof server.emit;
  server[PATCHED] = true;
}
