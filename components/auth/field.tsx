import type { InputHTMLAttributes } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  name: string;
  label: string;
  /** A unique id prefix, so two forms on one page (password and magic link) don't collide. */
  idPrefix: string;
  error?: string | undefined;
  hint?: string;
}

/** An email address field: the keyboard, capitalisation and spelling settings an address wants. */
export function EmailField(props: Omit<FieldProps, "name" | "type">) {
  return <Field name="email" type="email" inputMode="email" autoCapitalize="none" spellCheck={false} required {...props} />;
}

/** A labelled input whose error is announced (role=alert) and tied to it (aria-describedby). */
export function Field({ name, label, idPrefix, error, hint, ...input }: FieldProps) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={
          "w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm outline-none sm:text-sm dark:bg-slate-900 " +
          "focus-visible:ring-2 focus-visible:ring-brand-500 " +
          (error ? "border-red-600 dark:border-red-500" : "border-slate-300 dark:border-slate-700")
        }
        {...input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level message (wrong credentials, server unreachable), announced when it appears. */
export function FormError({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <div
      id={id}
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {children}
    </div>
  );
}

/** A small spinner for buttons in their loading state (decorative: the label says it too). */
export function Spinner() {
  return <span aria-hidden="true" className="inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
