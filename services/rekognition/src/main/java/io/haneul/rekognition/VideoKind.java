package io.haneul.rekognition;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.model.*;

/**
 * The stored-video analyses, named as AWS's notifications name them in {@code API}, with the Start
 * request each keeps (as JSON, so that any node can run the job after a restart).
 */
enum VideoKind {
    LABEL_DETECTION(StartLabelDetectionRequest.class),
    FACE_DETECTION(StartFaceDetectionRequest.class),
    FACE_SEARCH(StartFaceSearchRequest.class),
    PERSON_TRACKING(StartPersonTrackingRequest.class),
    CELEBRITY_RECOGNITION(StartCelebrityRecognitionRequest.class),
    CONTENT_MODERATION(StartContentModerationRequest.class),
    TEXT_DETECTION(StartTextDetectionRequest.class),
    SEGMENT_DETECTION(StartSegmentDetectionRequest.class);

    private final Class<? extends SdkPojo> request;

    VideoKind(Class<? extends SdkPojo> request) {
        this.request = request;
    }

    Class<? extends SdkPojo> requestType() {
        return request;
    }

    /** Whether the analysis looks at sampled frames (segments are measured by FFmpeg; celebrities and moderation have no model). */
    boolean readsFrames() {
        return this == LABEL_DETECTION || this == FACE_DETECTION || this == FACE_SEARCH || this == PERSON_TRACKING || this == TEXT_DETECTION;
    }
}
