import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinByLinkForm } from "@/components/home/join-by-link-form";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/session";

/** The front door: signed in, your meetings; signed out, sign in, create an account, or join by link. */
export default async function HomePage() {
  if (await getCurrentUser()) redirect("/meetings");
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col justify-center gap-8 px-6 py-16">
      <div className="flex flex-col gap-3">
        <h1 className="text-4xl font-semibold tracking-tight">Parley</h1>
        <p className="text-lg text-slate-600 dark:text-slate-300">
          Video meetings you host yourself. Sign in, create a meeting, share the link, and everyone joins from the browser.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/sign-in" className={buttonClass("primary")}>
          Sign in
        </Link>
        <Link href="/sign-up" className={buttonClass("secondary")}>
          Create an account
        </Link>
      </div>
      <section className="flex flex-col gap-3 rounded-xl border border-slate-200 p-5 dark:border-slate-800">
        <h2 id="join-heading" className="text-lg font-semibold">
          Join a meeting
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Got an invite? Paste its link. No account needed unless the host asks for one.
        </p>
        <JoinByLinkForm />
      </section>
    </main>
  );
}
