package io.haneul.rekognition.models;

import io.haneul.rekognition.vision.VisionModels;

import java.nio.file.Path;

/** Builds the models Rekognition's API calls. Nothing is loaded until the first image arrives. */
public final class VisionModelsFactory {

    private VisionModelsFactory() {
    }

    /**
     * @param cacheDir where converted models are kept between starts (created on first use); null
     *                 converts them in memory each start
     */
    public static VisionModels create(Path cacheDir) {
        return new OnnxVisionModels(cacheDir);
    }
}
