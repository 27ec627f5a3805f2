import { passwordAccounts } from "@/lib/auth";
import { handleRoute } from "@/lib/http/handle";
import { apiError, parseJsonBody } from "@/lib/http/responses";
import { signUpWithPassword } from "@/lib/passwords";
import { enforceRateLimit } from "@/lib/rate-limit";
import { signUpSchema } from "@/lib/validations/auth";

export const dynamic = "force-dynamic";

/**
 * Create an email + password account. The client then signs in through next-auth's
 * credentials flow. A taken email answers 409: sign-up cannot hide that an account exists
 * (docs/decisions/006-authentication.md).
 */
export async function POST(request: Request) {
  return handleRoute(async () => {
    // Counted before anything else: every attempt costs, even a malformed one.
    await enforceRateLimit(request, "signUp");
    const input = await parseJsonBody(request, signUpSchema);
    if (!input.ok) return input.response;

    const result = await signUpWithPassword(passwordAccounts(), input.data);
    if (!result.ok) return apiError(409, "email_taken", "An account with this email already exists.");
    return Response.json(result.account, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
