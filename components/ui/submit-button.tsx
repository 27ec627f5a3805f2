"use client";

import type { ButtonHTMLAttributes } from "react";
import { buttonClass } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type SubmitButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "aria-busy"> & {
  variant?: Parameters<typeof buttonClass>[0];
  /** Classes added to the variant's look (widths, padding). */
  className?: string;
  /** This button's request is in flight: it waits, and says so to assistive technology. */
  busy?: boolean;
};

/**
 * The submit button of a form the server renders: disabled until React has hydrated
 * (use-hydrated.ts says why), while its request is in flight (`busy`), and whenever the form
 * says so (`disabled`: another of its requests is in flight).
 */
export function SubmitButton({
  variant = "primary",
  className = "",
  busy = false,
  disabled = false,
  children,
  ...props
}: SubmitButtonProps) {
  const hydrated = useHydrated();
  return (
    <button
      {...props}
      type="submit"
      disabled={disabled || busy || !hydrated}
      aria-busy={busy || undefined}
      className={buttonClass(variant, className)}
    >
      {children}
    </button>
  );
}
