"use client";

import { useId, useState } from "react";
import dynamic from "next/dynamic";
import type { MediaEffects } from "@/components/meeting/media-effects";

// The panel and the code that applies effects: loaded when the panel is first opened, or at
// once when the person joined with a background chosen on the pre-join screen.
const CallEffectsPanel = dynamic(() => import("@/components/meeting/effects-controls").then((m) => m.CallEffectsPanel), { ssr: false });

/** The call's "Effects" control (for people who publish): background and microphone filters, starting from pre-join's choices. */
export function CallEffects({ initial }: { initial: MediaEffects }) {
  const [open, setOpen] = useState(false);
  // Once loaded, the panel stays mounted while closed: the effects keep being applied.
  const [used, setUsed] = useState(initial.background !== "none");
  const panelId = useId();
  return (
    <div className="relative max-sm:static">
      <button
        type="button"
        className="lk-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setUsed(true);
          setOpen((o) => !o);
        }}
      >
        <span aria-hidden="true">✨</span>
        <span className="max-sm:sr-only">Effects</span>
      </button>
      {used && <CallEffectsPanel id={panelId} open={open} initial={initial} />}
    </div>
  );
}
