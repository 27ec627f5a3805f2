"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format";

const noSubscription = () => () => {};

/**
 * A date shown in the viewer's own time zone and language. The server does not know the
 * viewer's zone, so the server's HTML (and hydration) shows UTC, and the browser renders
 * local time once hydrated (useSyncExternalStore's server snapshot, then the client's).
 */
export function LocalTime({ iso, withZone = true }: { iso: string; withZone?: boolean }) {
  const text = useSyncExternalStore(
    noSubscription,
    () =>
      // Separate fields: Intl refuses dateStyle/timeStyle together with timeZoneName.
      new Intl.DateTimeFormat(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        ...(withZone && { timeZoneName: "short" }),
      }).format(new Date(iso)),
    () => formatDateTime(new Date(iso)),
  );
  return <time dateTime={iso}>{text}</time>;
}

const CLOCK_TICK_MS = 30_000;

function subscribeToClock(onTick: () => void) {
  const timer = setInterval(onTick, CLOCK_TICK_MS);
  return () => clearInterval(timer);
}

/**
 * The browser's clock, advancing every 30 seconds (for "starts in N minutes"); null in the
 * server's HTML and during hydration, where the viewer's clock is not known.
 */
export function useNow(): Date | null {
  const tick = useSyncExternalStore(
    subscribeToClock,
    () => Math.floor(Date.now() / CLOCK_TICK_MS),
    () => null,
  );
  return tick === null ? null : new Date();
}

/** "in 10 minutes", "in 2 days", "5 minutes ago": how far an instant is from now. */
export function relativeToNow(instant: Date, now = new Date()): string {
  const seconds = Math.round((instant.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.sign(seconds) * Math.max(1, Math.round(abs / 60)), "minute");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}
