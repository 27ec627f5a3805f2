import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
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
import { api, appUrl, repoRoot } from "./support/stack";

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
  /** The request ends the caller's sessions: run it with accounts of its own. */
  endsSessions?: true;
}

/** Same answer for everyone: the route has no caller-based authorization (public or signed). */
const everyone = (status: number): Expected => Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Expected;

// Columns: anonymous, stranger, guest with invite, participant, viewer, co-host, host, host of another meeting.
// Someone with no role in a meeting gets the same 404 as for a meeting that does not exist
// (docs/decisions/010-membership-lobby-moderation.md, "Who learns that a meeting exists").
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
  // Ends every session of the signed-in caller's account.
  "POST /api/account/sign-out-everywhere": {
    request: () => ({ path: "/api/account/sign-out-everywhere" }),
    expect: row(401, 204, 401, 401, 401, 401, 204, 204),
    endsSessions: true,
  },
  "POST /api/meetings": {
    request: () => ({ path: "/api/meetings", body: { title: "Mine" } }),
    expect: row(401, 201, 401, 401, 401, 401, 201, 201),
  },
  "POST /api/meetings/[meetingId]/end": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/end` }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  // Any member may ask for their own rights (what the database gives them) to be applied now.
  "POST /api/meetings/[meetingId]/admission": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/admission`, body: {} }),
    expect: row(401, 404, 401, 200, 200, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/token": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/token`, body: {} }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  "GET /api/meetings/[meetingId]/lobby": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/lobby` }),
    expect: row(401, 404, 401, 403, 403, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/lobby/[knockId]": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/lobby/${fx.knockId}`, body: { admit: false } }),
    expect: row(401, 404, 401, 403, 403, 204, 204, 404),
  },
  "PATCH /api/meetings/[meetingId]/settings": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/settings`, body: { locked: true } }),
    expect: row(401, 404, 401, 403, 403, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/invites": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites`, body: { role: "VIEWER" } }),
    expect: row(401, 404, 401, 403, 403, 403, 201, 404),
  },
  "POST /api/meetings/[meetingId]/invites/[inviteId]/revoke": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites/${fx.viewerInviteId}/revoke` }),
    expect: row(401, 404, 401, 403, 403, 403, 204, 404),
  },
  "POST /api/meetings/[meetingId]/invites/[inviteId]/rotate": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invites/${fx.viewerInviteId}/rotate` }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/mute": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/mute`, body: { source: "microphone" } }),
    expect: row(401, 404, 401, 403, 403, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/remove": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/remove` }),
    expect: row(401, 404, 401, 403, 403, 204, 204, 404),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/cohost": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/cohost`, body: { coHost: true } }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  // Everyone admitted raises their own hand; the fixture's host never joined the call, so
  // has no hand to raise yet (409), which leaves the database as it was.
  "POST /api/meetings/[meetingId]/hand": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/hand`, body: { raised: true } }),
    expect: row(401, 404, 401, 200, 200, 200, 409, 404),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/hand": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetParticipant}/hand`, body: { raised: false } }),
    expect: row(401, 404, 401, 403, 403, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/participants/[identity]/stage": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/participants/${fx.targetViewer}/stage`, body: { onStage: true } }),
    expect: row(401, 404, 401, 403, 403, 200, 200, 404),
  },
  // Scheduling (the fixture is live, so the host's change is refused as "not upcoming").
  "PATCH /api/meetings/[meetingId]/schedule": {
    request: (fx) => ({
      path: `/api/meetings/${fx.meetingId}/schedule`,
      body: { startsAt: "2030-01-01T09:00", timeZone: "UTC", durationMinutes: 30 },
    }),
    expect: row(401, 404, 401, 403, 403, 403, 409, 404),
  },
  "POST /api/meetings/[meetingId]/cancel": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/cancel` }),
    expect: row(401, 404, 401, 403, 403, 403, 409, 404),
  },
  "GET /api/meetings/[meetingId]/calendar": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/calendar` }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  // The invite link is the authorization for its calendar file.
  "GET /api/invites/[token]/calendar": { request: (fx) => ({ path: `/api/invites/${fx.inviteToken}/calendar` }), expect: everyone(200) },
  "POST /api/meetings/[meetingId]/invitations": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/invitations`, body: { emails: ["matrix@example.test"] } }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
  },
  // Chat: everyone admitted to the meeting, never outsiders.
  "GET /api/meetings/[meetingId]/chat": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/chat` }),
    expect: row(401, 404, 401, 200, 200, 200, 200, 404),
  },
  "POST /api/meetings/[meetingId]/chat": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/chat`, body: { text: "Hello" } }),
    expect: row(401, 404, 401, 201, 201, 201, 201, 404),
  },
  "GET /api/meetings/[meetingId]/chat/transcript": {
    request: (fx) => ({ path: `/api/meetings/${fx.meetingId}/chat/transcript` }),
    expect: row(401, 404, 401, 403, 403, 403, 200, 404),
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
          const fx = await createMeetingFixture(cell.endsSessions ? await createAccounts() : accounts);
          const { path: requestPath, body } = cell.request(fx);
          const before = await databaseState(fx.meetingId);
          const response = await api(requestPath, {
            method,
            redirect: "manual",
            headers: { cookie: fx.cookies[actor], ...(body !== undefined && { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
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

/** Methods that change state: the cross-site request policy applies to them (docs/decisions/012). */
const STATE_CHANGING = (route: string) => !route.startsWith("GET ");

/**
 * Routes the cross-site policy deliberately leaves to another check. Any route not listed is
 * covered automatically, including routes added later.
 */
const CROSS_SITE_EXEMPT: Record<string, { crossSite: number; textPlain: number; why: string }> = {
  // Server to server, authorized by LiveKit's signature: no browser, no cookie, no Origin.
  "POST /api/livekit/webhook": { crossSite: 401, textPlain: 401, why: "signed by LiveKit" },
  // next-auth's own forms post application/x-www-form-urlencoded (its CSRF token guards them).
  "POST /api/auth/[...nextauth]": { crossSite: 403, textPlain: 302, why: "next-auth forms" },
};

async function readableError(response: Response): Promise<string> {
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error?: { message?: string } };
  expect(typeof body.error?.message).toBe("string");
  expect(body.error!.message!.length).toBeGreaterThan(10);
  return body.error!.message!;
}

describe("cross-site requests (docs/decisions/012-cross-site-requests.md)", () => {
  const crossSiteHeaders = {
    "another site's form": { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    "a sibling subdomain (same site)": {
      Origin: `${new URL(appUrl).protocol}//evil.${new URL(appUrl).host}`,
      "Sec-Fetch-Site": "same-site",
    },
    "an Origin of another site alone": { Origin: "https://evil.example" },
    "an opaque origin": { Origin: "null" },
  };

  for (const route of Object.keys(MATRIX).filter(STATE_CHANGING)) {
    const cell = MATRIX[route]!;
    const method = route.split(" ")[0] as Method;
    const exempt = CROSS_SITE_EXEMPT[route];

    // Sends the route's request as the host with these headers and body encoding; expects the
    // refusal (status, and words of its message) and a database left as it was.
    const expectRefused = async (headers: Record<string, string>, encode: (body: unknown) => string, status: number, says?: string) => {
      const fx = await createMeetingFixture(accounts);
      const { path: requestPath, body } = cell.request(fx);
      const before = await databaseState(fx.meetingId);
      const response = await api(requestPath, {
        method,
        redirect: "manual",
        headers: { cookie: fx.cookies.host, ...headers },
        body: encode(body),
      });
      expect(response.status).toBe(status);
      if (says) expect(await readableError(response)).toContain(says);
      expect(await databaseState(fx.meetingId)).toEqual(before);
    };
    const asForm = (body: unknown) =>
      new URLSearchParams(Object.entries((body ?? {}) as Record<string, string>).map(([k, v]) => [k, String(v)])).toString();

    for (const [what, headers] of Object.entries(crossSiteHeaders)) {
      it(`${route}: ${what}, as the host, as a form → ${exempt?.crossSite ?? 403}, nothing changes`, () =>
        expectRefused(
          { "Content-Type": "application/x-www-form-urlencoded", ...headers },
          asForm,
          exempt?.crossSite ?? 403,
          exempt ? undefined : "another site",
        ));
    }

    it(`${route}: a text/plain body from the app's own origin → ${exempt?.textPlain ?? 415}, nothing changes`, () =>
      expectRefused(
        { "Content-Type": "text/plain", Origin: new URL(appUrl).origin, "Sec-Fetch-Site": "same-origin" },
        (body) => JSON.stringify(body ?? {}),
        exempt?.textPlain ?? 415,
        exempt ? undefined : "application/json",
      ));
  }

  it("a path spelled with dot segments or doubled slashes is checked as the route it reaches", async () => {
    const fx = await createMeetingFixture(accounts);
    const before = await databaseState(fx.meetingId);
    // Sent as written: fetch() would resolve the dots itself before sending.
    const rawPost = (requestPath: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(appUrl);
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: requestPath,
            method: "POST",
            headers: {
              cookie: fx.cookies.host,
              "Content-Type": "application/x-www-form-urlencoded",
              Origin: "https://evil.example",
              "Sec-Fetch-Site": "cross-site",
            },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on("error", reject);
        request.end("confirm=1");
      });
    expect(await rawPost(`/x/../api/meetings/${fx.meetingId}/end`)).toBe(403);
    expect(await rawPost(`/./api/meetings/${fx.meetingId}/end`)).toBe(403);
    expect(await rawPost(`//api/meetings/${fx.meetingId}/end`)).toBe(403);
    expect(await databaseState(fx.meetingId)).toEqual(before);
  });

  it("the app's own origin, as a browser sends it, still works (as the host: 200/201/204)", async () => {
    const fx = await createMeetingFixture(accounts);
    const response = await api(`/api/meetings/${fx.meetingId}/invites`, {
      method: "POST",
      headers: {
        cookie: fx.cookies.host,
        "Content-Type": "application/json",
        Origin: new URL(appUrl).origin,
        "Sec-Fetch-Site": "same-origin",
      },
      body: JSON.stringify({ role: "VIEWER" }),
    });
    expect(response.status).toBe(201);
  });

  it("reading is not affected: a cross-site GET gets the same answer as a same-site one", async () => {
    const response = await api("/api/health", { headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
    expect(response.status).toBe(200);
  });
});

describe("who learns that a meeting exists", () => {
  const unknownMeetingId = () => `c${randomBytes(12).toString("hex")}`;

  for (const route of Object.keys(MATRIX).filter((r) => r.includes("[meetingId]"))) {
    const cell = MATRIX[route]!;
    const method = route.split(" ")[0] as Method;
    for (const actor of ["anonymous", "stranger", "host of another meeting"] as const) {
      it(`${route}: ${actor} gets the same answer for this meeting as for one that does not exist`, async () => {
        const fx = await createMeetingFixture(accounts);
        const { path: realPath, body } = cell.request(fx);
        const send = (requestPath: string) =>
          api(requestPath, {
            method,
            redirect: "manual",
            headers: { cookie: fx.cookies[actor], ...(body !== undefined && { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        const real = await send(realPath);
        const unknown = await send(realPath.replace(fx.meetingId, unknownMeetingId()));
        expect({ status: real.status, body: await real.json() }).toEqual({ status: unknown.status, body: await unknown.json() });
      });
    }
  }
});
