import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

/** Shown after a magic link was requested (next-auth's verifyRequest page). */
export default function CheckEmailPage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="text-slate-700 dark:text-slate-300">
        We sent you a sign-in link. Open it on this device to sign in; it works once and expires in 15 minutes.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Nothing arrived? Check your spam folder, or{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 underline-offset-2 hover:underline dark:text-brand-500">
          request another link
        </Link>
        .
      </p>
    </div>
  );
}
