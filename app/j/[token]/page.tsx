import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { E2EEGate } from "@/components/meeting/e2ee-gate";
import { JoinFlow } from "@/components/meeting/join-flow";
import { InviteExpired, InviteNotValid, MeetingEnded } from "@/lib/meetings/errors";
import { describeInvite } from "@/lib/meetings/join";
import { getCurrentUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join meeting", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describeInvite(token).catch((error: unknown) => {
    if (error instanceof InviteNotValid) notFound();
    if (error instanceof MeetingEnded || error instanceof InviteExpired) return error;
    throw error;
  });
  if (invite instanceof Error) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
        <h1 className="text-2xl font-semibold">
          {invite instanceof MeetingEnded ? "This meeting has ended" : "This invite link has expired"}
        </h1>
        <p className="text-slate-600 dark:text-slate-300">
          {invite instanceof MeetingEnded ? "The host ended it. Thanks for coming." : invite.message}
        </p>
      </main>
    );
  }

  const user = await getCurrentUser();
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
      watchOnly={invite.role === "VIEWER" && user?.id !== invite.hostId}
    />
  );
  // An end-to-end encrypted meeting needs the key from the link's fragment first.
  return invite.e2ee ? <E2EEGate meetingId={invite.meetingId}>{join}</E2EEGate> : join;
}
