"""Adds the TFLite metadata that MediaPipe Tasks needs to the selfie segmentation model
shipped in npm's @mediapipe/selfie_segmentation (docs/decisions/024-background-effects.md).

The packaged model has no metadata; MediaPipe Tasks' ImageSegmenter (which
@livekit/track-processors drives) refuses it: "Input tensor has type float32: it requires
specifying NormalizationOptions metadata to preprocess input images". This writes the same
model with Google's own metadata writer (PyPI tflite-support): input normalised to [0, 1]
(mean 0, std 255, as the model was trained), one output channel, "person".

    python3 -m venv /tmp/tflite && /tmp/tflite/bin/pip install tflite-support==0.4.4
    /tmp/tflite/bin/python scripts/media/add-segmenter-metadata.py   (needs libusb-1.0-0)

Output: public/models/selfie_segmentation.tflite (committed; regenerate when the npm
package's model changes: lib/media/segmenter-model.test.ts checks its hash).
"""

import os
import tempfile

from tflite_support.metadata_writers import image_segmenter, writer_utils

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, "node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite")
TARGET = os.path.join(ROOT, "public/models/selfie_segmentation.tflite")

with tempfile.TemporaryDirectory() as tmp:
    labels = os.path.join(tmp, "labels.txt")
    with open(labels, "w") as f:
        f.write("person\n")
    writer = image_segmenter.MetadataWriter.create_for_inference(
        writer_utils.load_file(SOURCE), input_norm_mean=[0.0], input_norm_std=[255.0], label_file_paths=[labels]
    )
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    writer_utils.save_file(writer.populate(), TARGET)
    print(f"wrote {TARGET}")
