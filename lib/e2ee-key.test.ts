import { describe, expect, it } from "vitest";
import { generateMeetingKey, isWellFormedKey, keyFromFragment, linkWithKey } from "@/lib/e2ee-key";

describe("meeting keys for end-to-end encryption", () => {
  it("are 256 random bits in base64url, different every time", () => {
    const a = generateMeetingKey();
    const b = generateMeetingKey();
    expect(isWellFormedKey(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
  });

  it("travel in the link's fragment only, and are read back from it", () => {
    const key = generateMeetingKey();
    const link = linkWithKey("https://meet.example/j/abc", key);
    expect(link).toBe(`https://meet.example/j/abc#key=${key}`);
    expect(new URL(link).pathname + new URL(link).search).not.toContain(key);
    expect(keyFromFragment(new URL(link).hash)).toBe(key);
  });

  it("a missing, cut or tampered fragment gives no key", () => {
    const key = generateMeetingKey();
    expect(keyFromFragment("")).toBeNull();
    expect(keyFromFragment(`#key=${key.slice(0, 20)}`)).toBeNull();
    expect(keyFromFragment(`#key=${key}<script>`)).toBeNull();
  });
});
