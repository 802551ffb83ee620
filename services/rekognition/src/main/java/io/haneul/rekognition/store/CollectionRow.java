package io.haneul.rekognition.store;

/** A collection: when it was made, its face model, and the revision of its faces and users. */
public record CollectionRow(String id, long createdMs, String faceModelVersion, long revision, long faceCount, long userCount) {
}
