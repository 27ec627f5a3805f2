import { endAllSessions } from "@/lib/auth-sessions";
import { handleRoute } from "@/lib/http/handle";
import { requireApiUser } from "@/lib/session";

export const dynamic = "force-dynamic";

/**
 * "Sign out of all devices": ends every session of the signed-in account on the server, this
 * one included (lib/auth-sessions.ts). The browser then signs out through next-auth to clear
 * its own cookie.
 */
export async function POST() {
  return handleRoute(async () => {
    const user = await requireApiUser("Please sign in first.");
    await endAllSessions(user.id);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  });
}
