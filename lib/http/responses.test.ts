import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/responses";

/** A POST whose body stream delivers `first`, then fails the way Node's does when the caller hangs up. */
function requestCutOffAfter(first: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    pull(controller) {
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
  return new Request("http://app.test/api/invites/x/join", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("parseJsonBody", () => {
  it("answers 400 incomplete_body, without throwing, when the body stops arriving", async () => {
    const parsed = await parseJsonBody(requestCutOffAfter('{"name":"Gu'), z.object({ name: z.string() }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.response.status).toBe(400);
    expect(await parsed.response.json()).toEqual({
      error: { code: "incomplete_body", message: "The request body did not arrive in full. Please try again." },
    });
  });

  it("still reads a whole body", async () => {
    const request = new Request("http://app.test/", { method: "POST", body: '{"name":"Guest"}' });
    expect(await parseJsonBody(request, z.object({ name: z.string() }))).toEqual({ ok: true, data: { name: "Guest" } });
  });
});
