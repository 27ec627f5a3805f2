import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayNameSchema, visibleNameOrNull } from "@/lib/validations/room";

describe("display names cannot impersonate", () => {
  it.each([
    ["a right-to-left override", "\u202EtsoH"],
    ["a zero-width space", "Ho\u200Bst"],
    ["a zero-width joiner", "Host\u200D"],
    ["a left-to-right mark", "\u200EHost"],
    ["an isolate", "\u2066Host\u2069"],
    ["a byte-order mark inside", "Ho\uFEFFst"],
    ["a line separator", "Host\u2028(host)"],
    ["a Hangul filler", "\u3164"],
    ["a soft hyphen", "Ho\u00ADst"],
  ])("refuses %s with a readable message", (_, name) => {
    const result = displayNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Names cannot contain invisible or direction-changing characters");
  });

  it("keeps names in any script, with accents and emoji", () => {
    for (const name of ["Zoë", "José María", "李小龍", "Ада Лавлейс", "محمد", "Ana 🎉", "O'Brien-Smith"]) {
      expect(displayNameSchema.parse(name)).toBe(name);
    }
  });

  it("property: no accepted name holds a Unicode format (Cf) or control (Cc) character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (name) => {
        const result = displayNameSchema.safeParse(name);
        if (result.success) expect(/[\p{Cf}\p{Cc}]/u.test(result.data)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("strips invisible characters from names an identity provider sends", () => {
    expect(visibleNameOrNull("\u202EAda\u200B Lovelace")).toBe("Ada Lovelace");
    expect(visibleNameOrNull("\u200B\u3164")).toBeNull();
    expect(visibleNameOrNull(undefined)).toBeNull();
  });
});
