import { handleRoute } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/responses";
import { createMeeting } from "@/lib/meetings/create";
import { requireApiUser } from "@/lib/session";
import { createMeetingSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";

/** Create a meeting (and its default invite link) for the signed-in host. */
export async function POST(request: Request) {
  return handleRoute(async () => {
    const user = await requireApiUser("Please sign in to create a meeting.");
    const input = await parseJsonBody(request, createMeetingSchema);
    if (!input.ok) return input.response;

    const { meeting, inviteUrl } = await createMeeting(user, input.data);
    return Response.json(
      { id: meeting.id, title: meeting.title, status: meeting.status, e2ee: meeting.e2ee, inviteUrl },
      { status: 201, headers: { Location: `/meetings/${meeting.id}` } },
    );
  });
}
