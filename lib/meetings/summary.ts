/**
 * What the host sees after a meeting: when it ran, how long, who attended and for how long.
 * Pure functions over the attendance rows (LiveKit's webhooks), unit-tested.
 */
export interface Stay {
  identity: string;
  displayName: string;
  role: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface Attendee {
  identity: string;
  displayName: string;
  role: string;
  firstJoinedAt: Date;
  /** Time in the call, overlapping stays (two tabs) counted once. */
  seconds: number;
  stays: number;
}

/**
 * One line per person. A stay without a "left" counts until the meeting ended (or `now` for a
 * live meeting); the name and role are the latest ones seen.
 */
export function summarizeAttendance(stays: Stay[], endedAt: Date | null, now = new Date()): Attendee[] {
  const byIdentity = new Map<string, Stay[]>();
  for (const stay of stays) byIdentity.set(stay.identity, [...(byIdentity.get(stay.identity) ?? []), stay]);
  const attendees: Attendee[] = [];
  for (const [identity, own] of byIdentity) {
    const sorted = [...own].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
    const until = (stay: Stay) => (stay.leftAt ?? endedAt ?? now).getTime();
    let total = 0;
    let coveredUntil = -Infinity;
    for (const stay of sorted) {
      const start = Math.max(stay.joinedAt.getTime(), coveredUntil);
      const end = until(stay);
      if (end > start) total += end - start;
      coveredUntil = Math.max(coveredUntil, end);
    }
    const latest = sorted.at(-1)!;
    attendees.push({
      identity,
      displayName: latest.displayName,
      role: latest.role,
      firstJoinedAt: sorted[0]!.joinedAt,
      seconds: Math.round(total / 1000),
      stays: sorted.length,
    });
  }
  return attendees.sort((a, b) => a.firstJoinedAt.getTime() - b.firstJoinedAt.getTime());
}

/** "1 h 05 min", "12 min", "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
