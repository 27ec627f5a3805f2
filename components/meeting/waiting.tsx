/** A short, announced "something is on its way" line (loading the call, connecting). */
export function Waiting({ text }: { text: string }) {
  return (
    <p role="status" className="p-6 text-center text-slate-600 dark:text-slate-300">
      {text}
    </p>
  );
}
