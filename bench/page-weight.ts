/**
 * 3. Page weight: first-load JavaScript (gzip) of every page, from the production build as
 * the running app serves it. The call page's weight comes from the join-time benchmark (all
 * JS a browser loaded by the first remote frame) and is added by bench/run.ts.
 */
import { appUrl, createMeeting, signUpHost } from "./lib/app";
import { measurePage, PAGE_BUDGET_KB, type PageWeight } from "./lib/page-weight";

export async function benchPageWeight() {
  const host = await signUpHost("Weight Bench Host");
  const meeting = await createMeeting(host, "Page weight bench");
  const pages: [label: string, path: string, cookie?: string][] = [
    ["sign-in", "/sign-in"],
    ["sign-up", "/sign-up"],
    ["dashboard", "/meetings", host.cookie],
    ["meeting page (host)", `/meetings/${meeting.id}`, host.cookie],
    ["invite / pre-join", `/j/${meeting.inviteToken}`],
    ["host entry (pre-join)", `/m/${meeting.id}`, host.cookie],
  ];
  const measured: (PageWeight & { label: string })[] = [];
  for (const [label, path, cookie] of pages) measured.push({ label, ...(await measurePage(appUrl, path, cookie)) });
  return {
    budgetKb: PAGE_BUDGET_KB,
    pages: measured.map(({ label, path, gzipKb, loadsLiveKit, scripts }) => ({
      label,
      path: path.replace(meeting.id, "<id>").replace(meeting.inviteToken, "<token>"),
      gzipKb,
      scripts: scripts.length,
      loadsLiveKit,
    })),
  };
}
