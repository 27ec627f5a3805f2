import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginRedirect, signUpSchema } from "@/lib/validations/auth";

describe("callback URLs after sign-in (no open redirect)", () => {
  it.each([
    ["/meetings", "/meetings"],
    ["/meetings/abc?tab=people#top", "/meetings/abc?tab=people#top"],
    ["/m/../meetings", "/meetings"],
  ])("keeps the same-origin path %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    ["an absolute URL to another site", "https://evil.example/meetings"],
    ["a protocol-relative URL", "//evil.example/meetings"],
    ["a backslash trick", "/\\evil.example"],
    ["a path with a control character", "/\t/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path without a slash", "meetings"],
    ["nothing", undefined],
  ])("falls back to /meetings for %s", (_, raw) => {
    expect(safeCallbackPath(raw)).toBe("/meetings");
  });

  it.each([
    ["a dot-dot that resolves to two slashes", "/x/..//evil.example/phish"],
    ["a dot segment before two slashes", "/.//evil.example"],
    ["an encoded dot-dot before two slashes", "/%2e%2e//evil.example"],
  ])("never returns a protocol-relative destination for %s", (_, raw) => {
    const result = safeCallbackPath(raw);
    expect(new URL(result, "https://parley.example").origin).toBe("https://parley.example");
    expect(result.startsWith("//")).toBe(false);
  });

  it("property: every destination, resolved the way a browser or Location header is, is a path on the app's origin", () => {
    const app = "https://parley.example";
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      ".",
      "..",
      "%2e",
      "%2E%2e",
      "%2f",
      "%5c",
      "evil.example",
      "@",
      ":",
      "?",
      "#",
      "x",
      "\t",
      " ",
    );
    const pathLike = fc.oneof(
      fc.array(piece, { maxLength: 10 }).map((parts) => `/${parts.join("")}`),
      fc.array(piece, { maxLength: 10 }).map((parts) => parts.join("")),
      fc.string({ maxLength: 40 }),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(pathLike, (raw) => {
        const result = safeCallbackPath(raw);
        expect(result.startsWith("/")).toBe(true);
        expect(new URL(result, app).origin).toBe(app);
        // Normalising again changes nothing: what we hand out is already canonical.
        expect(safeCallbackPath(result)).toBe(result);
        expect(new URL(sameOriginRedirect(raw, app)).origin).toBe(app);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("lets next-auth redirect only within the app's origin", () => {
    const base = "https://parley.example";
    expect(sameOriginRedirect("/meetings/1", base)).toBe("https://parley.example/meetings/1");
    expect(sameOriginRedirect("https://parley.example/j/tok", base)).toBe("https://parley.example/j/tok");
    expect(sameOriginRedirect("https://evil.example/", base)).toBe("https://parley.example/meetings");
    expect(sameOriginRedirect("//evil.example/", base)).toBe("https://parley.example/meetings");
    expect(sameOriginRedirect("https://parley.example.evil.example/", base)).toBe("https://parley.example/meetings");
  });
});

describe("sign-up input", () => {
  const valid = { name: "Ada", email: " Ada@Example.COM ", password: "x".repeat(10) };

  it("normalises the email to trimmed lower case", () => {
    expect(signUpSchema.parse(valid).email).toBe("ada@example.com");
  });

  it.each([
    ["a 9-character password", { password: "x".repeat(9) }, "at least 10 characters"],
    ["a 129-character password", { password: "x".repeat(129) }, "at most 128 characters"],
    ["an invalid email", { email: "ada@" }, "valid email address"],
    ["an empty name", { name: "  " }, "Please enter your name"],
  ])("refuses %s with a readable message", (_, change, message) => {
    const result = signUpSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it("accepts a 128-character password", () => {
    expect(signUpSchema.safeParse({ ...valid, password: "x".repeat(128) }).success).toBe(true);
  });
});
