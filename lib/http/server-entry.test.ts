import { describe, expect, it } from "vitest";
import { apiPathname } from "@/lib/http/server-entry";

describe("which requests the API's entry checks cover", () => {
  it("takes API paths as Next routes them", () => {
    expect(apiPathname("/api/meetings/abc/end")).toBe("/api/meetings/abc/end");
    expect(apiPathname("/api/invites/x/join?name=a")).toBe("/api/invites/x/join");
    expect(apiPathname("/./api/health")).toBe("/api/health");
    expect(apiPathname("/x/../api/meetings/abc/end")).toBe("/api/meetings/abc/end");
    expect(apiPathname("//api/meetings/abc/end")).toBe("/api/meetings/abc/end");
    expect(apiPathname("/api//meetings")).toBe("/api/meetings");
    expect(apiPathname("/%61pi/meetings")).toBe("/api/meetings");
    expect(apiPathname("http://parley.example/api/meetings")).toBe("/api/meetings");
  });

  it("leaves pages and static files to the proxy", () => {
    expect(apiPathname("/")).toBeNull();
    expect(apiPathname("/j/some-token")).toBeNull();
    expect(apiPathname("/_next/static/chunks/app.js")).toBeNull();
    expect(apiPathname("/apiary")).toBeNull();
    expect(apiPathname("/meetings/api/x")).toBeNull();
  });

  it("checks what it cannot read", () => {
    expect(apiPathname("/%E0%A4%A")).toBe("/api/");
    expect(apiPathname("not a url")).toBe("/api/");
  });
});
