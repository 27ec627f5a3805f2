import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteTokenOf, errorOf } from "./support/client";
import { meetingSnapshot, tableCounts, testDb } from "./support/db";
import { jwtClaims } from "./support/jwt";
import { MEETING_ENDED_TOPIC } from "@/lib/data-topics";
import { connectPeer, DisconnectReason, nextEvent, RoomEvent, type Peer } from "./support/livekit-peer";
import { signUpAndSignIn } from "./support/session";
import { api, postJson } from "./support/stack";

type Account = Awaited<ReturnType<typeof signUpAndSignIn>>;

let host: Account;
let stranger: Account;
const peers: Peer[] = [];

beforeAll(async () => {
  host = await signUpAndSignIn({ name: "Hana Host" });
  stranger = await signUpAndSignIn({ name: "Sam Stranger" });
});

afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.leave().catch(() => undefined)));
});

function as(account: Account | null) {
  return account ? { headers: { cookie: account.cookie } } : {};
}

async function createMeeting(account: Account, body: Record<string, unknown> = {}) {
  const response = await postJson("/api/meetings", body, as(account));
  expect(response.status).toBe(201);
  const created = await response.json();
  return { ...created, token: inviteTokenOf(created.inviteUrl) };
}

function join(token: string, body: unknown, account: Account | null = null) {
  return postJson(`/api/invites/${token}/join`, body, as(account));
}

describe("creating a meeting", () => {
  it("needs a signed-in user (401) and creates nothing otherwise", async () => {
    const before = await tableCounts();
    const response = await postJson("/api/meetings", { title: "Nope" });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ code: "not_signed_in" });
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["a limit below 2", { maxParticipants: 1 }, "at least 2"],
    ["a limit above 100", { maxParticipants: 101 }, "at most 100"],
    ["a 101-character title", { title: "t".repeat(101) }, "at most 100"],
    ["an unknown field", { hostId: "someone-else" }, "Unrecognized key"],
  ])("refuses %s with 422 and creates nothing", async (_, body, message) => {
    const before = await tableCounts();
    const response = await postJson("/api/meetings", body, as(host));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toContain(message);
    expect(await tableCounts()).toEqual(before);
  });

  it("creates the meeting and an unguessable invite stored only as a hash", async () => {
    const created = await createMeeting(host, { title: "Design review", maxParticipants: 8 });
    expect(created.inviteUrl).toMatch(/^http:\/\/localhost:\d+\/j\/[A-Za-z0-9_-]{43}$/);
    const meeting = await meetingSnapshot(created.id);
    expect(meeting).toMatchObject({ title: "Design review", hostId: host.userId, status: "SCHEDULED", maxParticipants: 8 });
    expect(meeting.invites).toHaveLength(1);
    const [invite] = meeting.invites;
    expect(invite?.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(invite)).not.toContain(created.token);
  });

  it("gives an untitled meeting a sensible default title", async () => {
    const created = await createMeeting(host, { title: "  " });
    expect(created.title).toBe("Hana Host’s meeting");
  });
});

describe("joining from an invite link", () => {
  it("admits a guest with a server-assigned identity, their name, role and no admin grants", async () => {
    const { id, token } = await createMeeting(host);
    const response = await join(token, { name: "Gus Guest", identity: undefined });
    expect(response.status).toBe(200);
    const grant = await response.json();
    const claims = jwtClaims(grant.token);
    expect(claims.sub).toMatch(/^guest_[0-9a-f-]{36}$/);
    expect(claims.name).toBe("Gus Guest");
    expect(JSON.parse(String(claims.metadata))).toMatchObject({ role: "PARTICIPANT", meetingId: id });
    const meeting = await meetingSnapshot(id);
    // Entry only: the rights come from the database once LiveKit reports the join
    // (docs/decisions/013-sfu-enforces-membership.md).
    expect(claims.video).toEqual({
      room: meeting.roomName,
      roomJoin: true,
      canPublish: false,
      canSubscribe: false,
      canPublishData: false,
    });
    expect(meeting.status).toBe("LIVE");
    expect(meeting.invites[0]?.uses).toBe(1);
  });

  it("refuses a client-chosen identity (422)", async () => {
    const { id, token } = await createMeeting(host);
    const before = await meetingSnapshot(id);
    const response = await join(token, { name: "Eve", identity: `user_${host.userId}` });
    expect(response.status).toBe(422);
    expect(await meetingSnapshot(id)).toEqual(before);
  });

  it("asks a guest for a name (422) and changes nothing", async () => {
    const { id, token } = await createMeeting(host);
    const before = await meetingSnapshot(id);
    const response = await join(token, {});
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: "name_required", message: "Please enter your name." });
    expect(await meetingSnapshot(id)).toEqual(before);
  });

  it.each([
    ["an unknown token", () => randomBytes(32).toString("base64url")],
    ["a malformed token", () => "not-a-token"],
  ])("answers 404 for %s", async (_, makeToken) => {
    const before = await tableCounts();
    const response = await join(makeToken(), { name: "Mallory" });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ message: "This invite link is not valid." });
    expect(await tableCounts()).toEqual(before);
  });

  it("answers 404 for a revoked invite and leaves the meeting untouched", async () => {
    const { id, token } = await createMeeting(host);
    await testDb.invite.updateMany({ where: { meetingId: id }, data: { revokedAt: new Date() } });
    const before = await meetingSnapshot(id);
    const response = await join(token, { name: "Late Larry" });
    expect(response.status).toBe(404);
    expect(await meetingSnapshot(id)).toEqual(before);
  });

  it("sends guests of a sign-in-only meeting to sign in (401) and admits signed-in people", async () => {
    const { id, token } = await createMeeting(host, { guestsAllowed: false });
    const before = await meetingSnapshot(id);
    const anonymous = await join(token, { name: "Anon" });
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toMatchObject({ code: "sign_in_required" });
    expect(await meetingSnapshot(id)).toEqual(before);

    const signedIn = await join(token, {}, stranger);
    expect(signedIn.status).toBe(200);
    const claims = jwtClaims((await signedIn.json()).token);
    expect(claims.sub).toBe(`user_${stranger.userId}`);
    expect(claims.name).toBe("Sam Stranger");
  });

  it("gives the host the host role even through the shared link", async () => {
    const { token } = await createMeeting(host);
    const response = await join(token, {}, host);
    expect(response.status).toBe(200);
    const claims = jwtClaims((await response.json()).token);
    expect(JSON.parse(String(claims.metadata)).role).toBe("HOST");
    expect(claims.video).not.toHaveProperty("roomAdmin");
  });

  it("says a full meeting is full (409) without using up the invite", async () => {
    const { id, token } = await createMeeting(host, { maxParticipants: 2 });
    for (const name of ["First", "Second"]) {
      const grant = await (await join(token, { name })).json();
      peers.push(await connectPeer(grant.serverUrl, grant.token));
    }
    const before = await meetingSnapshot(id);
    const response = await join(token, { name: "Third" });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).message).toContain("This meeting is full");
    expect((await meetingSnapshot(id)).invites).toEqual(before.invites);
  });

  it("gives a burst of guests exactly the free seats, and tells the rest the meeting is full", async () => {
    const { id, token } = await createMeeting(host, { maxParticipants: 3 });
    const responses = await Promise.all(["A", "B", "C", "D", "E", "F"].map((name) => join(token, { name })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 409, 409, 409]);
    const refused = responses.find((response) => response.status === 409)!;
    expect((await errorOf(refused)).message).toContain("This meeting is full");
    // Only the admitted used the invite.
    expect((await meetingSnapshot(id)).invites[0]?.uses).toBe(3);
  });
});

describe("ending a meeting for all", () => {
  it("refuses anonymous callers (401), strangers as if it did not exist (404), members (403); the meeting stays live", async () => {
    const { id, token } = await createMeeting(host);
    await join(token, { name: "Guest" });
    const before = await meetingSnapshot(id);

    const anonymous = await postJson(`/api/meetings/${id}/end`, {});
    expect(anonymous.status).toBe(401);
    const other = await postJson(`/api/meetings/${id}/end`, {}, as(stranger));
    expect(other.status).toBe(404);
    expect(await errorOf(other)).toMatchObject({ code: "meeting_not_found" });
    expect(await meetingSnapshot(id)).toEqual(before);

    // Once in the meeting, the same person learns that only the host may end it.
    expect((await join(token, {}, stranger)).status).toBe(200);
    const member = await postJson(`/api/meetings/${id}/end`, {}, as(stranger));
    expect(member.status).toBe(403);
    expect(await errorOf(member)).toMatchObject({ code: "not_host" });
    expect((await meetingSnapshot(id)).status).toBe("LIVE");
    expect(before.status).toBe("LIVE");
  });

  it("answers 404 for a meeting that does not exist", async () => {
    expect((await postJson("/api/meetings/cnotarealmeetingid000000/end", {}, as(host))).status).toBe(404);
    expect((await postJson("/api/meetings/..%2f..%2fadmin/end", {}, as(host))).status).toBe(404);
  });

  it("tells everyone it ended, disconnects them, marks the meeting ended, and no new token is issued (410)", async () => {
    const { id, token } = await createMeeting(host);
    const grant = await (await join(token, { name: "Guest" })).json();
    const peer = await connectPeer(grant.serverUrl, grant.token);
    peers.push(peer);
    const heard: string[] = [];
    const notice = nextEvent<[Uint8Array, unknown, unknown, string | undefined]>(
      peer.room,
      RoomEvent.DataReceived,
      (_payload, _sender, _kind, topic) => topic === MEETING_ENDED_TOPIC,
    ).then((event) => (heard.push("the end, from the server"), event));
    void peer.disconnected.then(() => heard.push("disconnected"));

    const response = await postJson(`/api/meetings/${id}/end`, {}, as(host));
    expect(response.status).toBe(200);
    const [, sender] = await notice;
    expect(sender, "sent by the server, not by a participant").toBeUndefined();
    expect(await peer.disconnected).toBe(DisconnectReason.ROOM_DELETED);
    // Pages show the end as soon as the notice arrives, before LiveKit's own disconnect.
    expect(heard).toEqual(["the end, from the server", "disconnected"]);

    const meeting = await meetingSnapshot(id);
    expect(meeting).toMatchObject({ status: "ENDED", endedById: host.userId });
    expect(meeting.roomDeletedAt).not.toBeNull();

    const again = await join(token, { name: "Latecomer" });
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({ message: "This meeting has ended." });
    const hostAgain = await postJson(`/api/meetings/${id}/token`, {}, as(host));
    expect(hostAgain.status).toBe(410);
    expect((await meetingSnapshot(id)).invites).toEqual(meeting.invites);
  });
});

describe("the host's own token route", () => {
  it("admits the host, refuses strangers as if it did not exist (404) and anonymous callers (401)", async () => {
    const { id } = await createMeeting(host);
    expect((await postJson(`/api/meetings/${id}/token`, {})).status).toBe(401);
    const other = await postJson(`/api/meetings/${id}/token`, {}, as(stranger));
    expect(other.status).toBe(404);
    expect((await meetingSnapshot(id)).status).toBe("SCHEDULED");

    const own = await postJson(`/api/meetings/${id}/token`, {}, as(host));
    expect(own.status).toBe(200);
    const claims = jwtClaims((await own.json()).token);
    expect(claims.sub).toBe(`user_${host.userId}`);
    expect(JSON.parse(String(claims.metadata)).role).toBe("HOST");
  });
});

describe("pages", () => {
  it("shows 'This invite link is not valid' with 404 for a wrong link", async () => {
    const response = await api(`/j/${randomBytes(32).toString("base64url")}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("This invite link is not valid");
  });

  it("serves the dashboard's create buttons disabled until the page's script runs", async () => {
    // Clicked before React hydrates, a submit button sends the form natively: a GET that
    // reloads the dashboard with the fields in its URL and creates nothing.
    const response = await api("/meetings", as(host));
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const label of ["Create meeting", "Start now"]) {
      const button = html.match(new RegExp(`<button[^>]*>${label}</button>`))?.[0];
      expect(button, `the "${label}" button`).toBeDefined();
      expect(button).toMatch(/\sdisabled=""/);
    }
  });
});

describe("request bodies", () => {
  it("refuses malformed JSON with 400 and an oversized body with 413, changing nothing", async () => {
    const { id, token } = await createMeeting(host);
    const before = await meetingSnapshot(id);
    const malformed = await join(token, "{not json");
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ message: "The request body is not valid JSON." });
    const oversized = await join(token, { name: "x".repeat(20_000) });
    expect(oversized.status).toBe(413);
    expect(await meetingSnapshot(id)).toEqual(before);
  });

  it.each([
    ["an empty name", { name: "   " }, "Please enter your name"],
    ["a name with control characters", { name: "a\u0000b" }, "invisible or direction-changing characters"],
    ["a name with a right-to-left override", { name: "\u202E(tsoh) anaH" }, "invisible or direction-changing characters"],
    ["a name with a zero-width space", { name: "Ha\u200Bna" }, "invisible or direction-changing characters"],
    ["a 65-character name", { name: "x".repeat(65) }, "at most 64"],
  ])("refuses %s with a readable 422", async (_, body, message) => {
    const { token } = await createMeeting(host);
    const response = await join(token, body);
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toContain(message);
  });
});
