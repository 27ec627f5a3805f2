import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HostMeetingActions } from "@/components/meetings/host-meeting-actions";
import { InviteManager, MeetingSwitches } from "@/components/meetings/invite-manager";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmailInviteForm } from "@/components/meetings/email-invitations";
import { ScheduleManager } from "@/components/meetings/schedule-manager";
import { LocalTime } from "@/components/ui/local-time";
import { formatDateTime, roleLabel } from "@/lib/format";
import { emailConfigured } from "@/lib/mail";
import { chatTranscript } from "@/lib/meetings/chat";
import { DomainError } from "@/lib/meetings/errors";
import { describeWhen, listInvitations } from "@/lib/meetings/invitations";
import { getMeetingForHost } from "@/lib/meetings/queries";
import { instantToWallClock } from "@/lib/meetings/schedule-time";
import { formatDuration, summarizeAttendance } from "@/lib/meetings/summary";
import { requireUser } from "@/lib/session";
import { meetingIdSchema } from "@/lib/validations/meeting";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Meeting" };

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const user = await requireUser(`/meetings/${encodeURIComponent(meetingId)}`);
  if (!meetingIdSchema.safeParse(meetingId).success) notFound();
  // Someone else's meeting looks exactly like a missing one: no existence oracle.
  const meeting = await getMeetingForHost(meetingId, user).catch((error) => {
    if (error instanceof DomainError) notFound();
    throw error;
  });
  const [invitations, chat] = await Promise.all([listInvitations(meeting.id), chatTranscript(meeting.id)]);
  const over = meeting.status === "ENDED" || meeting.status === "CANCELLED";
  const attendees = summarizeAttendance(meeting.attendance, meeting.endedAt);

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
          {meeting.startsAt && (
            <p className="mt-1 text-sm">
              {meeting.status === "CANCELLED" ? "Was planned for " : "Starts "}
              <LocalTime iso={meeting.startsAt.toISOString()} />
              {meeting.durationMinutes ? ` · ${formatDuration(meeting.durationMinutes * 60)}` : ""}
            </p>
          )}
          {meeting.description && <p className="mt-2 max-w-prose whitespace-pre-line text-sm">{meeting.description}</p>}
        </div>
        {!over && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/m/${meeting.id}`} className={buttonClass("primary")}>
              {meeting.status === "LIVE" ? "Join the call" : "Start meeting"}
            </Link>
            <HostMeetingActions meetingId={meeting.id} />
          </div>
        )}
      </header>

      {over ? (
        <p role="status" className="rounded-lg border border-slate-300 bg-slate-100 p-4 dark:border-slate-700 dark:bg-slate-900">
          {meeting.status === "CANCELLED"
            ? "This meeting was cancelled. Its invite links say so and no longer let anyone in."
            : "This meeting has ended. Its invite link no longer works."}{" "}
          <Link href="/meetings" className="font-medium text-brand-700 underline dark:text-brand-50">
            Back to your meetings
          </Link>
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

      {meeting.status === "SCHEDULED" && (
        <section aria-labelledby="schedule-heading" className="flex flex-col gap-2">
          <h2 id="schedule-heading" className="text-lg font-semibold">
            Schedule
          </h2>
          {meeting.startsAt && meeting.timeZone && (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              {describeWhen({ startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes ?? 60, timeZone: meeting.timeZone })}
            </p>
          )}
          <ScheduleManager
            meetingId={meeting.id}
            startsAt={meeting.startsAt && meeting.timeZone ? instantToWallClock(meeting.startsAt, meeting.timeZone) : undefined}
            timeZone={meeting.timeZone ?? undefined}
            durationMinutes={meeting.durationMinutes ?? undefined}
            description={meeting.description ?? undefined}
          />
        </section>
      )}

      {meeting.startsAt && !over && (
        <section aria-labelledby="email-heading" className="flex flex-col gap-2">
          <h2 id="email-heading" className="text-lg font-semibold">
            Invite by email
          </h2>
          <p className="text-sm">
            <a href={`/api/meetings/${meeting.id}/calendar`} className="font-medium text-brand-700 underline dark:text-brand-50" download>
              Download calendar file (.ics)
            </a>
          </p>
          {emailConfigured() ? (
            <EmailInviteForm meetingId={meeting.id} />
          ) : (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
              Email is not set up on this server, so invitations cannot be mailed. To turn it on, set <code>SMTP_URL</code> (and{" "}
              <code>EMAIL_FROM</code>) in Parley&apos;s configuration and restart it. Meanwhile, share the link or the calendar file.
            </p>
          )}
        </section>
      )}

      {invitations.length > 0 && (
        <section aria-labelledby="invited-heading">
          <h2 id="invited-heading" className="mb-2 text-lg font-semibold">
            Invited by email
          </h2>
          <ul className="flex flex-col gap-1 text-sm" aria-label="Invited by email">
            {invitations.map((invitation) => (
              <li key={invitation.email}>
                <span className="font-medium">{invitation.email}</span>:{" "}
                {invitation.status === "SENT" ? (
                  <span>{invitation.method === "CANCEL" ? "cancellation sent" : invitation.sequence > 0 ? "update sent" : "sent"}</span>
                ) : (
                  <span className="text-red-700 dark:text-red-400">failed: {invitation.error}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-2 text-lg font-semibold">
          Settings
        </h2>
        {!over && (
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

      <section aria-labelledby="summary-heading" id="summary" className="flex flex-col gap-3">
        <h2 id="summary-heading" className="text-lg font-semibold">
          {meeting.status === "ENDED" ? "Summary" : "Attendance"}
        </h2>
        {meeting.startedAt && (
          <p className="text-sm">
            Ran from <LocalTime iso={meeting.startedAt.toISOString()} />
            {meeting.endedAt && (
              <>
                {" "}
                to <LocalTime iso={meeting.endedAt.toISOString()} /> ·{" "}
                {formatDuration(Math.round((meeting.endedAt.getTime() - meeting.startedAt.getTime()) / 1000))}
              </>
            )}
          </p>
        )}
        {attendees.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No one has joined yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-labelledby="summary-heading">
              <thead className="text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Role
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    First joined
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Time in the call
                  </th>
                </tr>
              </thead>
              <tbody>
                {attendees.map((a) => (
                  <tr key={a.identity} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1 pr-4">{a.displayName}</td>
                    <td className="py-1 pr-4">{roleLabel(a.role)}</td>
                    <td className="py-1 pr-4">
                      <LocalTime iso={a.firstJoinedAt.toISOString()} withZone={false} />
                    </td>
                    <td className="py-1">
                      {formatDuration(a.seconds)}
                      {meeting.attendance.some((s) => s.identity === a.identity && !s.leftAt) && meeting.status === "LIVE"
                        ? " (still in the call)"
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 className="mt-2 font-semibold">Chat</h3>
        {chat.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No chat messages.</p>
        ) : (
          <>
            <ol className="flex flex-col gap-1 text-sm" aria-label="Chat transcript">
              {chat.map((m) => (
                <li key={m.id}>
                  <span className="text-slate-600 dark:text-slate-400">
                    <LocalTime iso={m.sentAt} withZone={false} />
                  </span>{" "}
                  <span className="font-medium">{m.senderName}</span>: <span className="whitespace-pre-line">{m.text}</span>
                </li>
              ))}
            </ol>
            <p className="text-sm">
              <a
                href={`/api/meetings/${meeting.id}/chat/transcript`}
                download
                className="font-medium text-brand-700 underline dark:text-brand-50"
              >
                Download the chat transcript
              </a>
            </p>
          </>
        )}
      </section>
    </article>
  );
}
