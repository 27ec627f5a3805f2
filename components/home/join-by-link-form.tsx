import { buttonClass } from "@/components/ui/button";

/**
 * "Join a meeting": paste the invite link. A plain GET form (no JavaScript, so the home page
 * stays the lightest page); /join finds the token and sends you on.
 */
export function JoinByLinkForm({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <form action="/join" method="get" className="flex flex-col gap-2">
      <label htmlFor="invite-link" className="text-sm font-medium">
        Invite link
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="invite-link"
          name="link"
          required
          defaultValue={defaultValue}
          placeholder="https://…/j/…"
          aria-describedby={error ? "join-error" : undefined}
          aria-invalid={error ? true : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="submit" className={buttonClass("primary")}>
          Join
        </button>
      </div>
      {error && (
        <p id="join-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
