package io.haneul.rekognition;

import io.haneul.rekognition.domain.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.DetectModerationLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.Image;

import java.util.List;

/**
 * DetectModerationLabels on one image, as the operation and bulk media analysis jobs run it. There is
 * no moderation model: the image is read (so every image error is AWS's) and the answer is an honest
 * empty list with ModerationModelVersion {@value #NO_MODEL}. A ProjectVersion (a Custom Moderation
 * adapter) must exist, and none Haneul keeps has a trained model: ResourceNotReadyException.
 */
final class Moderation {

    /** What DetectModerationLabels reports as its model: none runs. */
    static final String NO_MODEL = "haneul-none";

    /** The status of a stored project version, by ARN (ResourceNotFoundException when there is none). */
    @FunctionalInterface
    interface Versions {
        String status(String account, String region, String versionArn);
    }

    private final Images images;
    private final Versions versions;

    Moderation(Images images, Versions versions) {
        this.images = images;
        this.versions = versions;
    }

    /** Refuses an adapter that cannot run: unknown (ResourceNotFoundException) or not trained (ResourceNotReadyException). */
    void checkAdapter(String account, String region, String projectVersion) {
        if (projectVersion == null) {
            return;
        }
        String status = versions.status(account, region, projectVersion);
        throw new RekognitionException("ResourceNotReadyException",
                "The project version " + projectVersion + " is not ready to use: its status is " + status);
    }

    /** @param minConfidence labels below it are left out (none are found, so nothing is) */
    DetectModerationLabelsResponse detect(String account, String region, Image image, Float minConfidence, String projectVersion) {
        checkAdapter(account, region, projectVersion);
        images.load(account, image);
        return DetectModerationLabelsResponse.builder().moderationLabels(List.of()).moderationModelVersion(NO_MODEL).build();
    }
}
