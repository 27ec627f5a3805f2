import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("the segmentation model served for background effects", () => {
  it("was made from the model in the installed @mediapipe/selfie_segmentation (else rerun scripts/media/add-segmenter-metadata.py)", () => {
    expect(sha256("node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite")).toBe(
      "8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27",
    );
    expect(sha256("public/models/selfie_segmentation.tflite")).toBe("9767670a5dbac850fea031e9d402d248f328625075c19f5209ea05e1bd8c785b");
  });

  it("carries the input normalisation MediaPipe Tasks requires (the packaged model does not)", () => {
    // TFLite metadata is a flatbuffer named TFLITE_METADATA inside the model; the Tasks
    // ImageSegmenter refuses a float model without NormalizationOptions in it.
    expect(readFileSync("public/models/selfie_segmentation.tflite").includes("TFLITE_METADATA")).toBe(true);
    expect(readFileSync("node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite").includes("TFLITE_METADATA")).toBe(false);
  });
});
