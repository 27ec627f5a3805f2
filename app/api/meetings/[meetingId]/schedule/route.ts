import { meetingRouteWithBody } from "@/lib/http/meeting-route";
import { rescheduleMeeting } from "@/lib/meetings/schedule";
import { scheduleSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

/** Set or change the start time, duration and description (host only, before it starts); invitees get the update. */
export const PATCH = meetingRouteWithBody(scheduleSchema, async ({ meeting, actor }, body) => {
  const { meeting: updated, notified } = await rescheduleMeeting(meeting, actor, body);
  return Response.json({
    startsAt: updated.startsAt,
    durationMinutes: updated.durationMinutes,
    timeZone: updated.timeZone,
    calendarSequence: updated.calendarSequence,
    notified,
  });
});
