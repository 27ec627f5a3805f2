import { batchedWhileInFlight } from "@/lib/batched";
import { sql } from "@/lib/db";

export interface BucketHit {
  key: string;
  windowStart: number;
  previousStart: number;
  expiresAt: number;
}

type Counts = Map<string, { current: number; previous: number }>;

/** Counts one attempt on each bucket and returns each bucket's current and previous counts. */
export interface RateLimitStore {
  hit(buckets: BucketHit[]): Promise<Counts>;
  deleteExpired(nowMs: number): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const rowId = (key: string, windowStart: number) => `${windowStart}:${key}`;

/** One bucket's row in a batch: every attempt the batch counts on it. */
interface BatchRow extends BucketHit {
  hits: number;
}

/**
 * Several checks' attempts as one statement's rows: one row per bucket and window, with how
 * many attempts it counts, and for each attempt its place among them. The rows are sorted, so
 * that every statement (on any instance) locks the rows it shares with another in the same order.
 */
export function planBatch(checks: readonly BucketHit[][]) {
  const rows = new Map<string, BatchRow>();
  const places = checks.map((buckets) =>
    buckets.map((bucket) => {
      const id = rowId(bucket.key, bucket.windowStart);
      const row = rows.get(id) ?? { ...bucket, hits: 0 };
      rows.set(id, row);
      row.hits += 1;
      return { id, place: row.hits };
    }),
  );
  const sorted = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStart - b.windowStart));
  return { rows: sorted, places };
}

/**
 * Each check's counts from the statement's answer. The attempts of one batch on one bucket are
 * counted in the order they arrived: the first gets the count before the batch plus one, the
 * last the total, as if each had been its own statement. The statement reads a previous window
 * as it was before it ran, so attempts on that window in the same batch are added here.
 */
export function countsOfBatch(
  checks: readonly BucketHit[][],
  plan: ReturnType<typeof planBatch>,
  counted: { total: number; previous: number }[],
): Counts[] {
  const byId = new Map(plan.rows.map((row, i) => [rowId(row.key, row.windowStart), { row, ...counted[i]! }]));
  return checks.map((buckets, c) => {
    const counts: Counts = new Map();
    buckets.forEach((bucket, b) => {
      const { id, place } = plan.places[c]![b]!;
      const { row, total, previous } = byId.get(id)!;
      const previousInBatch = byId.get(rowId(bucket.key, bucket.previousStart))?.row.hits ?? 0;
      counts.set(bucket.key, { current: total - row.hits + place, previous: previous + previousInBatch });
    });
    return counts;
  });
}

/**
 * The PostgreSQL store. The checks that arrive while one statement is in flight are counted
 * together by the next (lib/batched.ts); each still gets its own count.
 */
export function postgresRateLimitStore(): RateLimitStore {
  const countBatch = async (checks: readonly BucketHit[][]): Promise<Counts[]> => {
    const plan = planBatch(checks);
    // The rows go in as arrays, so that any number of them is one statement text, prepared
    // once. Prisma keeps DateTime columns as UTC `timestamp(3)`; an ISO string cast to
    // timestamp(3) drops its "Z" and stays in UTC, whatever the session's time zone.
    // INSERT … ON CONFLICT DO UPDATE is atomic per row: concurrent statements on any
    // instance each add their own attempts. The outer SELECT reads the previous windows from
    // the statement's snapshot, before its own writes.
    const result = await sql<{ position: string; total: number; previous: number }>(
      `WITH input AS (
        SELECT * FROM unnest($1::text[], $2::timestamp(3)[], $3::timestamp(3)[], $4::timestamp(3)[], $5::int[])
          WITH ORDINALITY AS t ("key", window_start, expires_at, previous_start, hits, position)
      ),
      counted AS (
        INSERT INTO "RateLimitBucket" AS b ("key", "windowStart", "count", "expiresAt")
        SELECT "key", window_start, hits, expires_at FROM input ORDER BY position
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = b."count" + EXCLUDED."count"
        RETURNING b."key", b."windowStart", b."count"
      )
      SELECT input.position, counted."count" AS total, COALESCE(prev."count", 0) AS previous
      FROM counted
      JOIN input ON input."key" = counted."key" AND input.window_start = counted."windowStart"
      LEFT JOIN "RateLimitBucket" prev ON prev."key" = input."key" AND prev."windowStart" = input.previous_start`,
      [
        plan.rows.map((row) => row.key),
        plan.rows.map((row) => iso(row.windowStart)),
        plan.rows.map((row) => iso(row.expiresAt)),
        plan.rows.map((row) => iso(row.previousStart)),
        plan.rows.map((row) => row.hits),
      ],
    );
    if (result.length !== plan.rows.length)
      throw new Error(`the rate-limit statement counted ${result.length} of ${plan.rows.length} buckets`);
    const counted = new Array<{ total: number; previous: number }>(plan.rows.length);
    for (const row of result) counted[Number(row.position) - 1] = { total: Number(row.total), previous: Number(row.previous) };
    return countsOfBatch(checks, plan, counted);
  };
  const hit = batchedWhileInFlight(countBatch);

  return {
    hit: (buckets) => (buckets.length === 0 ? Promise.resolve(new Map()) : hit(buckets)),
    async deleteExpired(nowMs) {
      await sql(`DELETE FROM "RateLimitBucket" WHERE "expiresAt" < $1::timestamp(3)`, [iso(nowMs)]);
    },
  };
}
