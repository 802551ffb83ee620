package io.haneul.sagemaker.hosting;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.Algorithm;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.sagemaker.onnx.TritonModels;
import io.haneul.sagemaker.script.FrameworkImages;
import io.haneul.sagemaker.script.ScriptModels;
import io.haneul.sagemaker.script.TarExtraction;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Turns a model's container into a loaded {@link Predictor}, as a SageMaker host does: the image picks
 * the algorithm (or, for a framework image with SAGEMAKER_PROGRAM, a Python worker: {@link ScriptModels}; for the
 * Triton image, ONNX Runtime: {@link TritonModels}),
 * ModelDataUrl is read from Haneul's S3 and unpacked into a fresh directory (a
 * {@code model.tar.gz} is untarred, any other object is placed as it is, e.g. a {@code .onnx} file), and the
 * algorithm loads that directory. The directory is removed when the predictor is closed.
 */
final class ModelArtifacts {

    /** A model that could not be loaded; its message is the endpoint's FailureReason. */
    static final class LoadFailure extends Exception {
        private final boolean missingData;

        LoadFailure(String message) {
            this(message, false);
        }

        LoadFailure(String message, boolean missingData) {
            super(message);
            this.missingData = missingData;
        }

        /** Whether the model data was not found in S3 (rather than found and not loadable). */
        boolean missingData() {
            return missingData;
        }
    }

    private final Supplier<ObjectStorage> storage;
    private final Algorithms algorithms;
    private final ScriptModels scriptModels;

    ModelArtifacts(Supplier<ObjectStorage> storage, Algorithms algorithms, ScriptModels scriptModels) {
        this.storage = storage;
        this.algorithms = algorithms;
        this.scriptModels = scriptModels;
    }

    Predictor load(String account, ContainerDefinition container) throws LoadFailure {
        boolean script = FrameworkImages.isScriptModel(container.image(), container.environment());
        boolean triton = TritonModels.isTriton(container.image());
        Algorithm algorithm = script || triton ? null : algorithms.forImage(container.image())
                .orElseThrow(() -> new LoadFailure("Requested image " + container.image() + " not found."));
        Path dir;
        try {
            dir = Files.createTempDirectory("haneul-sagemaker-model-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean loaded = false;
        try {
            if (container.modelDataUrl() != null) {
                fetch(account, S3Location.parse(container.modelDataUrl(), "ModelDataUrl"), dir);
            }
            Predictor predictor = script
                    ? scriptModels.load(account, storage.get(), dir, container.environment(), "model " + container.image())
                    : triton ? TritonModels.load(dir, container.environment()) : algorithm.load(dir);
            loaded = true;
            return new Unpacked(predictor, dir);
        } catch (IOException e) {
            throw new LoadFailure("The model of image " + container.image() + " could not be prepared: " + e.getMessage());
        } catch (AlgorithmException e) {
            throw new LoadFailure("The model data of image " + container.image() + " could not be loaded: " + e.getMessage());
        } finally {
            if (!loaded) {
                io.haneul.sagemaker.WorkFolders.deleteTree(dir);
            }
        }
    }

    private void fetch(String account, S3Location at, Path dir) throws LoadFailure {
        String url = at.uri();
        try (ObjectStorage.StoredObject object = storage.get().getObject(account, at.bucket(), at.key())) {
            if (at.key().endsWith(".tar.gz") || at.key().endsWith(".tgz")) {
                untar(object.content(), dir, url);
            } else {
                String name = at.key().substring(at.key().lastIndexOf('/') + 1);
                Files.copy(object.content(), dir.resolve(name.isEmpty() ? "model" : name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (ObjectStorage.ObjectStorageException e) {
            throw new LoadFailure("Could not find model data at " + url + ".", true);
        } catch (IOException e) {
            throw new LoadFailure("Failed to extract model data archive from URL \"" + url + "\". Please ensure that the object"
                    + " located at the URL is a valid tar.gz archive: " + e.getMessage());
        }
    }

    private void untar(InputStream in, Path dir, String url) throws IOException, LoadFailure {
        try {
            TarExtraction.extract(in, dir, scriptModels.maxUnpackedBytes());
        } catch (TarExtraction.Refused e) {
            throw new LoadFailure("Failed to extract model data archive from URL \"" + url + "\": " + e.getMessage() + ".");
        }
    }

    /** A predictor that owns the directory it was loaded from. */
    private record Unpacked(Predictor predictor, Path dir) implements Predictor {
        @Override
        public Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException {
            return predictor.predict(body, contentType, accept);
        }

        @Override
        public void stream(byte[] body, String contentType, String accept, Parts parts) throws AlgorithmException {
            predictor.stream(body, contentType, accept, parts);
        }

        @Override
        public void close() {
            try {
                predictor.close();
            } finally {
                io.haneul.sagemaker.WorkFolders.deleteTree(dir);
            }
        }
    }
}
