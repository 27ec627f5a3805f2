// Runs once when the Next.js server boots. The Node-only work lives in lib/startup.ts so
// the Edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOrExit, startRoomDeletionRetries, reconcileAttendanceAtStartup } = await import("@/lib/startup");
    validateEnvironmentOrExit();
    // Before Next sees a request: a client's own X-Forwarded-For dropped (without a trusted
    // proxy in front), and the API's cross-site policy and security headers.
    const [{ serverEnv }, { guardRequestsAtEntry }, { apiSecurityHeaders }] = await Promise.all([
      import("@/lib/env"),
      import("@/lib/http/server-entry"),
      import("@/lib/security-headers"),
    ]);
    const env = serverEnv();
    guardRequestsAtEntry({
      dropForwardedFor: !env.TRUST_PROXY,
      appOrigin: new URL(env.APP_URL).origin,
      apiHeaders: apiSecurityHeaders(env),
    });
    startRoomDeletionRetries();
    reconcileAttendanceAtStartup();
  }
}
