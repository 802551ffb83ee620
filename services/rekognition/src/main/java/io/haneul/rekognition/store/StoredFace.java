package io.haneul.rekognition.store;

import io.haneul.rekognition.vision.Box;

/** A face indexed into a collection, with the embedding searches compare. */
public record StoredFace(String faceId, String imageId, String externalImageId, String userId, float confidence, Box box,
                         float[] embedding) {
}
