package io.haneul.rekognition.vision;

/** A box as ratios of the image's width and height (AWS's BoundingBox). */
public record Box(float left, float top, float width, float height) {
}
