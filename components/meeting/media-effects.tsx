"use client";

import type { LocalAudioTrack, LocalVideoTrack } from "livekit-client";
import { useEffect, useState } from "react";

/**
 * Camera background (none, blur, a plain image) and the browser's own noise suppression and
 * echo cancellation. Used on the pre-join screen and in the call. The background code
 * (lib/media/background.ts, with MediaPipe's model and wasm) loads only once someone picks
 * an effect; the controls themselves (effects-controls.tsx) load when the panel is opened.
 */

export type BackgroundChoice = "none" | "blur" | "image";

export interface MediaEffects {
  background: BackgroundChoice;
  noiseSuppression: boolean;
  echoCancellation: boolean;
}

/** The browser's defaults for calls: both audio filters on, no background effect. */
export const DEFAULT_EFFECTS: MediaEffects = { background: "none", noiseSuppression: true, echoCancellation: true };

/** The microphone capture options for these effects (defaults when none were chosen). */
export function audioFilters(effects: MediaEffects = DEFAULT_EFFECTS) {
  return { noiseSuppression: effects.noiseSuppression, echoCancellation: effects.echoCancellation };
}

/** Applies `choice` to the camera track; answers an error message, or null. */
export async function applyBackground(track: LocalVideoTrack, choice: BackgroundChoice): Promise<string | null> {
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
export async function applyAudioProcessing(track: LocalAudioTrack, effects: MediaEffects): Promise<void> {
  const settings = track.mediaStreamTrack.getSettings();
  if (settings.noiseSuppression === effects.noiseSuppression && settings.echoCancellation === effects.echoCancellation) return;
  await track.restartTrack({
    deviceId: settings.deviceId,
    noiseSuppression: effects.noiseSuppression,
    echoCancellation: effects.echoCancellation,
  });
}

/** Keeps the background of `track` equal to `choice` (also on a new track); reports errors. */
export function useBackground(track: LocalVideoTrack | undefined, choice: BackgroundChoice) {
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
