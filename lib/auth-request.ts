/**
 * Reads a request to next-auth's route the way next-auth 4.24.15 itself reads it, so the
 * rate limiter (lib/auth.ts, `limitSignInAttempt`) and next-auth always agree on what is
 * being attempted and for whom (docs/decisions/008-rate-limits.md). Verified against
 * node_modules/next-auth (unit test `lib/auth-request.test.ts` runs next-auth's own parser):
 *
 * - the action is the first path segment after /api/auth and the provider the second
 *   (`next/index.js`: `action: nextauth[0], providerId: nextauth[1]`); anything after them
 *   is ignored, so `/callback/credentials/anything` is a password check;
 * - the body is JSON when the Content-Type merely CONTAINS "application/json", else a form
 *   when it contains "application/x-www-form-urlencoded", read with
 *   `Object.fromEntries(new URLSearchParams(text))`, so a repeated field's LAST value wins;
 *   any other type gives no body (`next/utils.js`, `getBody`).
 */

/** The next-auth action and provider of a request, from the catch-all route's segments. */
export function nextAuthAction(segments: readonly string[]): { action: string | undefined; providerId: string | undefined } {
  return { action: segments[0], providerId: segments[1] };
}

/** next-auth's `getBody`, on a clone: the request itself stays readable for next-auth. */
export async function readNextAuthBody(request: Request): Promise<Record<string, unknown> | undefined> {
  if (request.method !== "POST" || !request.body) return undefined;
  const contentType = request.headers.get("content-type");
  const text = await request.clone().text();
  return parseNextAuthBody(contentType, text);
}

/** The pure part of `readNextAuthBody`, for tests. Invalid JSON (next-auth throws) gives no body. */
export function parseNextAuthBody(contentType: string | null, text: string): Record<string, unknown> | undefined {
  if (contentType?.includes("application/json")) {
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return undefined;
}

/**
 * The address next-auth's email provider sends the link to, or null when it would refuse
 * it. This IS the provider's `normalizeIdentifier` (lib/auth.ts passes it to EmailProvider),
 * the same steps as next-auth's default: NFKC, trim, exactly one "@", no quotes, lower case,
 * the domain cut at the first comma, a dot in the domain.
 */
export function normalizeEmailIdentifier(identifier: unknown): string | null {
  if (typeof identifier !== "string") return null;
  const trimmed = identifier.normalize("NFKC").trim();
  if ((trimmed.match(/@/g) ?? []).length !== 1 || trimmed.includes('"')) return null;
  const [local, rawDomain] = trimmed.toLowerCase().split("@");
  const domain = rawDomain?.split(",")[0];
  if (!local || !domain || !domain.includes(".")) return null;
  return `${local}@${domain}`;
}
