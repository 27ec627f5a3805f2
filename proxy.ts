import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { rateLimitRefusal } from "@/lib/http/rate-limited";
import { createNonce, isInvitePath, securityHeaders } from "@/lib/security-headers";

/**
 * Runs before every page and static file (Next 16's proxy, formerly middleware; Node.js runtime):
 * - gives each response a fresh CSP nonce and the security headers of lib/security-headers.ts;
 * - rate-limits invite pages (/j/<token>) here, because a page cannot answer 429.
 * (A client-sent X-Forwarded-For without TRUST_PROXY never gets here, and the API never comes
 * here at all: lib/http/server-entry.ts handles both where a request enters the server.)
 */
export async function proxy(request: NextRequest) {
  const env = serverEnv();
  const headers = securityHeaders(env, request.nextUrl.pathname, createNonce());

  const refused = isInvitePath(request.nextUrl.pathname) ? await rateLimitRefusal(request, "inviteLookup") : null;
  if (refused) return withHeaders(await asPageIfWanted(request, refused), headers);

  const forwarded = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

/**
 * Every path but the API's. The API gets its cross-site policy and headers where requests
 * enter the server (lib/http/server-entry.ts): a proxy pass costs each request Next's whole
 * middleware machinery (and, when a proxy runs, Next reads the whole body first, up to 10 MB
 * buffered, before the route sees any of it), about a quarter of a token request's CPU.
 */
export const config = { matcher: ["/((?!api/).*)"] };

function withHeaders<R extends Response>(response: R, headers: Record<string, string>): R {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** A person opening a link sees a sentence, not JSON; same status and Retry-After. */
async function asPageIfWanted(request: NextRequest, refused: Response): Promise<Response> {
  if (!request.headers.get("accept")?.includes("text/html")) return refused;
  const { error } = (await refused.json()) as { error: { message: string } };
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Parley</title><main style="font-family:system-ui,sans-serif;max-width:28rem;margin:20vh auto;padding:0 1.5rem;text-align:center"><h1>Please wait a moment</h1><p>${error.message}</p></main></html>`;
  return new Response(html, {
    status: refused.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": refused.headers.get("retry-after") ?? "60",
    },
  });
}
