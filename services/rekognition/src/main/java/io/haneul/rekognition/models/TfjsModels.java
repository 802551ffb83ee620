package io.haneul.rekognition.models;

import io.haneul.rekognition.models.tfjs.TfjsModel;
import io.haneul.rekognition.models.tfjs.TfjsToOnnx;
import io.haneul.rekognition.vision.VisionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a TF.js graph model of the human-models package and converts it to ONNX, caching the result
 * in the cache directory so that later starts skip the conversion.
 */
final class TfjsModels {

    private TfjsModels() {
    }

    static OrtModel human(String model, List<String> outputs, Path cacheDir) {
        return new OrtModel(model, () -> {
            Path cached = cacheDir == null ? null : cacheDir.resolve("human-models-3.0.4-" + model + "-v" + TfjsToOnnx.VERSION + "-"
                    + Integer.toHexString(outputs.hashCode()) + ".onnx");
            try {
                if (cached != null && Files.isRegularFile(cached)) {
                    return Files.readAllBytes(cached);
                }
                TfjsModel parsed = TfjsModel.parse(ModelFiles.read("human/" + model + ".json"), path -> ModelFiles.readUnchecked("human/" + path));
                byte[] onnx = TfjsToOnnx.convert(parsed, outputs);
                if (cached != null) {
                    Files.createDirectories(cacheDir);
                    Path tmp = Files.createTempFile(cacheDir, model, ".tmp");
                    Files.write(tmp, onnx);
                    Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                return onnx;
            } catch (IOException | RuntimeException e) {
                throw new VisionException("model " + model + " could not be converted: " + e.getMessage(), e);
            }
        });
    }
}
