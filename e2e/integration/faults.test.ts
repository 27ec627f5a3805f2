import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, inviteTokenOf } from "./support/client";
import { meetingSnapshot } from "./support/db";
import { signUpAndSignIn } from "./support/session";
import { service } from "./support/stack";

/** Real processes stopped and started while the app keeps running. */
let host: Client;

beforeAll(async () => {
  host = new Client((await signUpAndSignIn({ name: "Fault Host" })).cookie);
});

afterAll(async () => {
  await service("postgres", "start");
  await service("livekit", "start");
});

describe("PostgreSQL restarted", () => {
  it("answers 503 with a message during the outage and recovers by itself afterwards", async () => {
    const { inviteUrl } = await (await host.post("/api/meetings", { title: "Before the outage" })).json();
    const token = inviteTokenOf(inviteUrl);

    await service("postgres", "stop");
    const health = await host.get("/api/health");
    expect(health.status).toBe(503);
    expect((await health.json()).down).toEqual(["database"]);
    for (const response of [
      await host.post("/api/meetings", { title: "During the outage" }),
      await new Client().post(`/api/invites/${token}/join`, { name: "Guest" }),
    ]) {
      expect(response.status).toBe(503);
      expect((await response.json()).error).toEqual({
        code: "database_unavailable",
        message: "The service is temporarily unavailable. Please try again shortly.",
      });
    }

    await service("postgres", "start");
    await expect.poll(async () => (await host.get("/api/health")).status, { timeout: 20_000 }).toBe(200);
    expect((await host.post("/api/meetings", { title: "After the outage" })).status).toBe(201);
    expect((await new Client().post(`/api/invites/${token}/join`, { name: "Guest" })).status).toBe(200);
  });
});

describe("the host ends the meeting while LiveKit is down", () => {
  it("ends it in the database at once, issues no token, and deletes the room once LiveKit is back", async () => {
    const created = await (await host.post("/api/meetings", { title: "Ending in the dark" })).json();
    const token = inviteTokenOf(created.inviteUrl);
    const guest = new Client();
    expect((await guest.post(`/api/invites/${token}/join`, { name: "Guest" })).status).toBe(200);

    await service("livekit", "stop");
    const ended = await host.post(`/api/meetings/${created.id}/end`);
    expect(ended.status).toBe(200);
    expect((await ended.json()).status).toBe("ENDED");
    const meeting = await meetingSnapshot(created.id);
    expect(meeting.status).toBe("ENDED");
    expect(meeting.roomDeletedAt).toBeNull();
    // Nobody gets a new token, not even someone already admitted.
    expect((await guest.post(`/api/invites/${token}/join`, {})).status).toBe(410);
    expect((await new Client().post(`/api/invites/${token}/join`, { name: "New" })).status).toBe(410);
    expect((await host.post(`/api/meetings/${created.id}/token`, {})).status).toBe(410);

    await service("livekit", "start");
    await expect.poll(async () => (await meetingSnapshot(created.id)).roomDeletedAt, { timeout: 20_000, interval: 500 }).not.toBeNull();
  });
});
