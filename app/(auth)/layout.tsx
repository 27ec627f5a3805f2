import Link from "next/link";

/** Sign-in, sign-up and check-email: one centred card, full width on phones. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <Link href="/" className="mb-6 text-2xl font-semibold tracking-tight text-brand-600 dark:text-brand-500">
        Parley
      </Link>
      <main className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
        {children}
      </main>
    </div>
  );
}
