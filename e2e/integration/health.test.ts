import { afterAll, describe, expect, it } from "vitest";
import { api, service } from "./support/stack";

describe("GET /api/health", () => {
  afterAll(async () => {
    await service("livekit", "start");
  });

  it("answers 200 with both checks ok while the stack runs", async () => {
    const response = await api("/api/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      down: [],
      checks: { database: { ok: true }, livekit: { ok: true } },
    });
  });

  it("answers 503 naming LiveKit when the SFU is stopped, and 200 again once it is back", async () => {
    await service("livekit", "stop");
    const down = await api("/api/health");
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body.status).toBe("unavailable");
    expect(body.down).toEqual(["livekit"]);
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.livekit).toMatchObject({ ok: false, error: "unreachable" });

    await service("livekit", "start");
    const back = await api("/api/health");
    expect(back.status).toBe(200);
  });
});
