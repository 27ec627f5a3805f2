import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ACTORS,
  createAccounts,
  createMeetingFixture,
  databaseState,
  type Accounts,
  type Actor,
  type MeetingFixture,
} from "./support/fixture";
import { api, repoRoot } from "./support/stack";

/**
 * Every API route × every actor → the expected status, and no database change where the
 * request is refused. The list of routes comes from the route files themselves: a new route
 * (or a new method on one) without an entry here fails the first test.
 */

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Expected = Record<Actor, number>;

interface Cell {
  /** The concrete request for this route against a fresh fixture. */
  request: (fx: MeetingFixture) => { path: string; body?: unknown };
  expect: Expected;
}

/** Same answer for everyone: the route has no caller-based authorization (public or signed). */
const everyone = (status: number): Expected => Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Expected;

// Columns: anonymous, stranger, guest with invite, participant, viewer, co-host, host, host of another meeting.
const row = (...statuses: number[]): Expected => Object.fromEntries(ACTORS.map((actor, i) => [actor, statuses[i]])) as Expected;

const MATRIX: Record<string, Cell> = {
  "GET /api/health": { request: () => ({ path: "/api/health" }), expect: everyone(200) },
  // Public sign-up: refused input is refused for everyone alike, and creates nobody.
  "POST /api/sign-up": { request: () => ({ path: "/api/sign-up", body: { email: "not-an-email" } }), expect: everyone(422) },
  "GET /api/auth/[...nextauth]": { request: () => ({ path: "/api/auth/providers" }), expect: everyone(200) },
  // A credentials sign-in without next-auth's CSRF token is turned away for everyone.
  "POST /api/auth/[...nextauth]": {
    request: () => ({ path: "/api/auth/callback/credentials", body: { email: "x@example.test", password: "wrong password!" } }),
    expect: everyone(302),
  },
  // Authorized by LiveKit's signature, not by the caller: unsigned is refused for everyone.
  "POST /api/livekit/webhook": {
    request: () => ({ path: "/api/livekit/webhook", body: { event: "room_started" } }),
    expect: everyone(401),
  },
  // The invite link is the authorization: anyone holding it may join (or rejoin).
  "POST /api/invites/[token]/join": {
    request: (fx) => ({ path: `/api/invites/${fx.inviteToken}/join`, body: { name: "Someone" } }),
    expect: everyone(200),
  },
  // Only the browser that knocked holds the knock's secret.
  "POST /api/lobby/[knockId]": { request: (fx) => ({ path: `/api/lobby/${fx.knockId}` }), expect: everyone(404) },
  "POST /api/meetings": {
    request: () => ({ path: "/api/meetings", body: { title: "Mine" } }),
    expect: row(401, 201, 401, 401, 401, 401, 201, 201),
  },
  "POST /api/meetings/[meetingId]/end": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/end` }),
    expect: row(401, 403, 401, 401, 401, 401, 200, 403),
  },
  "POST /api/meetings/[meetingId]/token": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/token`, body: {} }),
    expect: row(401, 403, 401, 401, 401, 401, 200, 403),
  },
  "GET /api/meetings/[meetingId]/lobby": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/lobby` }),
    expect: row(401, 403, 401, 403, 403, 200, 200, 403),
  },
  "POST /api/meetings/[meetingId]/lobby/[knockId]": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/lobby/${fx.knockId}`, body: { admit: false } }),
    expect: row(401, 403, 401, 403, 403, 204, 204, 403),
  },
  "PATCH /api/meetings/[meetingId]/settings": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/settings`, body: { locked: true } }),
    expect: row(401, 403, 401, 403, 403, 200, 200, 403),
  },
  "POST /api/meetings/[meetingId]/invites": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites`, body: { role: "VIEWER" } }),
    expect: row(401, 403, 401, 403, 403, 403, 201, 403),
  },
  "POST /api/meetings/[meetingId]/invites/[inviteId]/revoke": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites/${fx.viewerInviteId}/revoke` }),
    expect: row(401, 403, 401, 403, 403, 403, 204, 403),
  },
  "POST /api/meetings/[meetingId]/invites/[inviteId]/rotate": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites/${fx.viewerInviteId}/rotate` }),
    expect: row(401, 403, 401, 403, 403, 403, 200, 403),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/mute": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/mute`, body: { source: "microphone" } }),
    expect: row(401, 403, 401, 403, 403, 200, 200, 403),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/remove": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/remove` }),
    expect: row(401, 403, 401, 403, 403, 204, 204, 403),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/cohost": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/cohost`, body: { coHost: true } }),
    expect: row(401, 403, 401, 403, 403, 403, 200, 403),
  },
  // Everyone admitted raises their own hand; the fixture's host never joined the call, so
  // has no hand to raise yet (409), which leaves the database as it was.
  "POST /api/meetings/[meetingId]/hand": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/hand`, body: { raised: true } }),
    expect: row(401, 403, 401, 200, 200, 200, 409, 403),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/hand": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/hand`, body: { raised: false } }),
    expect: row(401, 403, 401, 403, 403, 200, 200, 403),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/stage": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetViewer}/stage`, body: { onStage: true } }),
    expect: row(401, 403, 401, 403, 403, 200, 200, 403),
  },
};

/** "METHOD /api/..." for every method exported by every route file under app/api. */
function routesFromFiles(): string[] {
  const apiDir = path.join(repoRoot, "app/api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/${path.relative(path.join(repoRoot, "app"), dir).split(path.sep).join("/")}`;
        const source = readFileSync(full, "utf8");
        const methods = new Set<Method>();
        for (const m of source.matchAll(/export (?:async function|function|const) (GET|POST|PATCH|PUT|DELETE)\b/g))
          methods.add(m[1] as Method);
        for (const m of source.matchAll(/export \{([^}]*)\}/g)) {
          for (const name of m[1]!.matchAll(/\bas (GET|POST|PATCH|PUT|DELETE)\b|^\s*(GET|POST|PATCH|PUT|DELETE)\b/g)) {
            methods.add((name[1] ?? name[2]) as Method);
          }
        }
        for (const method of methods) found.push(`${method} ${route}`);
      }
    }
  };
  walk(apiDir);
  return found.sort();
}

let accounts: Accounts;

beforeAll(async () => {
  accounts = await createAccounts();
});

describe("authorization matrix", () => {
  it("has an entry for every route and method, and none for routes that do not exist", () => {
    const routes = routesFromFiles();
    expect(routes.length).toBeGreaterThan(15);
    expect(Object.keys(MATRIX).sort()).toEqual(routes);
  });

  for (const [route, cell] of Object.entries(MATRIX)) {
    const method = route.split(" ")[0] as Method;
    describe(route, () => {
      for (const actor of ACTORS) {
        const expected = cell.expect[actor];
        it(`${actor} → ${expected}`, async () => {
          const fx = await createMeetingFixture(accounts);
          const { path: requestPath, body } = cell.request(fx);
          const before = await databaseState(fx.meetingId);
          const response = await api(requestPath, {
            method,
            redirect: "manual",
            headers: { cookie: fx.cookies[actor], ...(body !== undefined && { "Content-Type": "application/json" }) },
            body: body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(body),
          });
          expect(response.status).toBe(expected);
          if (expected >= 400) {
            expect(await databaseState(fx.meetingId)).toEqual(before);
          }
        });
      }
    });
  }
});
