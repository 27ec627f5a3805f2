import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";

const up = async () => {};
const refused = async () => {
  throw new Error("connect ECONNREFUSED 10.0.0.5:7880");
};
const hangs = () => new Promise<void>(() => {});

describe("health report", () => {
  it("is ok when every dependency answers", async () => {
    const report = await checkHealth({ database: up, livekit: up });
    expect(report.status).toBe("ok");
    expect(report.down).toEqual([]);
    expect(report.checks.database.ok).toBe(true);
    expect(report.checks.livekit.ok).toBe(true);
  });

  it("names the dependency that is down, and keeps internal details out of the answer", async () => {
    const report = await checkHealth({ database: up, livekit: refused });
    expect(report.status).toBe("unavailable");
    expect(report.down).toEqual(["livekit"]);
    expect(report.checks.database.ok).toBe(true);
    expect(report.checks.livekit).toMatchObject({ ok: false, error: "unreachable" });
    expect(JSON.stringify(report)).not.toContain("10.0.0.5");
  });

  it("reports a probe that never answers as timed out, within the timeout", async () => {
    const started = Date.now();
    const report = await checkHealth({ database: hangs, livekit: up }, 50);
    expect(report.down).toEqual(["database"]);
    expect(report.checks.database.error).toBe("timed out");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
