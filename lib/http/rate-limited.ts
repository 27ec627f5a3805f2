import { errorResponse } from "@/lib/http/handle";
import { RateLimited } from "@/lib/meetings/errors";
import { checkRequest, type PolicyName } from "@/lib/rate-limit";

/**
 * The 429 of a limited request, built like every other domain error (errorResponse: the
 * status, Retry-After and one sentence). `extraBody` adds fields a client library expects
 * (next-auth's `url`).
 */
export function rateLimitedResponse(retryAfterSeconds: number, extraBody?: Record<string, unknown>): Response {
  const response = errorResponse(new RateLimited(retryAfterSeconds));
  if (!extraBody) return response;
  const error = new RateLimited(retryAfterSeconds);
  return Response.json({ ...extraBody, error: { code: error.code, message: error.message } }, { status: 429, headers: response.headers });
}

/**
 * For code that answers a Response itself instead of throwing inside handleRoute (proxy.ts,
 * the next-auth route): null when the request is allowed, the 429 when it is over a limit, or
 * the 503 when the counters cannot be reached.
 */
export async function rateLimitRefusal(
  request: Request,
  policy: PolicyName,
  options: { subject?: string; extraBody?: () => Record<string, unknown> } = {},
): Promise<Response | null> {
  try {
    const decision = await checkRequest(request, policy, options.subject);
    return decision.allowed ? null : rateLimitedResponse(decision.retryAfterSeconds, options.extraBody?.());
  } catch (error) {
    return errorResponse(error);
  }
}
