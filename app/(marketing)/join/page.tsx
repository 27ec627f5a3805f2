import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinByLinkForm } from "@/components/home/join-by-link-form";
import { inviteTokenFromPaste } from "@/lib/meetings/invite-link";

export const metadata: Metadata = { title: "Join a meeting", referrer: "no-referrer" };

/** Where "Join a meeting" lands: a recognisable invite link goes on to its page, anything else is explained. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).link;
  const pasted = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 2000) ?? "";
  const token = pasted ? inviteTokenFromPaste(pasted) : null;
  if (token) redirect(`/j/${token}`);
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-6 px-6 py-16">
      <h1 className="text-2xl font-semibold">Join a meeting</h1>
      <p id="join-heading" className="text-slate-600 dark:text-slate-300">
        Paste the invite link the host sent you. It looks like <code className="break-all">https://…/j/</code> followed by a long code.
      </p>
      <JoinByLinkForm
        defaultValue={pasted}
        error={pasted ? "That does not look like a Parley invite link. Copy the whole link from the invitation and try again." : undefined}
      />
      <p className="text-sm">
        <Link href="/" className="text-brand-700 underline dark:text-brand-50">
          Back to the home page
        </Link>
      </p>
    </main>
  );
}
