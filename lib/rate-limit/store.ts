import { sql } from "@/lib/db";

export interface BucketHit {
  key: string;
  windowStart: number;
  previousStart: number;
  expiresAt: number;
}

/** Counts one attempt on each bucket and returns each bucket's current and previous counts. */
export interface RateLimitStore {
  hit(buckets: BucketHit[]): Promise<Map<string, { current: number; previous: number }>>;
  deleteExpired(nowMs: number): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The PostgreSQL store: one statement counts every bucket of a check and reads their previous windows. */
export function postgresRateLimitStore(): RateLimitStore {
  return {
    async hit(buckets) {
      if (buckets.length === 0) return new Map();
      // The buckets go in as arrays, so that any number of them is one statement text,
      // prepared once. Prisma keeps DateTime columns as UTC `timestamp(3)`; an ISO string
      // cast to timestamp(3) drops its "Z" and stays in UTC, whatever the session's time zone.
      // INSERT … ON CONFLICT DO UPDATE is atomic per row: concurrent requests on any
      // instance each get their own count. The outer SELECT reads the previous windows from
      // the statement's snapshot; this statement never writes those rows.
      const result = await sql<{ key: string; current: number; previous: number }>(
        `WITH input ("key", window_start, expires_at, previous_start) AS (
          SELECT * FROM unnest($1::text[], $2::timestamp(3)[], $3::timestamp(3)[], $4::timestamp(3)[])
        ),
        counted AS (
          INSERT INTO "RateLimitBucket" AS b ("key", "windowStart", "count", "expiresAt")
          SELECT "key", window_start, 1, expires_at FROM input
          ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = b."count" + 1
          RETURNING b."key", b."count"
        )
        SELECT counted."key", counted."count" AS "current", COALESCE(prev."count", 0) AS "previous"
        FROM counted
        JOIN input ON input."key" = counted."key"
        LEFT JOIN "RateLimitBucket" prev ON prev."key" = input."key" AND prev."windowStart" = input.previous_start`,
        [
          buckets.map((b) => b.key),
          buckets.map((b) => iso(b.windowStart)),
          buckets.map((b) => iso(b.expiresAt)),
          buckets.map((b) => iso(b.previousStart)),
        ],
      );
      return new Map(result.map((row) => [row.key, { current: Number(row.current), previous: Number(row.previous) }]));
    },
    async deleteExpired(nowMs) {
      await sql(`DELETE FROM "RateLimitBucket" WHERE "expiresAt" < $1::timestamp(3)`, [iso(nowMs)]);
    },
  };
}
