package io.haneul.sagemaker.onnx;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.algorithms.Predictor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Models of SageMaker's Triton Inference Server image ({@code sagemaker-tritonserver}) whose model is ONNX: a
 * ModelDataUrl naming an {@code .onnx} file (or a model.tar.gz with one {@code .onnx} file at its root) is that model,
 * version 1; otherwise the unpacked model.tar.gz is a Triton model repository ({@code <model>/config.pbtxt}, {@code <model>/<version>/model.onnx}),
 * the model is the one {@code SAGEMAKER_TRITON_DEFAULT_MODEL_NAME} names (or the repository's only one), its
 * highest numbered version is served, and ONNX Runtime runs it in the server's JVM ({@link OnnxPredictor}) where
 * Triton's onnxruntime backend would. Models of Triton's other backends (TensorRT plans, TorchScript, Python) are refused.
 */
public final class TritonModels {

    private static final String REPOSITORY = "sagemaker-tritonserver";
    static final String MODEL_NAME = "SAGEMAKER_TRITON_DEFAULT_MODEL_NAME";
    private static final String MODEL_FILE = "model.onnx";

    private TritonModels() {
    }

    public static boolean isTriton(String imageUri) {
        return imageUri != null && Algorithms.repositoryOf(imageUri).equals(REPOSITORY);
    }

    /** Loads the model of the repository unpacked in {@code modelDir}. */
    public static Predictor load(Path modelDir, Map<String, String> environment) throws AlgorithmException {
        String name = environment == null ? null : environment.get(MODEL_NAME);
        List<Path> bare = onnxFiles(modelDir);
        if (bare.size() == 1) {
            // ModelDataUrl naming an .onnx file (or a model.tar.gz holding one at its root): the model itself, version 1
            String file = bare.getFirst().getFileName().toString();
            return OnnxPredictor.load(bare.getFirst(), name == null || name.isBlank() ? file.substring(0, file.length() - 5) : name, "1");
        }
        Path model = model(modelDir, name);
        Path version = latestVersion(model).orElseThrow(() -> AlgorithmException.client("The model " + model.getFileName()
                + " has no numbered version folder in the model repository."));
        Path onnx = version.resolve(MODEL_FILE);
        if (!Files.isRegularFile(onnx)) {
            throw AlgorithmException.client("Version " + version.getFileName() + " of model " + model.getFileName() + " holds no " + MODEL_FILE
                    + ": only ONNX models are served by Haneul's Triton (onnxruntime backend).");
        }
        return OnnxPredictor.load(onnx, model.getFileName().toString(), version.getFileName().toString());
    }

    private static Path model(Path repository, String name) throws AlgorithmException {
        if (name != null && !name.isBlank()) {
            Path named = repository.resolve(name).normalize();
            if (!named.startsWith(repository) || !Files.isDirectory(named)) {
                throw AlgorithmException.client("The model " + name + " named by " + MODEL_NAME + " is not in the model repository.");
            }
            return named;
        }
        List<Path> models = folders(repository).filter(TritonModels::isModelFolder).toList();
        if (models.size() != 1) {
            throw AlgorithmException.client("Set " + MODEL_NAME + " in the container's Environment to the model to serve: the model"
                    + " repository holds " + models.size() + " models.");
        }
        return models.getFirst();
    }

    private static boolean isModelFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("config.pbtxt")) || latestVersion(dir).isPresent();
    }

    private static Optional<Path> latestVersion(Path model) {
        return folders(model).filter(p -> p.getFileName().toString().matches("[0-9]{1,9}"))
                .max((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()), Integer.parseInt(b.getFileName().toString())));
    }

    private static List<Path> onnxFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Stream<Path> folders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
