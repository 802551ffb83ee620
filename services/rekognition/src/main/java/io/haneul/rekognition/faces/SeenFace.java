package io.haneul.rekognition.faces;

import io.haneul.rekognition.image.PixelStats;
import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.FaceFinding;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;

/**
 * A face the model found, with the image quality AWS reports for it: the model's own figures when it
 * gives them, else brightness and sharpness measured on the face's pixels ({@link PixelStats}).
 */
public record SeenFace(FaceFinding finding, FaceFinding.Quality quality) {

    /** The faces of an image, largest first (AWS keeps the largest when it keeps some). */
    public static List<SeenFace> of(List<FaceFinding> faces, UprightImage image) {
        return faces.stream()
                .sorted(Comparator.comparingDouble((FaceFinding f) -> f.box().width() * f.box().height()).reversed())
                .map(f -> new SeenFace(f, f.quality() != null ? f.quality() : measured(image.image(), f.box())))
                .toList();
    }

    public Box box() {
        return finding.box();
    }

    private static FaceFinding.Quality measured(BufferedImage image, Box box) {
        int x = clamp(Math.round(box.left() * image.getWidth()), image.getWidth() - 1);
        int y = clamp(Math.round(box.top() * image.getHeight()), image.getHeight() - 1);
        int w = Math.max(1, Math.min(image.getWidth() - x, Math.round(box.width() * image.getWidth())));
        int h = Math.max(1, Math.min(image.getHeight() - y, Math.round(box.height() * image.getHeight())));
        PixelStats.Quality q = PixelStats.quality(image.getSubimage(x, y, w, h));
        return new FaceFinding.Quality(q.brightness(), q.sharpness());
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
