"use client";

import { useId, useState } from "react";
import dynamic from "next/dynamic";
import type { MediaEffects } from "@/components/meeting/media-effects";
import { PanelToggle } from "@/components/meeting/panel-toggle";

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
    <PanelToggle
      icon="✨"
      label="Effects"
      open={open}
      panelId={panelId}
      onToggle={() => {
        setUsed(true);
        setOpen((o) => !o);
      }}
    >
      {used && <CallEffectsPanel id={panelId} open={open} initial={initial} />}
    </PanelToggle>
  );
}
