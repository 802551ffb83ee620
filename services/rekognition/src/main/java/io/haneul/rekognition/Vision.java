package io.haneul.rekognition;

import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.vision.FaceFinding;
import io.haneul.rekognition.vision.ObjectFinding;
import io.haneul.rekognition.vision.TextFinding;
import io.haneul.rekognition.vision.VisionException;
import io.haneul.rekognition.vision.VisionModels;

import java.util.List;
import java.util.function.Supplier;

/**
 * The models, created on the first call that needs pixels looked at (their weights are large and a
 * server that only manages collections never loads them), and closed with the provider.
 */
final class Vision implements AutoCloseable {

    private final Supplier<VisionModels> factory;
    private volatile VisionModels models;

    Vision(Supplier<VisionModels> factory) {
        this.factory = factory;
    }

    VisionModels models() {
        VisionModels m = models;
        if (m == null) {
            synchronized (this) {
                m = models;
                if (m == null) {
                    m = factory.get();
                    models = m;
                }
            }
        }
        return m;
    }

    List<FaceFinding> faces(UprightImage image) throws VisionException {
        return models().faces(image.image());
    }

    List<ObjectFinding> objects(UprightImage image) throws VisionException {
        return models().objects(image.image());
    }

    List<TextFinding> text(UprightImage image) throws VisionException {
        return models().text(image.image());
    }

    float similarity(float[] a, float[] b) {
        return models().similarity(a, b);
    }

    String faceModelVersion() {
        return models().faceModelVersion();
    }

    @Override
    public synchronized void close() {
        if (models != null) {
            models.close();
            models = null;
        }
    }
}
