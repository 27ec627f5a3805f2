/**
 * Rate limits against the running app (docs/decisions/008-rate-limits.md). The test stack
 * runs with TRUST_PROXY=true, as behind a reverse proxy, and exempts the test runner's own
 * loopback address (scripts/lib/test-env.sh), so the other suites never trip a limit. Each
 * test here speaks as a fresh client address through X-Forwarded-For, meeting the real
 * production limits, and each address is random so reruns start from empty counters.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  bucketKey,
  normalizeAddress,
  postgresRateLimitStore,
  RATE_LIMIT_POLICIES,
  windowPosition,
  type PolicyName,
} from "@/lib/rate-limit";
import { inviteTokenOf } from "./support/client";
import { meetingSnapshot, testDb } from "./support/db";
import { signInWithPassword, signUpAndSignIn } from "./support/session";
import { startSecondInstance, type SecondInstance } from "./support/second-instance";
import { api, appUrl, postJson } from "./support/stack";

/** A client address nobody else uses: a random /64 of the IPv6 documentation prefix. */
function freshAddress(): string {
  const [a, b] = [randomBytes(2).toString("hex"), randomBytes(2).toString("hex")];
  return `2001:db8:${a}:${b}::1`;
}

const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { "X-Forwarded-For": address, ...headers } });

const limitOf = (policy: PolicyName, index = 0) => RATE_LIMIT_POLICIES[policy][index]?.limit as number;

/**
 * The limiter is a sliding-window counter: the previous window's count is weighted by how
 * much of it still overlaps. A burst that straddles a window boundary is therefore counted a
 * little low: a burst of the whole limit spread over t seconds around the boundary is
 * under-counted by at most limit × t / window, a few requests. This keeps sending until one
 * is refused, and fails if more than 5% of the limit (+2) got through past it.
 */
async function firstRefusal(limit: number, send: () => Promise<Response>): Promise<Response> {
  const slack = Math.ceil(limit * 0.05) + 2;
  for (let extra = 0; extra <= slack; extra++) {
    const response = await send();
    if (response.status === 429) return response;
  }
  throw new Error(`still not rate-limited after ${slack} requests past the limit of ${limit}`);
}

/** Asserts the 429 a person would see and returns its Retry-After. */
async function expectRateLimited(response: Response): Promise<number> {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${response.headers.get("retry-after")}`).toBe(true);
  const body = (await response.json()) as { error: { code: string; message: string } };
  const unit = retryAfter === 1 ? "second" : "seconds"; // a refusal at a window's end says "1 second"
  expect(body.error).toEqual({ code: "rate_limited", message: `Too many attempts. Try again in ${retryAfter} ${unit}.` });
  return retryAfter;
}

function signUp(address: string, email = `rl-${randomUUID()}@example.test`, base = appUrl) {
  return fetch(new URL("/api/sign-up", base), {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
    body: JSON.stringify({ name: "Rita Limit", email, password: `pw-${randomUUID()}` }),
  });
}

/** next-auth's credentials sign-in, from a given address. */
async function signIn(address: string, email: string, password: string) {
  return (await signInWithPassword(email, password, undefined, { "X-Forwarded-For": address })).response;
}

/** The shapes an attacker sends next-auth: any path suffix, JSON or form, a decoy field before the real one. */
type AttemptShape = "suffix" | "json" | "decoy-first" | "suffix+json";
const SHAPES: AttemptShape[] = ["suffix", "json", "decoy-first", "suffix+json"];

/** A next-auth POST (`callback/credentials` or `signin/email`) in one of those shapes. */
async function nextAuthPost(action: string, shape: AttemptShape, address: string, fields: Record<string, string>) {
  const csrf = await api("/api/auth/csrf", from(address));
  const cookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const all = { csrfToken, json: "true", ...fields };
  const path = `/api/auth/${action}${shape.startsWith("suffix") ? `/x/${randomUUID()}` : ""}`;
  let body: string;
  let type = "application/x-www-form-urlencoded";
  if (shape.endsWith("json")) {
    body = JSON.stringify(all);
    type = "application/json";
  } else if (shape === "decoy-first") {
    // The first email is a decoy nobody counts; next-auth reads the last one.
    body = `email=${encodeURIComponent(`decoy-${randomUUID()}@example.test`)}&${new URLSearchParams(all)}`;
  } else {
    body = new URLSearchParams(all).toString();
  }
  return api(path, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": type, Cookie: cookie, "X-Forwarded-For": address },
    body,
  });
}

const setsSession = (response: Response) => response.headers.getSetCookie().some((line) => /next-auth\.session-token=[^;]/.test(line));

describe("sign-up", () => {
  it(`refuses the ${limitOf("signUp") + 1}th account from one address within the hour with 429, and creates no account`, async () => {
    const address = freshAddress();
    for (let i = 0; i < limitOf("signUp"); i++) expect((await signUp(address)).status).toBe(201);

    let refusedEmail = "";
    const refused = await firstRefusal(limitOf("signUp"), () => {
      refusedEmail = `rl-refused-${randomUUID()}@example.test`;
      return signUp(address, refusedEmail);
    });
    const retryAfter = await expectRateLimited(refused);
    expect(retryAfter).toBeLessThanOrEqual(2 * 60 * 60);
    expect(await testDb.user.count({ where: { email: refusedEmail } })).toBe(0);

    // Another address is not affected.
    expect((await signUp(freshAddress())).status).toBe(201);
  });
});

describe("sign-in with a password", () => {
  it("refuses further attempts on one account from one address, even with the right password, and sets no session", async () => {
    const account = await signUpAndSignIn({ name: "Guessed At" }); // from the test runner's (exempt) address
    const attacker = freshAddress();
    for (let i = 0; i < limitOf("signIn"); i++) {
      const wrong = await signIn(attacker, account.email, `wrong-${i}`);
      expect(wrong.status).toBe(401);
    }

    await firstRefusal(limitOf("signIn"), () => signIn(attacker, account.email, "wrong-again"));
    const refused = await signIn(attacker, account.email, account.password);
    expect(setsSession(refused)).toBe(false);
    const body = (await refused.clone().json()) as { url: string };
    // next-auth/react's signIn() reads `url`: it reports error "RateLimited" instead of throwing.
    expect(new URL(body.url).searchParams.get("error")).toBe("RateLimited");
    await expectRateLimited(refused);

    // The owner, from their own address, still gets in; other accounts from the attacker's
    // address are still checked normally.
    const owner = await signIn(freshAddress(), account.email, account.password);
    expect(owner.status).toBe(200);
    expect(setsSession(owner)).toBe(true);
    expect((await signIn(attacker, `other-${randomUUID()}@example.test`, "wrong-password")).status).toBe(401);
  });
});

describe("the sign-in limits cannot be stepped around", () => {
  it("counts password guesses sent with a path suffix, as JSON or behind a decoy field, and then refuses the right password", async () => {
    const account = await signUpAndSignIn({ name: "Stepped Around" });
    const attacker = freshAddress();
    // Every guess reaches next-auth (401, an argon2 check), whatever its shape...
    for (let i = 0; i < limitOf("signIn"); i++) {
      const guess = await nextAuthPost("callback/credentials", SHAPES[i % SHAPES.length]!, attacker, {
        email: account.email,
        password: `wrong-${i}`,
      });
      expect(guess.status, `guess ${i} (${SHAPES[i % SHAPES.length]})`).toBe(401);
    }
    // ...and each counted against this account: the next one, in any shape, is refused, and the
    // right password then creates no session.
    for (const shape of SHAPES) {
      const refused = await nextAuthPost("callback/credentials", shape, attacker, { email: account.email, password: account.password });
      expect(refused.status, shape).toBe(429);
      expect(setsSession(refused), shape).toBe(false);
    }
    const plain = await signIn(attacker, account.email, account.password);
    await expectRateLimited(plain);
    expect(setsSession(plain)).toBe(false);
  });

  it("counts sign-in link requests sent with a path suffix, as JSON or behind a decoy field, per recipient", async () => {
    const attacker = freshAddress();
    const victim = `inbox-${randomUUID()}@example.test`;
    for (let i = 0; i < limitOf("magicLink"); i++) {
      const sent = await nextAuthPost("signin/email", SHAPES[i % SHAPES.length]!, attacker, { email: victim });
      expect(sent.status, `request ${i}`).not.toBe(429);
    }
    // The same inbox, spelled as next-auth normalises it, in any shape: refused.
    for (const shape of SHAPES) {
      await expectRateLimited(await nextAuthPost("signin/email", shape, attacker, { email: `  ${victim.toUpperCase()} ` }));
    }
    // Another inbox from the same address is still served.
    expect((await nextAuthPost("signin/email", "json", attacker, { email: `other-${randomUUID()}@example.test` })).status).not.toBe(429);
  });
});

describe("join tokens and invite pages", () => {
  it("refuses join tokens past the per-address limit without using the invite or admitting anyone", async () => {
    const host = await signUpAndSignIn({ name: "Rate Host" });
    const created = await postJson("/api/meetings", {}, { headers: { cookie: host.cookie } });
    expect(created.status).toBe(201);
    const { id, inviteUrl } = (await created.json()) as { id: string; inviteUrl: string };
    const token = inviteTokenOf(inviteUrl);

    const address = freshAddress();
    // Links that do not exist count too (that is what someone guessing links sends).
    const attempts = await Promise.all(
      Array.from({ length: limitOf("joinToken") }, () =>
        postJson(`/api/invites/${randomBytes(32).toString("base64url")}/join`, { name: "Guesser" }, from(address)),
      ),
    );
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 404));

    await firstRefusal(limitOf("joinToken"), () =>
      postJson(`/api/invites/${randomBytes(32).toString("base64url")}/join`, { name: "Guesser" }, from(address)),
    );
    const before = await meetingSnapshot(id);
    await expectRateLimited(await postJson(`/api/invites/${token}/join`, { name: "Late Larry" }, from(address)));
    expect(await meetingSnapshot(id)).toEqual(before);

    // The same link from another address works.
    const other = await postJson(`/api/invites/${token}/join`, { name: "Other Olga" }, from(freshAddress()));
    expect(other.status).toBeLessThan(300);
  });

  it("answers 429 on invite pages past the limit, with a sentence for a person opening the link", async () => {
    const address = freshAddress();
    const missing = `/j/${randomBytes(32).toString("base64url")}`;
    const pages = await Promise.all(Array.from({ length: limitOf("inviteLookup") }, () => api(missing, from(address))));
    expect(pages.map((r) => r.status)).toEqual(pages.map(() => 404));

    await expectRateLimited(await firstRefusal(limitOf("inviteLookup"), () => api(missing, from(address))));
    const page = await api(missing, from(address, { Accept: "text/html" }));
    expect(page.status).toBe(429);
    const retryAfter = page.headers.get("retry-after");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(`Too many attempts. Try again in ${retryAfter} ${retryAfter === "1" ? "second" : "seconds"}.`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("where the counters live", () => {
  let second: SecondInstance | undefined;

  afterEach(async () => {
    await second?.stop();
    second = undefined;
  });

  it("the cleanup deletes buckets past their expiry and keeps every other", async () => {
    const key = (name: string) => `cleanup-test:${name}:${randomUUID()}`;
    const now = Date.now();
    const rows = [
      { key: key("expired"), expiresAt: new Date(now - 60_000) },
      { key: key("live"), expiresAt: new Date(now + 60_000) },
    ];
    await testDb.rateLimitBucket.createMany({ data: rows.map((row) => ({ ...row, windowStart: new Date(now - 120_000), count: 3 })) });

    await postgresRateLimitStore().deleteExpired(now);

    const left = await testDb.rateLimitBucket.findMany({ where: { key: { in: rows.map((row) => row.key) } } });
    expect(left.map((row) => row.key)).toEqual([rows[1]!.key]);
    await testDb.rateLimitBucket.deleteMany({ where: { key: rows[1]!.key } });
  });

  it("counts checks that arrive together in one statement, each with its own count, and a later window sees the batch's attempts on its previous one", async () => {
    const store = postgresRateLimitStore();
    const key = `batch-test:${randomUUID()}`;
    const now = Date.now();
    const previous = { key, ...windowPosition(now - 60_000, 60) };
    const current = { key, ...windowPosition(now, 60) };
    await testDb.rateLimitBucket.create({
      data: { key, windowStart: new Date(previous.windowStart), count: 5, expiresAt: new Date(previous.expiresAt) },
    });

    // Sent in one go, as concurrent requests are: 20 attempts on the earlier window, then 20 on the later one.
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => store.hit([previous])),
      ...Array.from({ length: 20 }, () => store.hit([current])),
    ]);

    const counts = answers.map((answer) => answer.get(key));
    expect(counts.slice(0, 20).map((c) => c?.current)).toEqual(Array.from({ length: 20 }, (_, i) => 6 + i));
    expect(counts.slice(20)).toEqual(Array.from({ length: 20 }, (_, i) => ({ current: 1 + i, previous: 25 })));
    const rows = await testDb.rateLimitBucket.findMany({ where: { key }, orderBy: { windowStart: "asc" } });
    expect(rows.map((row) => row.count)).toEqual([25, 20]);
    await testDb.rateLimitBucket.deleteMany({ where: { key } });
  });

  it("keeps counts in PostgreSQL, so two app instances share one limit", async () => {
    second = await startSecondInstance({});
    const other = second.url;
    const address = freshAddress();
    // Malformed sign-ups: counted, refused with 422, nothing created. Alternate instances.
    const bad = (base: string) =>
      fetch(new URL("/api/sign-up", base), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
        body: "{}",
      });
    for (let i = 0; i < limitOf("signUp"); i++) expect((await bad(i % 2 === 0 ? appUrl : other)).status).toBe(422);
    await expectRateLimited(await bad(other));
    await expectRateLimited(await bad(appUrl));

    // The counter is a row in PostgreSQL: the limit's attempts and the two refused ones.
    const rule = RATE_LIMIT_POLICIES.signUp[0];
    const rows = await testDb.rateLimitBucket.findMany({ where: { key: bucketKey("signUp", rule, normalizeAddress(address), undefined) } });
    expect(rows.map((row) => row.count)).toEqual([limitOf("signUp") + 2]);
    expect(rows[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("without TRUST_PROXY, a made-up X-Forwarded-For neither lifts the invite-page limit nor spends another address's quota", async () => {
    second = await startSecondInstance({ TRUST_PROXY: "false", RATE_LIMITS: "on" });
    const missing = new URL(`/j/${randomBytes(32).toString("base64url")}`, second.url);
    // From the real peer (127.0.0.1) until refused: earlier runs may have used part of the minute.
    let page = await fetch(missing);
    for (let sent = 1; page.status !== 429 && sent <= limitOf("inviteLookup") + 10; sent++) page = await fetch(missing);
    await expectRateLimited(page);

    const madeUp = `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
    const spoofed = await fetch(missing, { headers: { "X-Forwarded-For": madeUp } });
    expect(spoofed.status).toBe(429);
    const rule = RATE_LIMIT_POLICIES.inviteLookup[0];
    expect(
      await testDb.rateLimitBucket.count({ where: { key: bucketKey("inviteLookup", rule, normalizeAddress(madeUp), undefined) } }),
    ).toBe(0);
  });

  it("without TRUST_PROXY, counts the connection's address whatever X-Forwarded-For claims", async () => {
    second = await startSecondInstance({ TRUST_PROXY: "false", RATE_LIMITS: "on" });
    const direct = second.url;
    const statuses: number[] = [];
    for (let i = 0; i <= limitOf("signUp"); i++) {
      const response = await fetch(new URL("/api/sign-up", direct), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": freshAddress() },
        body: "{}",
      });
      statuses.push(response.status);
    }
    // Every request came from 127.0.0.1: whatever it claimed, the limit was reached (earlier
    // runs within the hour may have used part of it already) and stays reached.
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused, statuses.join(",")).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(firstRefused)).toEqual(statuses.slice(firstRefused).map(() => 429));
  });
});
