import Link from "next/link";

export default function InviteNotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
      <h1 className="text-2xl font-semibold">This invite link is not valid</h1>
      <p className="text-slate-600 dark:text-slate-300">Check that you copied the whole link, or ask the host to send it again.</p>
      <Link href="/join" className="text-brand-700 underline dark:text-brand-50">
        Paste the link again
      </Link>
      <Link href="/" className="text-brand-700 underline dark:text-brand-50">
        Go to the Parley home page
      </Link>
    </main>
  );
}
