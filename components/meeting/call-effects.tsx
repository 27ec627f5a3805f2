"use client";

import { useLocalParticipant } from "@livekit/components-react";
import type { LocalAudioTrack, LocalVideoTrack } from "livekit-client";
import { useEffect, useId, useState } from "react";
import dynamic from "next/dynamic";
import { applyAudioProcessing, useBackground, type MediaEffects } from "@/components/meeting/media-effects";

const EffectsControls = dynamic(() => import("@/components/meeting/effects-controls"), { ssr: false });

/** The call's "Effects" control: background and microphone filters, starting from pre-join's choices. */
export function CallEffects({ initial }: { initial: MediaEffects }) {
  const { localParticipant, cameraTrack, microphoneTrack } = useLocalParticipant();
  const [effects, setEffects] = useState(initial);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const camera = cameraTrack?.track as LocalVideoTrack | undefined;
  const microphone = microphoneTrack?.track as LocalAudioTrack | undefined;
  const backgroundError = useBackground(camera, effects.background);
  useEffect(() => {
    if (microphone) void applyAudioProcessing(microphone, effects).catch(() => undefined);
  }, [microphone, effects]);
  if (!localParticipant.permissions?.canPublish) return null;
  return (
    <div className="relative">
      <button type="button" className="lk-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">✨</span>
        <span className="max-sm:sr-only">Effects</span>
      </button>
      {open && (
        <section
          id={panelId}
          aria-label="Effects"
          className="absolute right-0 bottom-full z-30 mb-2 w-64 max-w-[calc(100vw-1rem)] rounded-lg border border-white/10 bg-[#1a1a1a] p-3 shadow-xl"
        >
          <EffectsControls effects={effects} onChange={setEffects} showBackground showAudio error={backgroundError} />
        </section>
      )}
    </div>
  );
}
