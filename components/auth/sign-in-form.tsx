"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { EmailField, Field, FormError, Spinner } from "@/components/auth/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonClass } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";

/** The one message for every failed password sign-in: it must not say whether the email exists. */
export const WRONG_CREDENTIALS = "Incorrect email or password.";
export const TOO_MANY_ATTEMPTS = "Too many attempts. Please wait a few minutes and try again.";
const UNREACHABLE = NETWORK_ERROR_MESSAGE;

interface SignInFormProps {
  callbackPath: string;
  /** Label of the SSO button, or null when no OIDC provider is configured. */
  oidcName: string | null;
  magicLink: boolean;
  initialError: string | null;
}

type Pending = "password" | "oidc" | "email" | null;

export function SignInForm({ callbackPath, oidcName, magicLink, initialError }: SignInFormProps) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(initialError);
  const [emailError, setEmailError] = useState<string | null>(null);

  async function signInWithPassword(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending("password");
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl: callbackPath,
      redirect: false,
    }).catch(() => undefined);
    if (!result) {
      setPending(null);
      setError(UNREACHABLE);
    } else if (result.error || !result.ok) {
      setPending(null);
      setError(result.status === 429 ? TOO_MANY_ATTEMPTS : result.status >= 500 ? UNREACHABLE : WRONG_CREDENTIALS);
    } else {
      // A full navigation, so every server component renders with the new session cookie.
      window.location.assign(callbackPath);
    }
  }

  async function sendMagicLink(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!email) {
      setEmailError("Please enter your email address");
      return;
    }
    setPending("email");
    setEmailError(null);
    const result = await signIn("email", { email, callbackUrl: callbackPath, redirect: false }).catch(() => undefined);
    if (!result?.ok || result.error) {
      setPending(null);
      setEmailError(
        result?.status === 429
          ? TOO_MANY_ATTEMPTS
          : result?.error === "EmailSignin" || !result
            ? "We could not send the sign-in email. Check the address and try again."
            : "Please enter a valid email address",
      );
      return;
    }
    router.push("/check-email");
  }

  const hydrated = useHydrated();
  const busy = pending !== null || !hydrated;
  const signUpHref = `/sign-up?callbackUrl=${encodeURIComponent(callbackPath)}`;

  return (
    <div className="flex flex-col gap-6">
      <form
        onSubmit={signInWithPassword}
        method="post"
        className="flex flex-col gap-4"
        aria-labelledby="password-sign-in"
        aria-describedby={error ? "sign-in-error" : undefined}
        noValidate
      >
        <h2 id="password-sign-in" className="sr-only">
          Sign in with email and password
        </h2>
        {error && <FormError id="sign-in-error">{error}</FormError>}
        <EmailField idPrefix="sign-in" label="Email" autoComplete="username" />
        <Field idPrefix="sign-in" name="password" label="Password" type="password" autoComplete="current-password" required />
        <SubmitButton className="w-full" disabled={pending !== null} busy={pending === "password"}>
          {pending === "password" && <Spinner />}
          {pending === "password" ? "Signing in…" : "Sign in"}
        </SubmitButton>
      </form>

      {(oidcName || magicLink) && (
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          or
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
        </div>
      )}

      {oidcName && (
        <button
          type="button"
          className={buttonClass("secondary", "w-full")}
          disabled={busy}
          aria-busy={pending === "oidc" || undefined}
          onClick={async () => {
            setPending("oidc");
            setError(null);
            // Leaves the page for the provider; only an unreachable server comes back here.
            await signIn("oidc", { callbackUrl: callbackPath }).catch(() => {
              setPending(null);
              setError(UNREACHABLE);
            });
          }}
        >
          {pending === "oidc" && <Spinner />}
          {`Sign in with ${oidcName}`}
        </button>
      )}

      {magicLink && (
        <form onSubmit={sendMagicLink} method="post" className="flex flex-col gap-3" aria-labelledby="magic-link-heading" noValidate>
          <h2 id="magic-link-heading" className="text-sm font-medium">
            Or get a sign-in link by email
          </h2>
          <EmailField idPrefix="magic-link" label="Email for a sign-in link" autoComplete="email" error={emailError ?? undefined} />
          <SubmitButton variant="secondary" className="w-full" disabled={pending !== null} busy={pending === "email"}>
            {pending === "email" && <Spinner />}
            {pending === "email" ? "Sending link…" : "Email me a sign-in link"}
          </SubmitButton>
        </form>
      )}

      <p className="text-center text-sm text-slate-600 dark:text-slate-300">
        No account yet?{" "}
        <Link href={signUpHref} className="font-medium text-brand-600 underline-offset-2 hover:underline dark:text-brand-500">
          Create one
        </Link>
      </p>
    </div>
  );
}
