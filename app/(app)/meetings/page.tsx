import type { Metadata } from "next";
import Link from "next/link";
import { CreateMeetingForm } from "@/components/meetings/create-meeting-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/format";
import { listMeetingsOfHost, type MeetingSummary } from "@/lib/meetings/queries";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your meetings" };

export default async function MeetingsPage() {
  const user = await requireUser("/meetings");
  const { live, upcoming, ended } = await listMeetingsOfHost(user.id);
  const none = live.length + upcoming.length + ended.length === 0;

  return (
    <div className="flex flex-col gap-10">
      <section
        aria-labelledby="new-meeting"
        className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 id="new-meeting" className="mb-4 text-2xl font-semibold">
          New meeting
        </h1>
        <CreateMeetingForm />
      </section>

      {none ? (
        <p className="text-slate-600 dark:text-slate-300">You have no meetings yet. Create one above and share its link.</p>
      ) : (
        <>
          <MeetingSection id="live" title="Live now" meetings={live} />
          <MeetingSection id="upcoming" title="Not started" meetings={upcoming} />
          <MeetingSection id="ended" title="Ended" meetings={ended} />
        </>
      )}
    </div>
  );
}

function MeetingSection({ id, title, meetings }: { id: string; title: string; meetings: MeetingSummary[] }) {
  if (meetings.length === 0) return null;
  return (
    <section aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`} className="mb-3 text-lg font-semibold">
        {title} <span className="text-slate-500 dark:text-slate-400">({meetings.length})</span>
      </h2>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {meetings.map((meeting) => (
          <li key={meeting.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <Link href={`/meetings/${meeting.id}`} className="font-medium hover:underline">
                {meeting.title}
              </Link>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                <StatusBadge status={meeting.status} />{" "}
                <span>
                  {meeting.participantCount} {meeting.participantCount === 1 ? "participant" : "participants"}
                </span>{" "}
                · <time dateTime={meeting.createdAt.toISOString()}>created {formatDateTime(meeting.createdAt)}</time>
              </p>
            </div>
            <div className="flex gap-2">
              {meeting.status !== "ENDED" && (
                <Link
                  href={`/m/${meeting.id}`}
                  className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                >
                  Join
                </Link>
              )}
              <Link
                href={`/meetings/${meeting.id}`}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Details
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
