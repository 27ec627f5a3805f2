import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HostMeetingActions } from "@/components/meetings/host-meeting-actions";
import { InviteManager, MeetingSwitches } from "@/components/meetings/invite-manager";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, roleLabel } from "@/lib/format";
import { DomainError } from "@/lib/meetings/errors";
import { getMeetingForHost } from "@/lib/meetings/queries";
import { requireUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Meeting" };

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const user = await requireUser(`/meetings/${encodeURIComponent(meetingId)}`);
  if (!meetingIdSchema.safeParse(meetingId).success) notFound();
  // Someone else's meeting looks exactly like a missing one: no existence oracle.
  const meeting = await getMeetingForHost(meetingId, user.id).catch((error) => {
    if (error instanceof DomainError) notFound();
    throw error;
  });

  return (
    <article className="flex flex-col gap-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="mb-1 text-sm">
            <Link href="/meetings" className="text-brand-700 hover:underline dark:text-brand-50">
              ← Your meetings
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{meeting.title}</h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
            <StatusBadge status={meeting.status} />
            {meeting.status === "ENDED" && meeting.endedAt && (
              <span>
                Ended {formatDateTime(meeting.endedAt)}
                {meeting.endedByName ? ` by ${meeting.endedByName}` : ""}
              </span>
            )}
          </p>
        </div>
        {meeting.status !== "ENDED" && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/m/${meeting.id}`} className={buttonClass("primary")}>
              {meeting.status === "LIVE" ? "Join the call" : "Start meeting"}
            </Link>
            <HostMeetingActions meetingId={meeting.id} />
          </div>
        )}
      </header>

      {meeting.status === "ENDED" ? (
        <p role="status" className="rounded-lg border border-slate-300 bg-slate-100 p-4 dark:border-slate-700 dark:bg-slate-900">
          This meeting has ended. Its invite link no longer works.
        </p>
      ) : (
        <section aria-labelledby="invite-heading" className="flex flex-col gap-2">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite links
          </h2>
          <InviteManager
            meetingId={meeting.id}
            e2ee={meeting.e2ee}
            invites={meeting.invites.map((i) => ({ ...i, expiresAt: i.expiresAt?.toISOString() ?? null }))}
          />
        </section>
      )}

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-2 text-lg font-semibold">
          Settings
        </h2>
        {meeting.status !== "ENDED" && (
          <div className="mb-3">
            <MeetingSwitches meetingId={meeting.id} locked={meeting.locked} lobbyEnabled={meeting.lobbyEnabled} />
          </div>
        )}
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Who can join</dt>
          <dd>{meeting.guestsAllowed ? "Anyone with the link (guests allowed)" : "Signed-in people with the link"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Max participants</dt>
          <dd>{meeting.maxParticipants}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Created</dt>
          <dd>{formatDateTime(meeting.createdAt)}</dd>
        </dl>
      </section>

      {meeting.status === "LIVE" && (
        <section aria-labelledby="now-heading">
          <h2 id="now-heading" className="mb-2 text-lg font-semibold">
            In the call now
          </h2>
          {meeting.inCallNow === null ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">The media server is not reachable right now.</p>
          ) : meeting.inCallNow.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">Nobody is in the call.</p>
          ) : (
            <ul className="list-disc pl-5 text-sm" aria-label="In the call now">
              {meeting.inCallNow.map((p) => (
                <li key={p.identity}>
                  {p.name || "Unnamed"} {p.role && <span className="text-slate-500">({roleLabel(p.role)})</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading" className="mb-2 text-lg font-semibold">
          Attendance
        </h2>
        {meeting.attendance.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No one has joined yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Role
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Joined
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Left
                  </th>
                </tr>
              </thead>
              <tbody>
                {meeting.attendance.map((a, i) => (
                  <tr key={`${a.identity}-${i}`} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1 pr-4">{a.displayName}</td>
                    <td className="py-1 pr-4">{roleLabel(a.role)}</td>
                    <td className="py-1 pr-4">{formatDateTime(a.joinedAt)}</td>
                    <td className="py-1">{a.leftAt ? formatDateTime(a.leftAt) : "still in the call"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
