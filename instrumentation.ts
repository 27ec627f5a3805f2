// Runs once when the Next.js server boots. The Node-only work lives in lib/startup.ts so
// the Edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOrExit, startRoomDeletionRetries, reconcileAttendanceAtStartup } = await import("@/lib/startup");
    validateEnvironmentOrExit();
    // Without a trusted proxy in front, a client's own X-Forwarded-For never reaches Next.
    const [{ serverEnv }, { dropClientForwardedFor }] = await Promise.all([import("@/lib/env"), import("@/lib/forwarded-for")]);
    if (!serverEnv().TRUST_PROXY) dropClientForwardedFor();
    startRoomDeletionRetries();
    reconcileAttendanceAtStartup();
  }
}
