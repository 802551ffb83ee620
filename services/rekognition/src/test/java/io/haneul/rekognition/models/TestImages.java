package io.haneul.rekognition.models;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The photographs in it/src/test/resources/rekognition (licences in its README) and generated images. */
final class TestImages {

    private static final Path DIR = Path.of("../../it/src/test/resources/rekognition");

    private TestImages() {
    }

    static BufferedImage photo(String name) {
        try {
            return ImageIO.read(DIR.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The photo mirrored, scaled by {@code scale}, turned by {@code degrees} and shifted, on grey. */
    static BufferedImage variant(BufferedImage photo, double scale, double degrees, int shift) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(w / 2.0 + shift, h / 2.0 + shift);
        t.rotate(Math.toRadians(degrees));
        t.scale(-scale, scale);
        t.translate(-w / 2.0, -h / 2.0);
        g.drawImage(photo, t, null);
        g.dispose();
        return out;
    }

    /** The photos side by side on one grey canvas, each at its own size, tops aligned. */
    static BufferedImage sideBySide(BufferedImage... photos) {
        int width = 0;
        int height = 0;
        for (BufferedImage p : photos) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage p : photos) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return out;
    }

    /** Dark text lines on white, rendered with Java2D. */
    static BufferedImage text(String fontName, int size, String... lines) {
        BufferedImage image = new BufferedImage(size * 20, size * (lines.length * 2 + 2), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(20, 20, 30));
        g.setFont(new Font(fontName, Font.PLAIN, size));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], size, size * (2 * i + 2));
        }
        g.dispose();
        return image;
    }
}
