import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInMethods } from "@/lib/auth";
import { getCurrentUser } from "@/lib/session";
import { safeCallbackPath } from "@/lib/validations/auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

// next-auth sends people back here with ?error=<code>; these are the sentences they see.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  OAuthAccountNotLinked: "This email address already belongs to an account that signs in another way. Use that way to sign in.",
  Verification: "That sign-in link is no longer valid: it was used already or it expired. Request a new one.",
  EmailSignin: "We could not send the sign-in email. Please try again.",
  SessionRequired: "Please sign in to continue.",
};
const FALLBACK_ERROR = "Signing in did not work. Please try again.";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackPath);
  const errorCode = first(params.error);
  const { oidcName, magicLink } = signInMethods();

  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm
        callbackPath={callbackPath}
        oidcName={oidcName}
        magicLink={magicLink}
        initialError={errorCode ? (ERROR_MESSAGES[errorCode] ?? FALLBACK_ERROR) : null}
      />
    </>
  );
}
