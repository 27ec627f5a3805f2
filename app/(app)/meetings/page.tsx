import type { Metadata } from "next";
import Link from "next/link";
import { CreateMeetingForm } from "@/components/meetings/create-meeting-form";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { listMeetingsOfHost, type MeetingPage, type MeetingSummary } from "@/lib/meetings/queries";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your meetings" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A page number from the query string: a positive integer, else 1. */
function pageParam(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export default async function MeetingsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/meetings");
  const query = await searchParams;
  const pages = { upcoming: pageParam(query.upcoming), past: pageParam(query.past) };
  const { live, upcoming, past } = await listMeetingsOfHost(user.id, pages);
  const none = live.length + upcoming.meetings.length + past.meetings.length === 0 && pages.upcoming === 1 && pages.past === 1;
  const pageLink = (list: "upcoming" | "past", page: number) => {
    const params = new URLSearchParams({
      ...(pages.upcoming > 1 && { upcoming: String(pages.upcoming) }),
      ...(pages.past > 1 && { past: String(pages.past) }),
    });
    if (page > 1) params.set(list, String(page));
    else params.delete(list);
    const search = params.toString();
    return `/meetings${search ? `?${search}` : ""}#section-${list}`;
  };

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
          <MeetingSection id="live" title="Live" meetings={live} />
          <MeetingSection id="upcoming" title="Upcoming" meetings={upcoming.meetings} page={upcoming} pageLink={pageLink} />
          <MeetingSection id="past" title="Past" meetings={past.meetings} page={past} pageLink={pageLink} />
        </>
      )}
    </div>
  );
}

function MeetingSection(props: {
  id: "live" | "upcoming" | "past";
  title: string;
  meetings: MeetingSummary[];
  page?: MeetingPage;
  pageLink?: (list: "upcoming" | "past", page: number) => string;
}) {
  const { id, title, meetings, page, pageLink } = props;
  if (meetings.length === 0 && (!page || page.page === 1)) return null;
  return (
    <section aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`} className="mb-3 text-lg font-semibold">
        {title}
        {page && page.page > 1 && <span className="text-slate-600 dark:text-slate-400"> · page {page.page}</span>}
      </h2>
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {meetings.map((meeting) => (
          <MeetingRow key={meeting.id} meeting={meeting} />
        ))}
      </ul>
      {page && pageLink && id !== "live" && (page.page > 1 || page.hasNext) && (
        <nav aria-label={`${title} meetings pages`} className="mt-3 flex gap-3 text-sm">
          {page.page > 1 && (
            <Link href={pageLink(id, page.page - 1)} className={buttonClass("secondary")}>
              Previous page
            </Link>
          )}
          {page.hasNext && (
            <Link href={pageLink(id, page.page + 1)} className={buttonClass("secondary")}>
              Next page
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

function MeetingRow({ meeting }: { meeting: MeetingSummary }) {
  const past = meeting.status === "ENDED" || meeting.status === "CANCELLED";
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        <Link href={`/meetings/${meeting.id}`} className="font-medium hover:underline">
          {meeting.title}
        </Link>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <StatusBadge status={meeting.status} />{" "}
          {meeting.startsAt && meeting.status === "SCHEDULED" ? (
            <>
              starts <LocalTime iso={meeting.startsAt.toISOString()} />
            </>
          ) : meeting.status === "ENDED" && meeting.startedAt ? (
            <>
              ran <LocalTime iso={meeting.startedAt.toISOString()} />
            </>
          ) : (
            <>
              created <LocalTime iso={meeting.createdAt.toISOString()} />
            </>
          )}{" "}
          · {meeting.participantCount} {meeting.participantCount === 1 ? "participant" : "participants"}
        </p>
      </div>
      <div className="flex gap-2">
        {!past && (
          <Link href={`/m/${meeting.id}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Join
          </Link>
        )}
        <Link
          href={meeting.status === "ENDED" ? `/meetings/${meeting.id}#summary` : `/meetings/${meeting.id}`}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {meeting.status === "ENDED" ? "Summary" : "Details"}
        </Link>
      </div>
    </li>
  );
}
