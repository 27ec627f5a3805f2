import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import { pingLiveKit } from "@/lib/livekit";

export const dynamic = "force-dynamic";

/** Liveness and readiness for self-hosters: 200 when the database and LiveKit answer. */
export async function GET() {
  const report = await checkHealth({
    database: async () => {
      await db().$queryRaw`SELECT 1`;
    },
    livekit: pingLiveKit,
  });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
