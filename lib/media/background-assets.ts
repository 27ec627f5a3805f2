/**
 * Where the browser loads background effects' assets from: Parley's own origin only
 * (app/vendor/mediapipe/[file]/route.ts serves the wasm from node_modules; the model and
 * the background image are in public/; decision 024).
 */
export const BACKGROUND_ASSET_PATHS = {
  tasksVisionFileSet: "/vendor/mediapipe",
  // @mediapipe/selfie_segmentation's model with the metadata MediaPipe Tasks requires
  // (scripts/media/add-segmenter-metadata.py; the packaged file alone is refused).
  modelAssetPath: "/models/selfie_segmentation.tflite",
} as const;

/** The one plain background image offered besides blur. */
export const PLAIN_BACKGROUND_IMAGE = "/backgrounds/plain.png";
