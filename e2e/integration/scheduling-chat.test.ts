import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCalendar } from "../support/icalendar";
import { startSmtpServer, type TestSmtpServer } from "../browser/support/identity-servers";
import { testDb } from "./support/db";
import { connectPeer, nextEvent, RoomEvent, type Peer } from "./support/livekit-peer";
import { startSecondInstance, type SecondInstance } from "./support/second-instance";
import { signUpAndSignIn } from "./support/session";
import { Client, errorOf, inviteTokenOf } from "./support/client";
import { api, postJson } from "./support/stack";

/**
 * Scheduling, calendar files, email invitations (against a real SMTP server) and the chat
 * kept with the meeting (stored in PostgreSQL, relayed through the real LiveKit server).
 */

type Host = Awaited<ReturnType<typeof signUpAndSignIn>>;
let host: Host;
/** The host's browser: the suite's one cookie jar (support/client.ts). */
let hostClient: Client;
let mail: TestSmtpServer;

/** A wall-clock time `days` ahead, as a datetime-local field gives it. */
function daysAhead(days: number, time = "09:30"): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

async function createScheduled(title: string, schedule = { startsAt: daysAhead(3), timeZone: "Europe/Berlin", durationMinutes: 45 }) {
  const response = await hostClient.post("/api/meetings", { title, schedule, description: "Agenda: numbers." });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string; inviteUrl: string };
  return { ...created, token: inviteTokenOf(created.inviteUrl) };
}

beforeAll(async () => {
  mail = await startSmtpServer();
  host = await signUpAndSignIn({ name: "Sched Host" });
  hostClient = new Client(host.cookie);
});

afterAll(async () => {
  await mail?.close();
});

describe("scheduling and calendar files", () => {
  it("a meeting scheduled in the host's zone starts at that instant, and its .ics says so (parsed with ical.js)", async () => {
    const meeting = await createScheduled("Planning");
    const row = await testDb.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    const startsAt = daysAhead(3).replace("T09:30", "");
    expect(row).toMatchObject({ status: "SCHEDULED", timeZone: "Europe/Berlin", durationMinutes: 45, description: "Agenda: numbers." });

    const hostIcs = await hostClient.get(`/api/meetings/${meeting.id}/calendar`);
    expect(hostIcs.status).toBe(200);
    expect(hostIcs.headers.get("content-type")).toContain("text/calendar");
    const read = readCalendar(await hostIcs.text());
    expect(read).toMatchObject({
      uid: expect.stringContaining(meeting.id),
      sequence: 0,
      startTzid: "Europe/Berlin",
      url: meeting.inviteUrl,
    });
    expect(read.organizer).toBe(host.email);
    expect(read.start.getTime()).toBe(row.startsAt!.getTime());
    expect(read.end.getTime() - read.start.getTime()).toBe(45 * 60_000);
    expect(read.start.toISOString().slice(0, 10)).toBe(startsAt);

    // Whoever holds the link gets the same event (same UID).
    const guestIcs = await api(`/api/invites/${meeting.token}/calendar`);
    expect(guestIcs.status).toBe(200);
    expect(readCalendar(await guestIcs.text()).uid).toBe(read.uid);
  });

  it("refuses a start time in the past, an unknown zone and a zero duration, with the reason", async () => {
    const bad = [
      [{ startsAt: "2020-01-01T09:00", timeZone: "UTC", durationMinutes: 30 }, /in the past/],
      [{ startsAt: daysAhead(2), timeZone: "Mars/Base", durationMinutes: 30 }, /time zone/],
      [{ startsAt: daysAhead(2), timeZone: "UTC", durationMinutes: 0 }, /at least 5 minutes/],
    ] as const;
    const before = await testDb.meeting.count({ where: { hostId: host.userId } });
    for (const [schedule, message] of bad) {
      const response = await hostClient.post("/api/meetings", { title: "Bad", schedule });
      expect(response.status).toBe(422);
      expect((await errorOf(response)).message).toMatch(message);
    }
    expect(await testDb.meeting.count({ where: { hostId: host.userId } })).toBe(before);
  });

  it("a cancelled meeting answers 410 on every token route and its link says it was cancelled", async () => {
    const meeting = await createScheduled("To be cancelled");
    const cancel = await hostClient.post(`/api/meetings/${meeting.id}/cancel`);
    expect(cancel.status).toBe(200);

    const join = await postJson(`/api/invites/${meeting.token}/join`, { name: "Late Larry" });
    expect(join.status).toBe(410);
    expect((await errorOf(join)).message).toBe("The host cancelled this meeting.");
    const hostToken = await hostClient.post(`/api/meetings/${meeting.id}/token`, {});
    expect(hostToken.status).toBe(410);
    const page = await api(`/j/${meeting.token}`);
    expect(await page.text()).toContain("This meeting was cancelled");
    // Nothing was started and nobody was admitted.
    const row = await testDb.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: { members: true } });
    expect(row).toMatchObject({ status: "CANCELLED", startedAt: null, members: [] });
    // A cancelled meeting cannot be moved or cancelled again.
    expect(
      (await hostClient.patch(`/api/meetings/${meeting.id}/schedule`, { startsAt: daysAhead(5), timeZone: "UTC", durationMinutes: 30 }))
        .status,
    ).toBe(409);
  });

  it("a knock waiting in the lobby of a meeting that gets cancelled answers 410", async () => {
    const meeting = await createScheduled("Lobby then cancel");
    expect((await hostClient.patch(`/api/meetings/${meeting.id}/settings`, { lobbyEnabled: true })).status).toBe(200);
    const kim = new Client();
    const knock = await kim.post(`/api/invites/${meeting.token}/join`, { name: "Kim Knocker" });
    expect(knock.status).toBe(202);
    const { knockId } = await knock.json();
    expect((await hostClient.post(`/api/meetings/${meeting.id}/cancel`)).status).toBe(200);
    const poll = await kim.post(`/api/lobby/${knockId}`);
    expect(poll.status).toBe(410);
  });
});

describe("email invitations (real SMTP server)", () => {
  it("each address gets a REQUEST; a bad and a refused address fail alone with their reasons, and the status is kept", async () => {
    const meeting = await createScheduled("Mailed meeting");
    const response = await hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
      emails: ["ada@example.test", "not-an-address", "nobody@refused.example", "Grace@Example.test"],
    });
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results).toEqual([
      { email: "ada@example.test", status: "SENT", error: null },
      { email: "not-an-address", status: "FAILED", error: "This is not a valid email address." },
      { email: "nobody@refused.example", status: "FAILED", error: expect.stringMatching(/refused.*550.*No such mailbox/) },
      { email: "grace@example.test", status: "SENT", error: null },
    ]);
    const ada = mail.mailsTo("ada@example.test");
    expect(ada).toHaveLength(1);
    expect(ada[0]!.text).toContain(meeting.inviteUrl);
    const request = readCalendar(mail.calendarOf(ada[0]!));
    expect(request).toMatchObject({ method: "REQUEST", sequence: 0, attendees: ["ada@example.test"], url: meeting.inviteUrl });
    expect(mail.mailsTo("nobody@refused.example")).toHaveLength(0);
    const kept = await testDb.emailInvitation.findMany({ where: { meetingId: meeting.id }, orderBy: { email: "asc" } });
    expect(kept.map((i) => [i.email, i.status])).toEqual([
      ["ada@example.test", "SENT"],
      ["grace@example.test", "SENT"],
      ["nobody@refused.example", "FAILED"],
      ["not-an-address", "FAILED"],
    ]);
  });

  it("a reschedule sends an update (same UID, higher SEQUENCE, new time); cancelling sends METHOD:CANCEL", async () => {
    const meeting = await createScheduled("Moving meeting");
    await hostClient.post(`/api/meetings/${meeting.id}/invitations`, { emails: ["moving@example.test"] });
    const [first] = mail.mailsTo("moving@example.test");
    const original = readCalendar(mail.calendarOf(first!));

    const moved = await hostClient.patch(`/api/meetings/${meeting.id}/schedule`, {
      startsAt: daysAhead(4, "14:00"),
      timeZone: "America/New_York",
      durationMinutes: 60,
    });
    expect(moved.status).toBe(200);
    expect((await moved.json()).notified).toEqual([{ email: "moving@example.test", status: "SENT", error: null }]);
    const update = readCalendar(mail.calendarOf(mail.mailsTo("moving@example.test")[1]!));
    expect(update).toMatchObject({ method: "REQUEST", uid: original.uid, sequence: 1, startTzid: "America/New_York" });
    expect(update.end.getTime() - update.start.getTime()).toBe(60 * 60_000);

    expect((await hostClient.post(`/api/meetings/${meeting.id}/cancel`)).status).toBe(200);
    const cancelMail = mail.mailsTo("moving@example.test")[2]!;
    expect(cancelMail.subject).toMatch(/^Cancelled/);
    expect(readCalendar(mail.calendarOf(cancelMail))).toMatchObject({
      method: "CANCEL",
      uid: original.uid,
      sequence: 2,
      status: "CANCELLED",
    });
  });

  it("is refused for someone else's meeting, and rate-limited per host with a clear 429", async () => {
    const meeting = await createScheduled("Limited");
    const other = await signUpAndSignIn({ name: "Not The Host" });
    const refused = await new Client(other.cookie).post(`/api/meetings/${meeting.id}/invitations`, { emails: ["x@example.test"] });
    expect(refused.status).toBe(404);

    // Counted per host: from a fresh client address (not the runner's exempt loopback).
    const fromElsewhere = new Client(host.cookie, { "X-Forwarded-For": "198.51.100.77" });
    let last: Response | undefined;
    for (let i = 0; i < 11; i++)
      last = await fromElsewhere.post(`/api/meetings/${meeting.id}/invitations`, { emails: [`r${i}@example.test`] });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await errorOf(last!)).message).toMatch(/Try again in \d+ seconds?/);
    expect(mail.mailsTo("r10@example.test")).toHaveLength(0);
  });
});

describe("chat kept with the meeting", () => {
  let meeting: Awaited<ReturnType<typeof createScheduled>>;
  let guest: { client: Client; identity: string };
  let second: SecondInstance | undefined;
  let peer: Peer | undefined;

  beforeAll(async () => {
    meeting = await createScheduled("Chatty");
    const client = new Client();
    const join = await client.post(`/api/invites/${meeting.token}/join`, { name: "Gus Guest" });
    expect(join.status).toBe(200);
    guest = { client, identity: (await join.json()).identity };
  });

  afterAll(async () => {
    await peer?.leave();
    await second?.stop();
  });

  it("stores the sender as the server knows them, whatever the body claims, and relays it through LiveKit from the server", async () => {
    // A listener in the room (a real LiveKit client): the host's own token.
    const hostJoin = await hostClient.post(`/api/meetings/${meeting.id}/token`, {});
    const grant = await hostJoin.json();
    peer = await connectPeer(grant.serverUrl, grant.token);
    const received = nextEvent<[Uint8Array, unknown, unknown, string | undefined]>(
      peer.room,
      RoomEvent.DataReceived,
      (_p, _who, _k, topic) => topic === "parley.chat",
    );

    const forged = await guest.client.post(`/api/meetings/${meeting.id}/chat`, { text: "hi", senderName: "The Host" });
    expect(forged.status).toBe(422);

    const sent = await guest.client.post(`/api/meetings/${meeting.id}/chat`, { text: "Hello from Gus" });
    expect(sent.status).toBe(201);
    const { message, relayed } = await sent.json();
    expect(relayed).toBe(true);
    expect(message).toMatchObject({ identity: guest.identity, senderName: "Gus Guest", senderRole: "PARTICIPANT", text: "Hello from Gus" });

    const [payload, sender] = await received;
    expect(sender, "sent by the server, not by a participant").toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ id: message.id, text: "Hello from Gus" });
  });

  it("works across app instances: a message posted to one is in the history read from another", async () => {
    // This instance runs without SMTP (the last test of this file uses that too).
    second = await startSecondInstance({ SMTP_URL: "" });
    const sent = await fetch(`${second.url}/api/meetings/${meeting.id}/chat`, {
      method: "POST",
      headers: { cookie: host.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ text: "Welcome, Gus!" }),
    });
    expect(sent.status).toBe(201);
    const history = await guest.client.get(`/api/meetings/${meeting.id}/chat`);
    expect(history.status).toBe(200);
    const { messages } = await history.json();
    expect(messages.map((m: { senderName: string; senderRole: string; text: string }) => [m.senderName, m.senderRole, m.text])).toEqual([
      ["Gus Guest", "PARTICIPANT", "Hello from Gus"],
      ["Sched Host", "HOST", "Welcome, Gus!"],
    ]);
  });

  it("refuses an empty or too long message and a stranger, with the reason, storing nothing", async () => {
    const before = await testDb.chatMessage.count({ where: { meetingId: meeting.id } });
    const long = await guest.client.post(`/api/meetings/${meeting.id}/chat`, { text: "x".repeat(1001) });
    expect(long.status).toBe(422);
    expect((await errorOf(long)).message).toMatch(/at most 1000 characters/);
    const empty = await guest.client.post(`/api/meetings/${meeting.id}/chat`, { text: "   " });
    expect(empty.status).toBe(422);
    const anonymous = await postJson(`/api/meetings/${meeting.id}/chat`, { text: "hi" });
    expect(anonymous.status).toBe(401);
    const stranger = await signUpAndSignIn({ name: "Stranger" });
    expect((await new Client(stranger.cookie).post(`/api/meetings/${meeting.id}/chat`, { text: "hi" })).status).toBe(404);
    expect((await new Client(stranger.cookie).get(`/api/meetings/${meeting.id}/chat`)).status).toBe(404);
    expect(await testDb.chatMessage.count({ where: { meetingId: meeting.id } })).toBe(before);
  });

  it("rate-limits a sender who floods, with a clear 429", async () => {
    const fromElsewhere = new Client(guest.client.cookie, { "X-Forwarded-For": "198.51.100.78" });
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await fromElsewhere.post(`/api/meetings/${meeting.id}/chat`, { text: `flood ${i}` });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await errorOf(last!)).message).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
    expect(await testDb.chatMessage.count({ where: { meetingId: meeting.id, body: "flood 20" } })).toBe(0);
  });

  it("a removed person can neither post nor read; the host downloads the transcript", async () => {
    expect((await hostClient.post(`/api/meetings/${meeting.id}/participants/${guest.identity}/remove`)).status).toBe(204);
    const posted = await guest.client.post(`/api/meetings/${meeting.id}/chat`, { text: "still here?" });
    expect(posted.status).toBe(403);
    expect((await errorOf(posted)).message).toBe("You were removed from this meeting by the host.");
    expect((await guest.client.get(`/api/meetings/${meeting.id}/chat`)).status).toBe(403);
    expect(await testDb.chatMessage.count({ where: { meetingId: meeting.id, body: "still here?" } })).toBe(0);

    const transcript = await hostClient.get(`/api/meetings/${meeting.id}/chat/transcript`);
    expect(transcript.status).toBe(200);
    expect(transcript.headers.get("content-disposition")).toMatch(/^attachment; filename="chat-/);
    const text = await transcript.text();
    expect(text).toMatch(/\] Gus Guest \(participant\): Hello from Gus\n/);
    expect(text).toMatch(/\] Sched Host \(host\): Welcome, Gus!\n/);
    expect((await guest.client.get(`/api/meetings/${meeting.id}/chat/transcript`)).status).toBe(403);
  });

  it("an end-to-end encrypted meeting's chat is never stored on the server nor relayed by it: posting and reading are refused with the reason", async () => {
    const created = await hostClient.post("/api/meetings", { title: "Secret", e2ee: true });
    expect(created.status).toBe(201);
    const encrypted = (await created.json()) as { id: string; e2ee: boolean; inviteUrl: string };
    expect(encrypted.e2ee).toBe(true);
    const client = new Client();
    expect((await client.post(`/api/invites/${inviteTokenOf(encrypted.inviteUrl)}/join`, { name: "Eve Member" })).status).toBe(200);

    for (const [who, caller] of [
      ["host", hostClient],
      ["member", client],
    ] as const) {
      const posted = await caller.post(`/api/meetings/${encrypted.id}/chat`, { text: `plaintext from the ${who}` });
      expect(posted.status, who).toBe(409);
      expect((await errorOf(posted)).message).toMatch(/end-to-end encrypted.*never stores it/);
      const read = await caller.get(`/api/meetings/${encrypted.id}/chat`);
      expect(read.status, who).toBe(409);
    }
    expect(await testDb.chatMessage.count({ where: { meetingId: encrypted.id } })).toBe(0);
    // What must not have changed: a plain meeting's chat is still kept.
    expect((await hostClient.post(`/api/meetings/${meeting.id}/chat`, { text: "plain meetings keep chat" })).status).toBe(201);
  });

  it("without SMTP configured, invite by email says how to turn it on instead of failing", async () => {
    const scheduled = await createScheduled("No mail here");
    const response = await fetch(`${second!.url}/api/meetings/${scheduled.id}/invitations`, {
      method: "POST",
      headers: { cookie: host.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ emails: ["someone@example.test"] }),
    });
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toMatch(/set SMTP_URL \(and EMAIL_FROM\)/);
    const page = await fetch(`${second!.url}/meetings/${scheduled.id}`, { headers: { cookie: host.cookie } });
    expect(await page.text()).toMatch(/To turn it on, set <code>SMTP_URL<\/code>/);
    expect(await testDb.emailInvitation.count({ where: { meetingId: scheduled.id } })).toBe(0);
    expect(mail.mailsTo("someone@example.test")).toHaveLength(0);
  });
});
