import { createRequire } from "node:module";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextAuthAction, normalizeEmailIdentifier, parseNextAuthBody, readNextAuthBody } from "@/lib/auth-request";

// next-auth's own body parser and email normaliser, loaded from the installed package (its
// `exports` map hides them, so by file path): the limiter must read requests exactly as they do.
const require = createRequire(import.meta.url);
const nextAuthRoot = path.dirname(require.resolve("next-auth"));
const { getBody } = require(path.join(nextAuthRoot, "next/utils.js")) as { getBody: (req: Request) => Promise<unknown> };

async function nextAuthReads(contentType: string, text: string): Promise<unknown> {
  const request = new Request("http://parley.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": contentType },
    body: text,
  });
  return getBody(request).catch(() => "threw");
}

const contentTypes = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=UTF-8",
  "application/json",
  "text/plain; a=application/json",
  "application/x-www-form-urlencoded; q=application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
);
const field = fc.constantFrom("email", "password", "csrfToken", "Email", "email[]", "json");
const value = fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 }), fc.constant(" Victim@Example.COM "));
const formBody = fc
  .array(fc.tuple(field, value), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));
const jsonBody = fc.dictionary(field, fc.oneof(value, fc.array(value, { maxLength: 2 }), fc.integer())).map((o) => JSON.stringify(o));
const anyBody = fc.oneof(formBody, jsonBody, fc.string({ maxLength: 40 }));

describe("the sign-in limiter reads next-auth requests as next-auth does", () => {
  it("agrees with next-auth's getBody on every content type and body (repeated fields: last wins)", async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(contentTypes, anyBody, async (contentType, text) => {
        cases++;
        const theirs = await nextAuthReads(contentType, text);
        const ours = parseNextAuthBody(contentType, text);
        // Where next-auth throws (invalid JSON) it does no work; ours reads "no body".
        if (theirs === "threw") expect(ours).toBeUndefined();
        // Field access is what matters: a non-object JSON body has no `email` for either.
        else expect(ours?.email).toEqual((theirs as { email?: unknown } | undefined)?.email);
      }),
      { numRuns: 300 },
    );
    expect(cases).toBe(300);
  });

  it("reads the victim's address from a form that repeats the field after a decoy", async () => {
    const request = new Request("http://parley.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=decoy%40example.test&email=victim%40example.test&password=x",
    });
    expect((await readNextAuthBody(request))?.email).toBe("victim@example.test");
    // The request is still readable for next-auth afterwards.
    expect(await request.text()).toContain("victim");
  });

  it("takes the action and provider from the first two path segments only", () => {
    expect(nextAuthAction(["callback", "credentials", "anything", "else"])).toEqual({ action: "callback", providerId: "credentials" });
    expect(nextAuthAction(["signin", "email", "x"])).toEqual({ action: "signin", providerId: "email" });
  });

  it("normalises sign-in-link addresses exactly like next-auth's default email normaliser", () => {
    // next-auth's default, copied from its routes/signin.js by running it on the same inputs:
    // the provider we configure uses normalizeEmailIdentifier, so both must agree.
    const inputs = [" Victim@Example.COM ", "a@b.c,evil.example", "no-at.example", 'a"b@c.d', "a@b", "ｖｉｃｔｉｍ@example.test", "a@@b.c"];
    expect(inputs.map(normalizeEmailIdentifier)).toEqual(["victim@example.com", "a@b.c", null, null, null, "victim@example.test", null]);
    expect(normalizeEmailIdentifier(["victim@example.test"])).toBeNull();
  });
});
