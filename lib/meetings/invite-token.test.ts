import { describe, expect, it } from "vitest";
import {
  generateInviteToken,
  hashInviteToken,
  isWellFormedInviteToken,
  sealInviteToken,
  unsealInviteToken,
} from "@/lib/meetings/invite-token";

const secret = "x".repeat(40);

describe("invite tokens", () => {
  it("carry 256 random bits and are stored only as a hash", () => {
    const token = generateInviteToken();
    expect(Buffer.from(token.raw, "base64url")).toHaveLength(32);
    expect(isWellFormedInviteToken(token.raw)).toBe(true);
    expect(token.hash).toBe(hashInviteToken(token.raw));
    expect(token.hash).not.toContain(token.raw);
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never repeat", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateInviteToken().raw));
    expect(seen.size).toBe(1000);
  });

  it.each(["", "short", "a".repeat(44), `${"a".repeat(42)}!`, "../../etc/passwd"])("rejects %j as malformed", (raw) =>
    expect(isWellFormedInviteToken(raw)).toBe(false),
  );

  it("can be unsealed only with the same secret and hash", () => {
    const token = generateInviteToken();
    const sealed = sealInviteToken(token.raw, secret);
    expect(sealed).not.toContain(token.raw);
    expect(unsealInviteToken(sealed, token.hash, secret)).toBe(token.raw);
    expect(unsealInviteToken(sealed, token.hash, "y".repeat(40))).toBeNull();
    expect(unsealInviteToken(sealed, generateInviteToken().hash, secret)).toBeNull();
    expect(unsealInviteToken("garbage", token.hash, secret)).toBeNull();
  });
});
