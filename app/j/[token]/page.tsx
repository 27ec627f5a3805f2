import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { EncryptedMeeting } from "@/components/meeting/encrypted-meeting";
import { JoinFlow } from "@/components/meeting/join-flow";
import { buttonClass } from "@/components/ui/button";
import { InviteExpired, InviteNotValid, MeetingCancelled, MeetingEnded } from "@/lib/meetings/errors";
import { describeInvite } from "@/lib/meetings/join";
import { getCurrentUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join meeting", referrer: "no-referrer" };

function closedText(error: InviteExpired | MeetingEnded | MeetingCancelled) {
  if (error instanceof MeetingCancelled) return { title: "This meeting was cancelled", detail: "The host called it off. No need to join." };
  if (error instanceof MeetingEnded) return { title: "This meeting has ended", detail: "The host ended it. Thanks for coming." };
  return { title: "This invite link has expired", detail: error.message };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvite(token).catch((error: unknown) => {
    if (error instanceof InviteNotValid) notFound();
    if (error instanceof MeetingEnded || error instanceof MeetingCancelled || error instanceof InviteExpired) return error;
    throw error;
  });
  const user = await getCurrentUser();
  if (invite instanceof Error) {
    const text = closedText(invite);
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
        <h1 className="text-2xl font-semibold">{text.title}</h1>
        <p className="text-slate-600 dark:text-slate-300">{text.detail}</p>
        <p>
          <Link href={user ? "/meetings" : "/"} className={buttonClass("secondary")}>
            {user ? "Go to your meetings" : "Go to the Parley home page"}
          </Link>
        </p>
      </main>
    );
  }

  if (invite.requiresSignIn && !user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/j/${token}`)}`);

  const join = (
    <JoinFlow
      meetingId={invite.meetingId}
      title={invite.title}
      subtitle={`Hosted by ${invite.hostName}`}
      joinEndpoint={`/api/invites/${token}/join`}
      defaultName={user?.name ?? ""}
      nameRequired={!user}
      isHost={user?.id === invite.hostId}
      signedIn={user !== null}
      watchOnly={invite.role === "VIEWER" && user?.id !== invite.hostId}
      startsAt={invite.startsAt?.toISOString()}
      description={invite.description ?? undefined}
      calendarUrl={invite.startsAt ? `/api/invites/${token}/calendar` : undefined}
    />
  );
  // An end-to-end encrypted meeting needs the key from the link's fragment first.
  return invite.e2ee ? <EncryptedMeeting meetingId={invite.meetingId}>{join}</EncryptedMeeting> : join;
}
