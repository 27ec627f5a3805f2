import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { MeetingStatus } from "@/lib/generated/prisma/client";
import { MeetingNotFound, NotHost } from "@/lib/meetings/errors";
import { unsealInviteToken } from "@/lib/meetings/invite-token";
import { inviteUrl } from "@/lib/meetings/links";
import { listRoomParticipants, type RoomParticipant } from "@/lib/livekit";

export interface MeetingSummary {
  id: string;
  title: string;
  status: MeetingStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  guestsAllowed: boolean;
  maxParticipants: number;
  /** Distinct people who have been in the call (from LiveKit's webhooks). */
  participantCount: number;
}

/** The host's meetings, newest first, grouped the way the dashboard shows them. */
export async function listMeetingsOfHost(hostId: string) {
  const meetings = await db().meeting.findMany({
    where: { hostId },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { participations: { select: { identity: true }, distinct: ["identity"] } },
  });
  const summaries: MeetingSummary[] = meetings.map(({ participations, ...meeting }) => ({
    ...meeting,
    participantCount: participations.length,
  }));
  return {
    live: summaries.filter((m) => m.status === "LIVE"),
    upcoming: summaries.filter((m) => m.status === "SCHEDULED"),
    ended: summaries.filter((m) => m.status === "ENDED"),
  };
}

export interface InviteView {
  id: string;
  role: string;
  url: string | null;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  createdAt: Date;
}

export interface HostMeetingView extends MeetingSummary {
  /** The first participant link (the one created with the meeting), for quick copying. */
  inviteUrl: string | null;
  invites: InviteView[];
  locked: boolean;
  lobbyEnabled: boolean;
  /** End-to-end encrypted: links are complete only with the key the host's browser holds. */
  e2ee: boolean;
  endedByName: string | null;
  /** Who is in the call right now; null when LiveKit could not be asked. */
  inCallNow: RoomParticipant[] | null;
  attendance: { identity: string; displayName: string; role: string; joinedAt: Date; leftAt: Date | null }[];
}

/** Everything the host's meeting page shows. Throws unless the user hosts the meeting. */
export async function getMeetingForHost(meetingId: string, userId: string): Promise<HostMeetingView> {
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    include: {
      endedBy: { select: { name: true } },
      invites: { where: { revokedAt: null }, orderBy: { createdAt: "asc" }, take: 100 },
      participations: { orderBy: { joinedAt: "asc" } },
    },
  });
  if (!meeting) throw new MeetingNotFound();
  if (meeting.hostId !== userId) throw new NotHost();

  const secret = serverEnv().AUTH_SECRET;
  const invites: InviteView[] = meeting.invites.map((invite) => {
    const raw = unsealInviteToken(invite.tokenSealed, invite.tokenHash, secret);
    return {
      id: invite.id,
      role: invite.role,
      url: raw && meeting.status !== "ENDED" ? inviteUrl(raw) : null,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
      uses: invite.uses,
      createdAt: invite.createdAt,
    };
  });
  const inCallNow =
    meeting.status === "LIVE"
      ? await listRoomParticipants(meeting.roomName)
          .then((inRoom) => inRoom ?? [])
          .catch(() => null)
      : [];

  const { invites: _invites, participations, endedBy, ...rest } = meeting;
  return {
    ...rest,
    participantCount: new Set(participations.map((p) => p.identity)).size,
    inviteUrl: invites.find((i) => i.role === "PARTICIPANT")?.url ?? null,
    invites,
    endedByName: endedBy?.name ?? null,
    inCallNow,
    attendance: participations.map((p) => ({
      identity: p.identity,
      displayName: p.displayName,
      role: p.role,
      joinedAt: p.joinedAt,
      leftAt: p.leftAt,
    })),
  };
}

/** The meeting if this user hosts it; throws MeetingNotFound / NotHost otherwise. */
export async function findHostedMeeting(meetingId: string, userId: string) {
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, title: true, status: true, hostId: true, e2ee: true },
  });
  if (!meeting) throw new MeetingNotFound();
  if (meeting.hostId !== userId) throw new NotHost();
  return meeting;
}
