package io.haneul.rekognition.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image turned upright by its EXIF orientation (1 to 8; 1 when the image carries none), as
 * AWS does before it analyses a JPEG: the boxes answered are ratios of this upright image. PNGs carry
 * no EXIF and are used as they are. {@code format} is "JPEG" or "PNG".
 */
public record UprightImage(BufferedImage image, String format, int exifOrientation) {

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
