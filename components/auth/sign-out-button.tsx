"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Spinner } from "@/components/auth/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonClass } from "@/components/ui/button";
import { api, NETWORK_ERROR } from "@/lib/api-client";

/**
 * Signs out (next-auth, CSRF-protected: clears the cookie and ends this session on the
 * server) and goes home. With `everywhere`, first ends every session of the account on the
 * server ("sign out of all devices"), so copies of the cookie on other devices stop working.
 */
export function SignOutButton({ className = "", everywhere = false }: { className?: string; everywhere?: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const label = everywhere ? "Sign out of all devices" : "Sign out";
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary", className)}
        disabled={pending || !hydrated}
        aria-busy={pending || undefined}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            if (everywhere) {
              const ended = await api.signOutEverywhere();
              // not_signed_in: this session is already over; signing out below still clears the cookie.
              if (!ended.ok && ended.code !== "not_signed_in") {
                setPending(false); // leave the button usable for another try
                setError(ended.code === NETWORK_ERROR ? "Could not reach the server. Try again." : ended.message);
                return;
              }
            }
            await signOut({ callbackUrl: "/" });
          } catch {
            setPending(false); // offline: leave the button usable for another try
            setError("Could not reach the server. Try again.");
          }
        }}
      >
        {pending && <Spinner />}
        {pending ? "Signing out…" : label}
      </button>
      {error && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </>
  );
}
