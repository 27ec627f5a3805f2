import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { crossSiteRefusal } from "@/lib/http/cross-site";
import { rateLimitRefusal } from "@/lib/http/rate-limited";
import { createNonce, isInvitePath, securityHeaders } from "@/lib/security-headers";

/**
 * Runs before every request (Next 16's proxy, formerly middleware; Node.js runtime):
 * - gives each response a fresh CSP nonce and the security headers of lib/security-headers.ts;
 * - (a client-sent X-Forwarded-For without TRUST_PROXY never gets here: lib/forwarded-for.ts
 *   drops it as the request enters the server, so Next fills in the TCP peer's address, here
 *   and in route handlers alike; docs/decisions/008-rate-limits.md);
 * - refuses state-changing API requests from other sites, and non-JSON bodies
 *   (lib/http/cross-site.ts, docs/decisions/012-cross-site-requests.md);
 * - rate-limits invite pages (/j/<token>) here, because a page cannot answer 429.
 */
export async function proxy(request: NextRequest) {
  const env = serverEnv();
  const headers = securityHeaders(env, request.nextUrl.pathname, createNonce());

  const crossSite = crossSiteRefusal(request, request.nextUrl.pathname, new URL(env.APP_URL).origin);
  if (crossSite) return withHeaders(crossSite, headers);

  const refused = isInvitePath(request.nextUrl.pathname) ? await rateLimitRefusal(request, "inviteLookup") : null;
  if (refused) return withHeaders(await asPageIfWanted(request, refused), headers);

  const forwarded = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

/**
 * Every path but LiveKit's webhook. When a proxy runs for a request, Next first reads the
 * whole body (up to 10 MB buffered) so the proxy could read it too, before the route sees
 * any of it; the webhook must refuse an oversized body by its Content-Length and while
 * streaming, unread (app/api/livekit/webhook/route.ts). It is server to server: no page, no
 * cookies, nothing for the proxy's headers or cross-site check to do there.
 */
export const config = { matcher: ["/((?!api/livekit/webhook).*)"] };

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
