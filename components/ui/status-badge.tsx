import type { MeetingStatus } from "@/lib/generated/prisma/enums";

const styles: Record<MeetingStatus, string> = {
  LIVE: "bg-green-100 text-green-900 dark:bg-green-900/40 dark:text-green-200",
  SCHEDULED: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  ENDED: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  CANCELLED: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
};
const labels: Record<MeetingStatus, string> = { LIVE: "Live", SCHEDULED: "Upcoming", ENDED: "Ended", CANCELLED: "Cancelled" };

export function StatusBadge({ status }: { status: MeetingStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ${styles[status]}`}>{labels[status]}</span>
  );
}
