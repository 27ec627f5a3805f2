import { DateTime, IANAZone } from "luxon";

/**
 * Wall-clock time in a time zone ↔ instants, with luxon (its zone rules come from the
 * platform's Intl data, so they follow the tz database Node ships). Pure functions: the
 * unit tests pin DST edges.
 */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The instant a wall-clock time ("2026-12-01T09:30") names in `zone`. A time skipped by a
 * DST change moves forward by the gap (luxon's rule, also what calendar apps do).
 */
export function wallClockToInstant(local: string, zone: string): Date | null {
  const time = DateTime.fromISO(local, { zone });
  return time.isValid ? time.toJSDate() : null;
}

/** The wall-clock time ("2026-12-01T09:30") of an instant in `zone`, for a datetime-local field. */
export function instantToWallClock(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
