import { describe, expect, it } from "vitest";
import { Role } from "@/lib/generated/prisma/enums";
import {
  INVITABLE_ROLES,
  MEETING_ROLES,
  canActOn,
  canPublish,
  guestIdentity,
  isModerator,
  parseIdentity,
  parseRoleMetadata,
  userIdentity,
  type MeetingRole,
} from "@/lib/meetings/roles";

describe("the meeting role model", () => {
  it("lists exactly the database's roles", () => {
    expect([...MEETING_ROLES]).toEqual(Object.values(Role));
  });

  it("never lets an invite hand out the host role", () => {
    expect(INVITABLE_ROLES).not.toContain("HOST");
    expect([...INVITABLE_ROLES].sort()).toEqual(MEETING_ROLES.filter((role) => role !== "HOST").sort());
  });

  it("counts only the host and co-hosts as moderators", () => {
    expect(MEETING_ROLES.filter(isModerator)).toEqual(["HOST", "COHOST"]);
    expect(isModerator(null)).toBe(false);
  });

  // actor → the roles they may mute, remove or stage
  const reach: Record<MeetingRole, MeetingRole[]> = {
    HOST: ["COHOST", "PARTICIPANT", "VIEWER"],
    COHOST: ["PARTICIPANT", "VIEWER"],
    PARTICIPANT: [],
    VIEWER: [],
  };
  it.each(MEETING_ROLES)("a %s acts on exactly the roles below them", (actor) => {
    expect(MEETING_ROLES.filter((target) => canActOn(actor, target))).toEqual(reach[actor]);
  });

  it("lets nobody act on the host, and nobody without a role act at all", () => {
    for (const actor of MEETING_ROLES) expect(canActOn(actor, "HOST")).toBe(false);
    for (const target of MEETING_ROLES) expect(canActOn(null, target)).toBe(false);
  });

  it("keeps viewers watch-only unless they are on stage", () => {
    expect(canPublish("VIEWER", false)).toBe(false);
    expect(canPublish("VIEWER", true)).toBe(true);
    for (const role of ["HOST", "COHOST", "PARTICIPANT"] as const) expect(canPublish(role, false)).toBe(true);
  });
});

describe("reading a role from LiveKit metadata", () => {
  it("reads the role and stage flag the server writes", () => {
    expect(parseRoleMetadata(JSON.stringify({ role: "VIEWER", onStage: true, meetingId: "m" }))).toEqual({ role: "VIEWER", onStage: true });
    expect(parseRoleMetadata(JSON.stringify({ role: "COHOST" }))).toEqual({ role: "COHOST", onStage: false });
  });

  it.each([undefined, null, "", "not json", "null", "42", '"HOST"', '{"role":"ADMIN"}', '{"role":["HOST"]}', '{"onStage":"yes"}'])(
    "answers no role for %j",
    (metadata) => {
      expect(parseRoleMetadata(metadata)).toEqual({ role: null, onStage: false });
    },
  );
});

describe("participant identities", () => {
  it("round-trips user and guest identities", () => {
    expect(parseIdentity(userIdentity("cabc123"))).toEqual({ kind: "user", userId: "cabc123" });
    expect(parseIdentity(guestIdentity("0f6e-42"))).toEqual({ kind: "guest", guestId: "0f6e-42" });
  });

  it.each(["", "user_", "guest_", "admin_x", "User_x", "x_user_y"])("does not recognise %j", (identity) => {
    expect(parseIdentity(identity)).toBeNull();
  });
});
