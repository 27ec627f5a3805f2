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
