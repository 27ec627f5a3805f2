"use client";

import { useLocalParticipant } from "@livekit/components-react";
import type { LocalAudioTrack, LocalVideoTrack } from "livekit-client";
import { useEffect, useId, useState } from "react";
import type { BackgroundChoice, MediaEffects } from "@/components/meeting/media-effects";

/**
 * The "Effects" controls and the code that applies them to the tracks. Loaded on demand
 * (pre-join-panel.tsx, call-effects.tsx): a call without effects never downloads it, nor
 * lib/media/background.ts with MediaPipe behind it.
 */

const backgroundLabels: Record<BackgroundChoice, string> = { none: "None", blur: "Blur", image: "Plain image" };

interface EffectsControlsProps {
  effects: MediaEffects;
  onChange: (effects: MediaEffects) => void;
  showBackground: boolean;
  showAudio: boolean;
}

interface TrackEffectsProps extends EffectsControlsProps {
  /** The camera to apply the background to (the preview, or the published camera). */
  camera: LocalVideoTrack | undefined;
  /** In the call, the published microphone, restarted when a filter changes; the pre-join preview restarts itself. */
  microphone?: LocalAudioTrack;
}

/** The controls, with the chosen effects kept applied to the tracks (also to a new camera track). */
export default function TrackEffects({ camera, microphone, ...controls }: TrackEffectsProps) {
  const { effects } = controls;
  const error = useBackground(camera, effects.background);
  useEffect(() => {
    if (microphone) void applyAudioProcessing(microphone, effects).catch(() => undefined);
  }, [microphone, effects]);
  return <EffectsControls {...controls} error={error} />;
}

/** The call's effects panel (call-effects.tsx): the published camera and microphone follow it, open or closed. */
export function CallEffectsPanel({ id, open, initial }: { id: string; open: boolean; initial: MediaEffects }) {
  const { cameraTrack, microphoneTrack } = useLocalParticipant();
  const [effects, setEffects] = useState(initial);
  return (
    <section
      id={id}
      aria-label="Effects"
      hidden={!open}
      className="absolute bottom-full z-30 mb-2 w-64 rounded-lg border border-white/10 bg-[#1a1a1a] p-3 shadow-xl max-sm:inset-x-2 max-sm:w-auto sm:right-0"
    >
      <TrackEffects
        camera={cameraTrack?.track as LocalVideoTrack | undefined}
        microphone={microphoneTrack?.track as LocalAudioTrack | undefined}
        effects={effects}
        onChange={setEffects}
        showBackground
        showAudio
      />
    </section>
  );
}

function EffectsControls({ effects, onChange, showBackground, showAudio, error }: EffectsControlsProps & { error: string | null }) {
  const name = useId();
  return (
    <div className="flex flex-col gap-3 text-sm">
      {showBackground && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Background</legend>
          <div className="flex flex-wrap gap-3">
            {(Object.keys(backgroundLabels) as BackgroundChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={name}
                  value={choice}
                  checked={effects.background === choice}
                  onChange={() => onChange({ ...effects, background: choice })}
                />
                {backgroundLabels[choice]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {showAudio && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Microphone</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={effects.noiseSuppression}
              onChange={(e) => onChange({ ...effects, noiseSuppression: e.target.checked })}
            />
            Noise suppression
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={effects.echoCancellation}
              onChange={(e) => onChange({ ...effects, echoCancellation: e.target.checked })}
            />
            Echo cancellation
          </label>
        </fieldset>
      )}
      {error && (
        <p role="alert" className="text-amber-700 dark:text-amber-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** Applies `choice` to the camera track; answers an error message, or null. */
async function applyBackground(track: LocalVideoTrack, choice: BackgroundChoice): Promise<string | null> {
  try {
    if (choice === "none") {
      if (track.getProcessor()) await track.stopProcessor();
      return null;
    }
    const background = await import("@/lib/media/background");
    if (!background.backgroundEffectsSupported()) return "This browser cannot change the camera background.";
    await background.setBackgroundEffect(track, choice);
    return null;
  } catch (error) {
    console.error("[effects] background failed:", error);
    return "The background effect could not start. Your camera is shown as it is.";
  }
}

/** Restarts the microphone with the browser's noise suppression and echo cancellation on or off. */
async function applyAudioProcessing(track: LocalAudioTrack, effects: MediaEffects): Promise<void> {
  const settings = track.mediaStreamTrack.getSettings();
  if (settings.noiseSuppression === effects.noiseSuppression && settings.echoCancellation === effects.echoCancellation) return;
  await track.restartTrack({
    deviceId: settings.deviceId,
    noiseSuppression: effects.noiseSuppression,
    echoCancellation: effects.echoCancellation,
  });
}

/** Keeps the background of `track` equal to `choice` (also on a new track); reports errors. */
function useBackground(track: LocalVideoTrack | undefined, choice: BackgroundChoice) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!track) return;
    let current = true;
    // A track without an effect needs no work (and no download) for "none".
    if (choice === "none" && !track.getProcessor()) return;
    void applyBackground(track, choice).then((message) => current && setError(message));
    return () => {
      current = false;
    };
  }, [track, choice]);
  return error;
}
