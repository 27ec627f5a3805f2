import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { signUpSchema } from "@/lib/validations/auth";
import { chatMessageSchema, emailInvitationSchema, scheduleSchema } from "@/lib/validations/schedule";
import { createMeetingSchema, joinRequestSchema, meetingIdSchema } from "@/lib/validations/meeting";
import {
  coHostSchema,
  createInviteSchema,
  decisionSchema,
  identitySchema,
  knockIdSchema,
  muteSchema,
  settingsSchema,
  stageSchema,
} from "@/lib/validations/moderation";
import { createAccounts, createMeetingFixture, databaseState, type Accounts, type MeetingFixture } from "./support/fixture";
import { api } from "./support/stack";

/**
 * Property-based: malformed, oversized and hostile bodies, path parameters and headers sent
 * to every JSON route, as the caller most likely to get past authorization (the host). The
 * answer must always be a 4xx with a JSON error a person can read, never a 5xx, and the
 * database must not change.
 */
const RUNS = Number(process.env.PARLEY_FUZZ_RUNS ?? 50);
let casesRun = 0;

let accounts: Accounts;
let fx: MeetingFixture;

beforeAll(async () => {
  accounts = await createAccounts();
  fx = await createMeetingFixture(accounts);
});

/** Any JSON value, including deep, huge and odd ones; plus text that is not JSON at all. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
  fc.record({ name: fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.constant(null)) }),
  fc.record({ title: fc.string({ unit: "grapheme", maxLength: 300 }), maxParticipants: fc.double() }),
);
// (An empty body is not among them: routes read it as `{}`, which may be valid.)
const notJson = fc.oneof(
  fc.string({ minLength: 1, maxLength: 100 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constant("{".repeat(5_000)),
  fc.constant(`{"name":"${"x".repeat(40_000)}"}`),
);

/** A body the route's schema rejects: raw text, or JSON the schema does not accept. */
function invalidBody(schema: z.ZodType) {
  return fc.oneof(
    notJson.map((text) => ({ raw: text })),
    hostileJson.filter((value) => !schema.safeParse(value).success).map((value) => ({ raw: JSON.stringify(value) })),
  );
}

/** Path segments a route must refuse: wrong shape, traversal, control and odd Unicode. */
function invalidSegment(schema: z.ZodType) {
  return (
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.constantFrom("../..", "%2e%2e", "null", "undefined", "0", "-1", "c".repeat(500), "user_", "guest_x", '\'; DROP TABLE "User";--'),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
      )
      // "." and ".." are URL syntax, resolved by the client before any request is sent.
      .filter((s) => !schema.safeParse(s).success && s.trim() !== "" && s !== "." && s !== "..")
  );
}

const hostileHeaders = fc.record({
  "Content-Type": fc.constantFrom(
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=utf-16",
    "",
  ),
  "X-Forwarded-For": fc.oneof(fc.ipV4(), fc.string({ maxLength: 40 })),
  Accept: fc.constantFrom("application/json", "text/html", "*/*", "x/y"),
});

async function send(method: string, path: string, raw: string | undefined, headers: Record<string, string>, cookie: string) {
  casesRun++;
  return api(path, { method, redirect: "manual", headers: { ...headers, cookie }, body: raw });
}

async function expectReadableRefusal(response: Response) {
  expect(response.status, `status for ${response.url}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `status for ${response.url}`).toBeLessThan(500);
  const body = await response.json();
  expect(typeof body.error?.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(5);
}

interface BodyTarget {
  name: string;
  method: string;
  path: (fx: MeetingFixture) => string;
  schema: z.ZodType;
}

const bodyTargets: BodyTarget[] = [
  { name: "create meeting", method: "POST", path: () => "/api/meetings", schema: createMeetingSchema },
  { name: "join", method: "POST", path: (f) => `/api/invites/${f.inviteToken}/join`, schema: joinRequestSchema },
  { name: "host token", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/token`, schema: joinRequestSchema },
  { name: "settings", method: "PATCH", path: (f) => `/api/meetings/${f.meetingId}/settings`, schema: settingsSchema },
  { name: "create invite", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/invites`, schema: createInviteSchema },
  { name: "lobby decision", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/lobby/${f.knockId}`, schema: decisionSchema },
  {
    name: "mute",
    method: "POST",
    path: (f) => `/api/meetings/${f.meetingId}/participants/${f.targetParticipant}/mute`,
    schema: muteSchema,
  },
  {
    name: "co-host",
    method: "POST",
    path: (f) => `/api/meetings/${f.meetingId}/participants/${f.targetParticipant}/cohost`,
    schema: coHostSchema,
  },
  { name: "stage", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/participants/${f.targetViewer}/stage`, schema: stageSchema },
  { name: "sign-up", method: "POST", path: () => "/api/sign-up", schema: signUpSchema },
  { name: "reschedule", method: "PATCH", path: (f) => `/api/meetings/${f.meetingId}/schedule`, schema: scheduleSchema },
  { name: "invite by email", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/invitations`, schema: emailInvitationSchema },
  { name: "chat message", method: "POST", path: (f) => `/api/meetings/${f.meetingId}/chat`, schema: chatMessageSchema },
];

interface ParamTarget {
  name: string;
  method: string;
  path: (fx: MeetingFixture, segment: string) => string;
  schema: z.ZodType;
  body?: unknown;
}

const paramTargets: ParamTarget[] = [
  { name: "end: meeting id", method: "POST", path: (_, s) => `/api/meetings/${s}/end`, schema: meetingIdSchema },
  { name: "token: meeting id", method: "POST", path: (_, s) => `/api/meetings/${s}/token`, schema: meetingIdSchema, body: {} },
  { name: "lobby list: meeting id", method: "GET", path: (_, s) => `/api/meetings/${s}/lobby`, schema: meetingIdSchema },
  { name: "calendar: meeting id", method: "GET", path: (_, s) => `/api/meetings/${s}/calendar`, schema: meetingIdSchema },
  { name: "chat: meeting id", method: "GET", path: (_, s) => `/api/meetings/${s}/chat`, schema: meetingIdSchema },
  { name: "invite calendar: token", method: "GET", path: (_, s) => `/api/invites/${s}/calendar`, schema: knockIdSchema },
  {
    name: "lobby decision: knock id",
    method: "POST",
    path: (f, s) => `/api/meetings/${f.meetingId}/lobby/${s}`,
    schema: knockIdSchema,
    body: { admit: true },
  },
  { name: "knock poll: knock id", method: "POST", path: (_, s) => `/api/lobby/${s}`, schema: knockIdSchema },
  {
    name: "remove: identity",
    method: "POST",
    path: (f, s) => `/api/meetings/${f.meetingId}/participants/${s}/remove`,
    schema: identitySchema,
  },
  { name: "revoke: invite id", method: "POST", path: (f, s) => `/api/meetings/${f.meetingId}/invites/${s}/revoke`, schema: knockIdSchema },
  { name: "join: invite token", method: "POST", path: (_, s) => `/api/invites/${s}/join`, schema: knockIdSchema, body: { name: "Fuzz" } },
];

describe("hostile input never gets a 5xx and never changes the database", () => {
  for (const target of bodyTargets) {
    it(`${target.method} ${target.name}: invalid bodies and odd headers → readable 4xx`, async () => {
      const before = await databaseState(fx.meetingId);
      await fc.assert(
        fc.asyncProperty(invalidBody(target.schema), hostileHeaders, async ({ raw }, headers) => {
          const response = await send(target.method, target.path(fx), raw, headers, accounts.host.cookie);
          await expectReadableRefusal(response);
        }),
        { numRuns: RUNS },
      );
      expect(await databaseState(fx.meetingId)).toEqual(before);
    });
  }

  for (const target of paramTargets) {
    it(`${target.method} ${target.name}: hostile path segments → readable 4xx`, async () => {
      const before = await databaseState(fx.meetingId);
      await fc.assert(
        fc.asyncProperty(invalidSegment(target.schema), async (segment) => {
          const path = target.path(fx, encodeURIComponent(segment));
          const body = target.body === undefined ? undefined : JSON.stringify(target.body);
          const response = await send(target.method, path, body, { "Content-Type": "application/json" }, accounts.host.cookie);
          // A segment can also break the URL's shape itself (Next answers 404 HTML for those).
          if (response.headers.get("content-type")?.includes("application/json")) await expectReadableRefusal(response);
          else expect(response.status).toBe(404);
        }),
        { numRuns: RUNS },
      );
      expect(await databaseState(fx.meetingId)).toEqual(before);
    });
  }

  it("LiveKit webhook: forged or garbage signatures and bodies → 401/413, nothing recorded", async () => {
    const before = await databaseState(fx.meetingId);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          notJson,
          hostileJson.map((v) => JSON.stringify(v)),
        ),
        fc.string({ maxLength: 300 }),
        async (raw, authorization) => {
          const response = await send(
            "POST",
            "/api/livekit/webhook",
            raw,
            { "Content-Type": "application/webhook+json", Authorization: authorization },
            "",
          );
          await expectReadableRefusal(response);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await databaseState(fx.meetingId)).toEqual(before);
  });

  it("ran the number of cases it claims", () => {
    // (bodyTargets + paramTargets + webhook) × RUNS requests, each asserted above.
    expect(casesRun).toBe((bodyTargets.length + paramTargets.length + 1) * RUNS);
    console.log(`hostile-input property cases run: ${casesRun}`);
  });
});
