import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { EncryptedMeeting } from "@/components/meeting/encrypted-meeting";
import { JoinFlow } from "@/components/meeting/join-flow";
import { DomainError } from "@/lib/meetings/errors";
import { findHostedMeeting } from "@/lib/meetings/queries";
import { requireUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Meeting" };

/** The host's way into their own meeting (guests use the invite link). */
export default async function HostRoomPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const user = await requireUser(`/m/${encodeURIComponent(meetingId)}`);
  if (!meetingIdSchema.safeParse(meetingId).success) notFound();
  const meeting = await findHostedMeeting(meetingId, user).catch((error) => {
    if (error instanceof DomainError) notFound();
    throw error;
  });
  if (meeting.status === "ENDED" || meeting.status === "CANCELLED") redirect(`/meetings/${meeting.id}`);

  const join = (
    <JoinFlow
      meetingId={meeting.id}
      title={meeting.title}
      subtitle="You are the host"
      joinEndpoint={`/api/meetings/${meeting.id}/token`}
      defaultName={user.name ?? ""}
      nameRequired={false}
      isHost
      signedIn
      startsAt={meeting.startsAt?.toISOString()}
    />
  );
  // End-to-end encrypted: the key this browser kept when the host created the meeting.
  return meeting.e2ee ? <EncryptedMeeting meetingId={meeting.id}>{join}</EncryptedMeeting> : join;
}
