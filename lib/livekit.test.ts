import { describe, expect, it } from "vitest";
import { grantsForRole } from "@/lib/livekit";
import { MEETING_ROLES } from "@/lib/meetings/roles";

describe("LiveKit grants per role", () => {
  it.each(MEETING_ROLES)("%s never gets an admin grant", (role) => {
    const grant = grantsForRole(role, "room-1");
    for (const admin of ["roomAdmin", "roomCreate", "roomList", "roomRecord"] as const) {
      expect(grant[admin]).toBeUndefined();
    }
    expect(grant).toMatchObject({ room: "room-1", roomJoin: true, canSubscribe: true, canPublishData: true });
  });

  it("lets hosts, co-hosts and participants publish", () => {
    for (const role of ["HOST", "COHOST", "PARTICIPANT"] as const) {
      expect(grantsForRole(role, "r").canPublish).toBe(true);
    }
  });

  it("keeps viewers watch-only", () => {
    expect(grantsForRole("VIEWER", "r").canPublish).toBe(false);
  });
});
