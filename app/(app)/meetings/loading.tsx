export default function Loading() {
  return (
    <p role="status" className="text-slate-600 dark:text-slate-300">
      Loading your meetings…
    </p>
  );
}
