/**
 * Camera background (none, blur, a plain image) and the browser's own noise suppression and
 * echo cancellation, as chosen on the pre-join screen and in the call. Only these choices are
 * on the way into a call; the code that applies them (effects-controls.tsx, then
 * lib/media/background.ts with MediaPipe's model and wasm) loads once someone opens "Effects"
 * or joins with a background chosen.
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
