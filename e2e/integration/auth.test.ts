import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/client";
import { hasSessionCookie, signInWithPassword, signUpAndSignIn } from "./support/session";
import { api, appUrl, postJson } from "./support/stack";

/**
 * Email + password sign-up and sign-in over HTTP against the running app, checking the
 * database for what was (and was not) written.
 */
const database = new pg.Client({ connectionString: process.env.DATABASE_URL });

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: export the stack's .env first");
  await database.connect();
});
afterAll(async () => {
  await database.end();
});

async function usersWithEmail(email: string) {
  const { rows } = await database.query<{ id: string; name: string | null; passwordHash: string | null }>(
    'SELECT id, name, "passwordHash" FROM "User" WHERE lower(email) = lower($1)',
    [email],
  );
  return rows;
}

async function userCount(): Promise<number> {
  const { rows } = await database.query<{ n: string }>('SELECT count(*) AS n FROM "User"');
  return Number(rows[0]?.n);
}

const uniqueEmail = () => `signup-${randomUUID()}@example.test`;
const PASSWORD = "a long enough password";

async function session(cookie: string) {
  return (await api("/api/auth/session", { headers: { Cookie: cookie } })).json();
}

describe("POST /api/sign-up", () => {
  it("creates the account (201) with an argon2id hash, never the password", async () => {
    const email = uniqueEmail();
    const response = await postJson("/api/sign-up", { name: "  Ada Lovelace ", email: email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(String), name: "Ada Lovelace", email });
    const [row, ...others] = await usersWithEmail(email);
    expect(others).toHaveLength(0);
    expect(row?.id).toBe(body.id);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it.each([
    ["an invalid email", { email: "ada@" }, "valid email address"],
    ["a missing email", { email: undefined }, "email"],
    ["a 9-character password", { password: "x".repeat(9) }, "at least 10 characters"],
    ["a 129-character password", { password: "x".repeat(129) }, "at most 128 characters"],
    ["an empty name", { name: "   " }, "Please enter your name"],
    ["an unexpected field", { role: "admin" }, "role"],
  ])("refuses %s with 422 and a readable message, creating nobody", async (_, change, message) => {
    const email = uniqueEmail();
    const before = await userCount();
    const response = await postJson("/api/sign-up", { name: "Ada", email, password: PASSWORD, ...change });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(message);
    expect(await usersWithEmail(email)).toHaveLength(0);
    expect(await userCount()).toBe(before);
  });

  it("refuses a second account for the same email (409, any letter case) and leaves the first untouched", async () => {
    const email = uniqueEmail();
    expect((await postJson("/api/sign-up", { name: "First", email, password: PASSWORD })).status).toBe(201);
    const [original] = await usersWithEmail(email);

    for (const variant of [email, email.toUpperCase()]) {
      const response = await postJson("/api/sign-up", { name: "Second", email: variant, password: "another password!" });
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatchObject({
        code: "email_taken",
        message: "An account with this email already exists.",
      });
    }
    expect(await usersWithEmail(email)).toEqual([original]);
  });

  it("refuses malformed JSON with 400, an oversized body with 413, and a non-JSON body with 415", async () => {
    const before = await userCount();
    const email = uniqueEmail();

    const malformed = await postJson("/api/sign-up", `{"name":"Ada","email":"${email}",`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toBe("The request body is not valid JSON.");

    const oversized = await postJson("/api/sign-up", { name: "Ada", email, password: PASSWORD, padding: "x".repeat(20_000) });
    expect(oversized.status).toBe(413);

    const form = await api("/api/sign-up", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "Ada", email, password: PASSWORD }),
    });
    expect(form.status).toBe(415);

    expect(await usersWithEmail(email)).toHaveLength(0);
    expect(await userCount()).toBe(before);
  });
});

describe("signing in with email and password (next-auth credentials)", () => {
  it("signUpAndSignIn gives a session cookie that identifies the new user", async () => {
    const { cookie, userId, email } = await signUpAndSignIn({ name: "Grace" });
    expect(hasSessionCookie(cookie)).toBe(true);
    expect(await session(cookie)).toMatchObject({ user: { id: userId, email, name: "Grace" } });
  });

  it("answers a wrong password and an unknown email identically, with no session", async () => {
    const { email } = await signUpAndSignIn();
    const wrongPassword = await signInWithPassword(email, "not the password");
    const unknownEmail = await signInWithPassword(`nobody-${randomUUID()}@example.test`, "not the password");

    for (const attempt of [wrongPassword, unknownEmail]) {
      expect(attempt.response.status).toBe(401);
      expect(hasSessionCookie(attempt.cookie)).toBe(false);
      expect(attempt.body.url).toBe(`${appUrl}/api/auth/error?error=CredentialsSignin&provider=credentials`);
      expect(await session(attempt.cookie)).toEqual({});
    }
  });

  it("never redirects to another site after signing in", async () => {
    const { email, password } = await signUpAndSignIn();
    for (const callbackUrl of ["https://evil.example/steal", "//evil.example/steal"]) {
      const { body } = await signInWithPassword(email, password, callbackUrl);
      expect(new URL(body.url ?? "").origin).toBe(new URL(appUrl).origin);
    }
    const { body } = await signInWithPassword(email, password, "/meetings?from=test");
    expect(body.url).toBe(`${new URL(appUrl).origin}/meetings?from=test`);
  });

  it("sends a signed-in person on from /sign-in only to a path of the app, however the callback is disguised", async () => {
    const { cookie, email, password } = await signUpAndSignIn();
    const disguised = ["/x/..//evil.example/phish", "/.//evil.example", "/%2e%2e//evil.example", "/a/%2E%2E/%2e%2e//evil.example/x"];
    for (const callbackUrl of disguised) {
      const page = await api(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect(page.status, callbackUrl).toBe(307);
      const location = page.headers.get("location") ?? "";
      // Resolved as the browser resolves it, the destination stays on the app's origin.
      expect(new URL(location, appUrl).origin, `${callbackUrl} → ${location}`).toBe(new URL(appUrl).origin);
      const { body } = await signInWithPassword(email, password, callbackUrl);
      expect(new URL(body.url ?? "", appUrl).origin, callbackUrl).toBe(new URL(appUrl).origin);
    }
  });

  it("treats a session of a deleted user as signed out", async () => {
    const { cookie, userId } = await signUpAndSignIn();
    const signedIn = await api("/sign-in", { headers: { Cookie: cookie }, redirect: "manual" });
    expect(signedIn.status).toBe(307); // already signed in: the sign-in page sends you on
    expect(signedIn.headers.get("location")).toBe("/meetings");

    await database.query('DELETE FROM "User" WHERE id = $1', [userId]);
    const afterDeletion = await api("/sign-in", { headers: { Cookie: cookie }, redirect: "manual" });
    expect(afterDeletion.status).toBe(200);
    expect(await afterDeletion.text()).toContain("Sign in");
  });

  it("takes the account's name from the database, and the session only from its cookie", async () => {
    const { cookie, userId } = await signUpAndSignIn({ name: "Before Rename" });
    const host = new Client(cookie);
    const { id } = (await (await host.post("/api/meetings", { title: "Renamed host" })).json()) as { id: string };
    await database.query('UPDATE "User" SET name = $2 WHERE id = $1', [userId, "After Rename"]);
    const grant = await host.post(`/api/meetings/${id}/token`, {});
    expect(grant.status).toBe(200);
    expect((await grant.json()).displayName).toBe("After Rename");

    // next-auth's token reader also takes a bearer header; Parley's sessions are cookies only.
    const sessionToken = cookie.match(/next-auth\.session-token=([^;]+)/)?.[1];
    expect(sessionToken).toBeTruthy();
    const bearer = new Client("", { Authorization: `Bearer ${sessionToken}` });
    const meetingsBefore = await database.query('SELECT count(*)::int AS n FROM "Meeting" WHERE "hostId" = $1', [userId]);
    expect((await bearer.post("/api/meetings", { title: "By bearer" })).status).toBe(401);
    const meetingsAfter = await database.query('SELECT count(*)::int AS n FROM "Meeting" WHERE "hostId" = $1', [userId]);
    expect(meetingsAfter.rows[0].n).toBe(meetingsBefore.rows[0].n);
  });
});

describe("signing out ends the session on the server", () => {
  /** next-auth's sign-out, as its client does it: the CSRF token, then POST /api/auth/signout. */
  async function signOut(browser: Client) {
    const { csrfToken } = (await (await browser.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await browser.send("/api/auth/signout", {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
    });
    expect(response.status).toBe(200);
  }
  const sessionOf = async (browser: Client) => (await browser.get("/api/auth/session")).json();
  const createMeeting = (browser: Client) => browser.post("/api/meetings", { title: "After sign-out" });

  it("a copy of the session cookie stops working once its owner signs out", async () => {
    const { cookie, userId } = await signUpAndSignIn();
    const owner = new Client(cookie);
    // Someone else's jar holding the cookie as it was copied (a fresh jar per request, so
    // nothing the server sends back replaces it).
    const copied = () => new Client(cookie);
    expect((await sessionOf(copied())).user?.id).toBe(userId);
    const meetingsBefore = await database.query('SELECT count(*)::int AS n FROM "Meeting" WHERE "hostId" = $1', [userId]);

    await signOut(owner);
    expect(await sessionOf(copied())).toEqual({});
    const refused = await createMeeting(copied());
    expect(refused.status).toBe(401);
    const meetingsAfter = await database.query('SELECT count(*)::int AS n FROM "Meeting" WHERE "hostId" = $1', [userId]);
    expect(meetingsAfter.rows[0].n).toBe(meetingsBefore.rows[0].n);
    // Pages treat it as signed out too: the sign-in page shows its form instead of moving on.
    const page = await api("/sign-in", { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign in");
  });

  it("'sign out of all devices' ends every session of the account, and no one else's", async () => {
    const account = await signUpAndSignIn();
    const laptop = new Client(account.cookie);
    const phone = new Client((await signInWithPassword(account.email, account.password)).cookie);
    const someoneElse = await signUpAndSignIn();
    const other = new Client(someoneElse.cookie);
    expect((await sessionOf(phone)).user?.id).toBe(account.userId);

    const ended = await laptop.post("/api/account/sign-out-everywhere", undefined);
    expect(ended.status).toBe(204);
    for (const browser of [laptop, phone]) {
      expect(await sessionOf(browser)).toEqual({});
      expect((await createMeeting(browser)).status).toBe(401);
    }
    expect((await sessionOf(other)).user?.id).toBe(someoneElse.userId);
    expect((await createMeeting(other)).status).toBe(201);
    // Signing in again works as before.
    const again = new Client((await signInWithPassword(account.email, account.password)).cookie);
    expect((await sessionOf(again)).user?.id).toBe(account.userId);
  });
});
