/**
 * Background blur and the plain background image, with LiveKit's track processors
 * (@livekit/track-processors, MediaPipe's image segmenter underneath). Imported on demand,
 * only when someone turns an effect on: a call without effects never downloads it.
 */
import { BackgroundProcessor, supportsBackgroundProcessors, type BackgroundProcessorWrapper } from "@livekit/track-processors";
import type { LocalVideoTrack } from "livekit-client";
import { BACKGROUND_ASSET_PATHS, PLAIN_BACKGROUND_IMAGE } from "@/lib/media/background-assets";

export type BackgroundEffect = "blur" | "image";

const BLUR_RADIUS = 12;

export function backgroundEffectsSupported(): boolean {
  return supportsBackgroundProcessors();
}

function modeOptions(effect: BackgroundEffect) {
  return effect === "blur"
    ? ({ mode: "background-blur", blurRadius: BLUR_RADIUS } as const)
    : ({ mode: "virtual-background", imagePath: PLAIN_BACKGROUND_IMAGE } as const);
}

/** Puts the effect on the camera track (or switches the running one without a flicker). */
export async function setBackgroundEffect(track: LocalVideoTrack, effect: BackgroundEffect): Promise<void> {
  const running = track.getProcessor() as BackgroundProcessorWrapper | undefined;
  if (running && "switchTo" in running) {
    await running.switchTo(modeOptions(effect));
    return;
  }
  await track.setProcessor(BackgroundProcessor({ ...modeOptions(effect), assetPaths: BACKGROUND_ASSET_PATHS }));
}
