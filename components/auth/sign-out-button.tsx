"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Spinner, useHydrated } from "@/components/auth/field";
import { buttonClass } from "@/components/ui/button";

/** Signs out (clears the session cookie through next-auth, CSRF-protected) and goes home. */
export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className={buttonClass("secondary", className)}
      disabled={pending || !hydrated}
      aria-busy={pending || undefined}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl: "/" });
        } catch {
          setPending(false); // offline: leave the button usable for another try
        }
      }}
    >
      {pending && <Spinner />}
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
