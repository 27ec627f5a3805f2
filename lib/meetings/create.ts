import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { generateInviteToken, sealInviteToken } from "@/lib/meetings/invite-token";
import { inviteUrl } from "@/lib/meetings/links";
import { resolveSchedule } from "@/lib/meetings/schedule";
import type { CurrentUser } from "@/lib/session";
import type { CreateMeetingInput } from "@/lib/validations/meeting";

export function defaultMeetingTitle(host: Pick<CurrentUser, "name">): string {
  return host.name ? `${host.name}’s meeting` : "Quick meeting";
}

/**
 * Creates a meeting and its default participant invite in one transaction (a nested
 * create), so there is never a meeting without a link to share.
 */
export async function createMeeting(host: CurrentUser, input: CreateMeetingInput) {
  const schedule = input.schedule ? resolveSchedule(input.schedule) : null;
  const token = generateInviteToken();
  const meeting = await db().meeting.create({
    data: {
      title: input.title ?? defaultMeetingTitle(host),
      hostId: host.id,
      // Random, so room names reveal nothing and cannot be guessed from the meeting.
      roomName: `m_${randomBytes(16).toString("hex")}`,
      guestsAllowed: input.guestsAllowed,
      maxParticipants: input.maxParticipants,
      e2ee: input.e2ee,
      description: input.description ?? null,
      ...(schedule && { startsAt: schedule.startsAt, timeZone: schedule.timeZone, durationMinutes: schedule.durationMinutes }),
      invites: {
        create: {
          role: "PARTICIPANT",
          tokenHash: token.hash,
          tokenSealed: sealInviteToken(token.raw, serverEnv().AUTH_SECRET),
          createdById: host.id,
        },
      },
    },
  });
  return { meeting, inviteUrl: inviteUrl(token.raw) };
}
