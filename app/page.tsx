export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col justify-center gap-6 px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">Parley</h1>
      <p className="text-lg text-slate-600 dark:text-slate-300">
        Video meetings you host yourself. Sign in, create a meeting, share the link, and everyone joins from the browser.
      </p>
    </main>
  );
}
