import path from "node:path";

/**
 * Background effects need MediaPipe's wasm runtime, from npm's @mediapipe/tasks-vision, served
 * by Parley itself (app/vendor/mediapipe/[file]/route.ts; the model is in public/models), so a
 * call with blur on sends no request anywhere but to Parley (docs/decisions/024).
 *
 * Only these files are served; anything else under /vendor/mediapipe is a 404.
 */
const packages = path.join(process.cwd(), "node_modules/@mediapipe");

export const VENDOR_ASSETS: Record<string, { file: string; contentType: string }> = {
  // @mediapipe/tasks-vision: the Tasks runtime that @livekit/track-processors drives (same
  // version as its JavaScript: the loader and the wasm must match).
  "vision_wasm_internal.js": { file: `${packages}/tasks-vision/wasm/vision_wasm_internal.js`, contentType: "text/javascript" },
  "vision_wasm_internal.wasm": { file: `${packages}/tasks-vision/wasm/vision_wasm_internal.wasm`, contentType: "application/wasm" },
  "vision_wasm_nosimd_internal.js": {
    file: `${packages}/tasks-vision/wasm/vision_wasm_nosimd_internal.js`,
    contentType: "text/javascript",
  },
  "vision_wasm_nosimd_internal.wasm": {
    file: `${packages}/tasks-vision/wasm/vision_wasm_nosimd_internal.wasm`,
    contentType: "application/wasm",
  },
};

export function vendorAsset(name: string) {
  return Object.hasOwn(VENDOR_ASSETS, name) ? VENDOR_ASSETS[name] : undefined;
}
