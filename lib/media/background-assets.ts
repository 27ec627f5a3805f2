/**
 * Where the browser loads background effects' assets from: Parley's own origin only
 * (served by app/vendor/mediapipe/[file]/route.ts and public/backgrounds; decision 024).
 */
export const BACKGROUND_ASSET_PATHS = {
  tasksVisionFileSet: "/vendor/mediapipe",
  modelAssetPath: "/vendor/mediapipe/selfie_segmentation.tflite",
} as const;

/** The one plain background image offered besides blur. */
export const PLAIN_BACKGROUND_IMAGE = "/backgrounds/plain.png";
