import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { AccessToken } from "livekit-server-sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, inviteTokenOf } from "./support/client";
import { testDb } from "./support/db";
import { connectPeer } from "./support/livekit-peer";
import { signUpAndSignIn } from "./support/session";
import { api, appUrl } from "./support/stack";

/**
 * LiveKit webhooks → attendance. Events are signed here exactly as LiveKit signs them (a JWT
 * with the body's SHA-256, made with the server's API key), plus one real delivery from the
 * running SFU.
 */
let host: Client;
let meetingId: string;
let roomName: string;
let inviteToken: string;

beforeAll(async () => {
  host = new Client((await signUpAndSignIn({ name: "Webhook Host" })).cookie);
  const created = await (await host.post("/api/meetings", { title: "Attendance" })).json();
  meetingId = created.id;
  inviteToken = inviteTokenOf(created.inviteUrl);
  roomName = (await testDb.meeting.findUniqueOrThrow({ where: { id: meetingId } })).roomName;
});

async function sign(body: string, secret = process.env.LIVEKIT_API_SECRET!): Promise<string> {
  const token = new AccessToken(process.env.LIVEKIT_API_KEY, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function participantEvent(event: "participant_joined" | "participant_left", identity: string, joinedAt: number) {
  return JSON.stringify({
    id: `EV_${randomUUID()}`,
    event,
    createdAt: String(joinedAt + (event === "participant_left" ? 60 : 0)),
    room: { name: roomName },
    participant: { identity, name: `Name of ${identity}`, metadata: JSON.stringify({ role: "PARTICIPANT" }), joinedAt: String(joinedAt) },
  });
}

async function deliver(body: string, authorization?: string) {
  return api("/api/livekit/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/webhook+json", ...(authorization && { Authorization: authorization }) },
    body,
  });
}

const stays = (identity: string) => testDb.participation.findMany({ where: { meetingId, identity } });

/**
 * Starts an unsigned webhook POST whose body is `head` bytes followed by a stall (the rest
 * never comes), and resolves with the status the app answers while the body is still open;
 * null when it has not answered within 10 s (it is waiting for the whole body).
 */
function oversizedDelivery(headers: Record<string, string>, head: number): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.request(new URL("/api/livekit/webhook", appUrl), {
      method: "POST",
      headers: { "Content-Type": "application/webhook+json", ...headers },
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(null);
    }, 10_000);
    request.on("response", (response) => {
      clearTimeout(timer);
      response.resume();
      request.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", () => undefined); // destroyed on purpose
    request.write(Buffer.alloc(head, "a"));
  });
}

describe("oversized webhook bodies are refused before they are read", () => {
  it("refuses a 40 MB declared body by its Content-Length with 413, without waiting for it", async () => {
    expect(await oversizedDelivery({ "Content-Length": String(40 * 1024 * 1024) }, 64 * 1024)).toBe(413);
  });

  it("refuses a streamed body without Content-Length once it passes the limit, with 413", async () => {
    expect(await oversizedDelivery({ "Transfer-Encoding": "chunked" }, 256 * 1024)).toBe(413);
  });
});

describe("POST /api/livekit/webhook", () => {
  it("refuses unsigned, wrongly signed and tampered events (401) and records nothing", async () => {
    const identity = `guest_${randomUUID()}`;
    const body = participantEvent("participant_joined", identity, 1_800_000_000);
    expect((await deliver(body)).status).toBe(401);
    expect((await deliver(body, await sign(body, "x".repeat(40)))).status).toBe(401);
    const tampered = body.replace(identity, `guest_${randomUUID()}`);
    expect((await deliver(tampered, await sign(body))).status).toBe(401);
    expect(await stays(identity)).toEqual([]);
  });

  it("records a join and a leave as one stay", async () => {
    const identity = `guest_${randomUUID()}`;
    const joined = participantEvent("participant_joined", identity, 1_800_000_100);
    const response = await deliver(joined, await sign(joined));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "recorded" });
    const left = participantEvent("participant_left", identity, 1_800_000_100);
    await deliver(left, await sign(left));
    const rows = await stays(identity);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      displayName: `Name of ${identity}`,
      joinedAt: new Date(1_800_000_100_000),
      leftAt: new Date(1_800_000_160_000),
    });
  });

  it("does not double-count an event delivered twice", async () => {
    const identity = `guest_${randomUUID()}`;
    const joined = participantEvent("participant_joined", identity, 1_800_000_200);
    const signature = await sign(joined);
    expect(await (await deliver(joined, signature)).json()).toEqual({ outcome: "recorded" });
    expect(await (await deliver(joined, signature)).json()).toEqual({ outcome: "duplicate" });
    expect(await stays(identity)).toHaveLength(1);
  });

  it("keeps a stay right when 'left' arrives before 'joined'", async () => {
    const identity = `guest_${randomUUID()}`;
    const left = participantEvent("participant_left", identity, 1_800_000_300);
    const joined = participantEvent("participant_joined", identity, 1_800_000_300);
    await deliver(left, await sign(left));
    await deliver(joined, await sign(joined));
    const rows = await stays(identity);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.leftAt).toEqual(new Date(1_800_000_360_000));
  });

  it("records real deliveries from the SFU: the host's page lists who attended", async () => {
    const guest = await (await new Client().post(`/api/invites/${inviteToken}/join`, { name: "Real Rita" })).json();
    const peer = await connectPeer(guest.serverUrl, guest.token);
    await expect.poll(async () => (await stays(guest.identity)).length, { timeout: 15_000 }).toBe(1);
    await peer.leave();
    await expect.poll(async () => (await stays(guest.identity))[0]?.leftAt ?? null, { timeout: 15_000 }).not.toBeNull();
    const page = await (await host.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain("Real Rita");
  });
});
