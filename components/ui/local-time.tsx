"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/format";

/**
 * A date shown in the viewer's own time zone and language. The server does not know the
 * viewer's zone, so the first render (server and hydration) shows UTC, and the browser
 * replaces it with local time once mounted.
 */
export function LocalTime({ iso, withZone = true }: { iso: string; withZone?: boolean }) {
  const [text, setText] = useState(() => formatDateTime(new Date(iso)));
  useEffect(() => {
    setText(
      // Separate fields: Intl refuses dateStyle/timeStyle together with timeZoneName.
      new Intl.DateTimeFormat(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        ...(withZone && { timeZoneName: "short" }),
      }).format(new Date(iso)),
    );
  }, [iso, withZone]);
  return <time dateTime={iso}>{text}</time>;
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
