import { InvalidEnvironmentError, serverEnv } from "@/lib/env";

/**
 * Validating the environment at boot (instead of on the first request) makes a missing or
 * malformed variable stop `next start` at once, with the variable's name, rather than
 * surfacing later as a 500.
 */
export function validateEnvironmentOrExit(): void {
  try {
    serverEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(`Parley cannot start. ${error.message}\nSee the configuration table in README.md.`);
    process.exit(1);
  }
}

export const ROOM_DELETION_RETRY_MS = 5_000;

/**
 * Ended meetings whose LiveKit room could not be deleted (LiveKit was down) are retried in
 * the background until it succeeds. Every app instance runs this; deletion is idempotent.
 */
export function startRoomDeletionRetries(): void {
  const timer = setInterval(async () => {
    try {
      const { retryPendingRoomDeletions } = await import("@/lib/meetings/end");
      await retryPendingRoomDeletions();
    } catch (error) {
      console.error("[meetings] room deletion retry failed:", error);
    }
  }, ROOM_DELETION_RETRY_MS);
  timer.unref();
}

export const RECONCILE_RETRY_MS = 5_000;
const RECONCILE_ATTEMPTS = 24;

/**
 * When an instance starts, the joins and leaves LiveKit could not report while no instance
 * was up are read from LiveKit itself (lib/meetings/reconcile.ts). LiveKit may still be
 * starting too, so a failed attempt is retried for about two minutes.
 */
export function reconcileAttendanceAtStartup(attempt = 1): void {
  const timer = setTimeout(
    async () => {
      try {
        const { reconcileAttendance } = await import("@/lib/meetings/reconcile");
        const { joined, left } = await reconcileAttendance();
        if (joined + left > 0) console.info(`[attendance] reconciled with LiveKit: ${joined} joined, ${left} left while the app was down`);
      } catch (error) {
        if (attempt >= RECONCILE_ATTEMPTS) console.error("[attendance] could not reconcile with LiveKit:", error);
        else reconcileAttendanceAtStartup(attempt + 1);
      }
    },
    attempt === 1 ? 0 : RECONCILE_RETRY_MS,
  );
  timer.unref();
}
