import { handleRoute } from "@/lib/http/handle";
import { loadMeetingContext } from "@/lib/http/meeting-context";
import { parseJsonBody } from "@/lib/http/responses";
import { rescheduleMeeting } from "@/lib/meetings/schedule";
import { scheduleSchema } from "@/lib/validations/schedule";

export const dynamic = "force-dynamic";

/** Set or change the start time, duration and description (host only, before it starts); invitees get the update. */
export async function PATCH(request: Request, context: { params: Promise<{ meetingId: string }> }) {
  return handleRoute(async () => {
    const { meeting, actor } = await loadMeetingContext((await context.params).meetingId);
    const body = await parseJsonBody(request, scheduleSchema);
    if (!body.ok) return body.response;

    const { meeting: updated, notified } = await rescheduleMeeting(meeting, actor, body.data);
    return Response.json({
      startsAt: updated.startsAt,
      durationMinutes: updated.durationMinutes,
      timeZone: updated.timeZone,
      calendarSequence: updated.calendarSequence,
      notified,
    });
  });
}
