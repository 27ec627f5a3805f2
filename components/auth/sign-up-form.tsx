"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { EmailField, Field, FormError, Spinner } from "@/components/auth/field";
import { api } from "@/lib/api-client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validations/password-rules";
import { SubmitButton } from "@/components/ui/submit-button";

type FieldName = "name" | "email" | "password";
type FieldErrors = Partial<Record<FieldName, string>>;

/** First message per field from the route's 422 issues. */
function fieldErrorsFrom(issues: { path: PropertyKey[] | string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(Array.isArray(issue.path) ? issue.path[0] : issue.path).split(".")[0] as FieldName;
    if (["name", "email", "password"].includes(key)) errors[key] ??= issue.message;
  }
  return errors;
}

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<React.ReactNode>(null);
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setFormError(null);
    setErrors({});
    setPending(true);
    const formElement = event.currentTarget;

    // The route validates (one schema, on the server); its 422 names each field to fix.
    const result = await api.signUp(values);
    if (!result.ok) {
      setPending(false);
      if (result.code === "email_taken") {
        setFormError(
          <>
            {result.message}{" "}
            <Link href={signInHref} className="font-medium underline">
              Sign in instead
            </Link>
          </>,
        );
      } else if (result.code === "invalid_input") {
        const found = fieldErrorsFrom(result.issues);
        setErrors(found);
        // Keyboard and screen-reader users land on the first field to fix.
        const firstInvalid = (["name", "email", "password"] as const).find((key) => found[key]);
        if (firstInvalid) (formElement.elements.namedItem(firstInvalid) as HTMLInputElement | null)?.focus();
      } else {
        setFormError(result.message);
      }
      return;
    }

    const signedIn = await signIn("credentials", {
      email: values.email.trim().toLowerCase(),
      password: values.password,
      callbackUrl: callbackPath,
      redirect: false,
    }).catch(() => undefined);
    // The account exists now; if signing in failed anyway, send the person to sign in.
    window.location.assign(signedIn?.ok && !signedIn.error ? callbackPath : signInHref);
  }

  return (
    <form
      onSubmit={submit}
      method="post"
      className="flex flex-col gap-4"
      noValidate
      aria-describedby={formError ? "sign-up-error" : undefined}
    >
      {formError && <FormError id="sign-up-error">{formError}</FormError>}
      <Field idPrefix="sign-up" name="name" label="Your name" autoComplete="name" required maxLength={64} error={errors.name} />
      <EmailField idPrefix="sign-up" label="Email" autoComplete="email" error={errors.email} />
      <Field
        idPrefix="sign-up"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <SubmitButton className="w-full" busy={pending}>
        {pending && <Spinner />}
        {pending ? "Creating account…" : "Create account"}
      </SubmitButton>
      <p className="text-center text-sm text-slate-600 dark:text-slate-300">
        Already have an account?{" "}
        <Link href={signInHref} className="font-medium text-brand-600 underline-offset-2 hover:underline dark:text-brand-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
