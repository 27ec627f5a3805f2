import { apiError } from "@/lib/http/responses";

/**
 * The cross-site request policy for the app's API (docs/decisions/012-cross-site-requests.md),
 * applied to every request where it enters the server (lib/http/server-entry.ts), so routes
 * added later are covered without a word.
 *
 * A state-changing request (anything but GET, HEAD, OPTIONS) to /api/ must:
 * 1. come from the app's own origin: `Sec-Fetch-Site`, when the browser sends it, must be
 *    `same-origin` (a sibling subdomain is `same-site`: SameSite=Lax cookies travel there, so
 *    that is not enough), and `Origin`, when sent, must be APP_URL's origin. Requests with
 *    neither header come from no browser (curl, server to server) and carry no ambient
 *    cookies an attacker could borrow. Otherwise 403.
 * 2. send any body as `application/json`: an HTML form or a `text/plain` fetch (no CORS
 *    preflight) cannot. Otherwise 415.
 *
 * Exempt: LiveKit's webhook (server to server, authorized by its signature) from both, and
 * next-auth's endpoints from the JSON rule only (its forms post
 * application/x-www-form-urlencoded, and its CSRF token guards them as well).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SIGNED_BY_LIVEKIT = "/api/livekit/webhook";
const NEXT_AUTH = "/api/auth/";

export function crossSiteRefusal(
  method: string,
  pathname: string,
  header: (name: string) => string | null,
  appOrigin: string,
): Response | null {
  if (SAFE_METHODS.has(method) || !pathname.startsWith("/api/") || pathname === SIGNED_BY_LIVEKIT) return null;

  const fetchSite = header("sec-fetch-site");
  const origin = header("origin");
  if ((fetchSite !== null && fetchSite !== "same-origin") || (origin !== null && origin !== appOrigin)) {
    return apiError(
      403,
      "cross_site_request",
      "This request came from another site, so it was refused. Use Parley's own pages to make this change.",
    );
  }

  if (!pathname.startsWith(NEXT_AUTH) && hasBody(header) && !isJson(header("content-type"))) {
    return apiError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  return null;
}

function hasBody(header: (name: string) => string | null): boolean {
  return Number(header("content-length") ?? 0) > 0 || header("transfer-encoding") !== null;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}
