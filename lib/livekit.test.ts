import { describe, expect, it } from "vitest";
import { entryGrant, permissionsForRole } from "@/lib/livekit";
import { MEETING_ROLES } from "@/lib/meetings/roles";

describe("LiveKit client tokens", () => {
  it("only let their holder into one room: no media, no data, no admin grant", () => {
    const grant = entryGrant("room-1");
    for (const admin of ["roomAdmin", "roomCreate", "roomList", "roomRecord"] as const) {
      expect(grant[admin]).toBeUndefined();
    }
    expect(grant).toEqual({ room: "room-1", roomJoin: true, canSubscribe: false, canPublish: false, canPublishData: false });
  });
});

describe("rights applied from the database per role", () => {
  it.each(MEETING_ROLES)("%s may subscribe and send chat, and holds no admin right", (role) => {
    const permissions = permissionsForRole(role);
    expect(permissions).toMatchObject({ canSubscribe: true, canPublishData: true });
    expect(Object.keys(permissions).sort()).toEqual(["canPublish", "canPublishData", "canSubscribe"]);
  });

  it("lets hosts, co-hosts and participants publish", () => {
    for (const role of ["HOST", "COHOST", "PARTICIPANT"] as const) {
      expect(permissionsForRole(role).canPublish).toBe(true);
    }
  });

  it("keeps viewers watch-only unless on stage", () => {
    expect(permissionsForRole("VIEWER").canPublish).toBe(false);
    expect(permissionsForRole("VIEWER", true).canPublish).toBe(true);
  });
});
