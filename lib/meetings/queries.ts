import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { MeetingStatus, Prisma } from "@/lib/generated/prisma/client";
import { assertHostedBy } from "@/lib/meetings/actors";
import type { CurrentUser } from "@/lib/session";
import { MeetingNotFound } from "@/lib/meetings/errors";
import { unsealInviteToken } from "@/lib/meetings/invite-token";
import { inviteUrl } from "@/lib/meetings/links";
import { listRoomParticipants, type RoomParticipant } from "@/lib/livekit";

export interface MeetingSummary {
  id: string;
  title: string;
  status: MeetingStatus;
  createdAt: Date;
  startsAt: Date | null;
  durationMinutes: number | null;
  startedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
  guestsAllowed: boolean;
  maxParticipants: number;
  /** Distinct people who have been in the call (from LiveKit's webhooks). */
  participantCount: number;
}

/** Meetings per page in the dashboard's Upcoming and Past lists. */
export const DASHBOARD_PAGE_SIZE = 10;

export interface MeetingPage {
  meetings: MeetingSummary[];
  /** 1-based. */
  page: number;
  hasNext: boolean;
}

const summarySelect = {
  id: true,
  title: true,
  status: true,
  createdAt: true,
  startsAt: true,
  durationMinutes: true,
  startedAt: true,
  endedAt: true,
  cancelledAt: true,
  guestsAllowed: true,
  maxParticipants: true,
  participations: { select: { identity: true }, distinct: ["identity"] },
} satisfies Prisma.MeetingSelect;

type SummaryRow = Prisma.MeetingGetPayload<{ select: typeof summarySelect }>;

function toSummary({ participations, ...meeting }: SummaryRow): MeetingSummary {
  return { ...meeting, participantCount: participations.length };
}

/**
 * The host's dashboard: Live (all of them, there are few), Upcoming (soonest first, meetings
 * without a time last) and Past (ended or cancelled, latest first), the last two paginated.
 */
export async function listMeetingsOfHost(hostId: string, pages: { upcoming: number; past: number } = { upcoming: 1, past: 1 }) {
  const pageOf = async (page: number, where: Prisma.MeetingWhereInput, orderBy: Prisma.MeetingOrderByWithRelationInput[]) => {
    const rows = await db().meeting.findMany({
      where: { hostId, ...where },
      orderBy,
      skip: (page - 1) * DASHBOARD_PAGE_SIZE,
      take: DASHBOARD_PAGE_SIZE + 1,
      select: summarySelect,
    });
    return { meetings: rows.slice(0, DASHBOARD_PAGE_SIZE).map(toSummary), page, hasNext: rows.length > DASHBOARD_PAGE_SIZE };
  };
  const [live, upcoming, past] = await Promise.all([
    db().meeting.findMany({ where: { hostId, status: "LIVE" }, orderBy: { startedAt: "desc" }, take: 100, select: summarySelect }),
    pageOf(pages.upcoming, { status: "SCHEDULED" }, [{ startsAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }]),
    pageOf(pages.past, { status: { in: ["ENDED", "CANCELLED"] } }, [{ createdAt: "desc" }]),
  ]);
  return { live: live.map(toSummary), upcoming, past };
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
  description: string | null;
  timeZone: string | null;
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
export async function getMeetingForHost(meetingId: string, user: CurrentUser): Promise<HostMeetingView> {
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    include: {
      endedBy: { select: { name: true } },
      invites: { where: { revokedAt: null }, orderBy: { createdAt: "asc" }, take: 100 },
      participations: { orderBy: { joinedAt: "asc" } },
    },
  });
  if (!meeting) throw new MeetingNotFound();
  assertHostedBy(meeting, user);

  const secret = serverEnv().AUTH_SECRET;
  const invites: InviteView[] = meeting.invites.map((invite) => {
    const raw = unsealInviteToken(invite.tokenSealed, invite.tokenHash, secret);
    return {
      id: invite.id,
      role: invite.role,
      url: raw && meeting.status !== "ENDED" && meeting.status !== "CANCELLED" ? inviteUrl(raw) : null,
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
export async function findHostedMeeting(meetingId: string, user: CurrentUser) {
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, title: true, status: true, hostId: true, startsAt: true, e2ee: true },
  });
  if (!meeting) throw new MeetingNotFound();
  assertHostedBy(meeting, user);
  return meeting;
}
