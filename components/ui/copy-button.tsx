"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ value, label = "Copy link" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <button type="button" onClick={copy} className={buttonClass("secondary")}>
        {state === "copied" ? "Copied!" : label}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Link copied to the clipboard" : state === "failed" ? "Could not copy; select the link and copy it" : ""}
      </span>
    </>
  );
}
