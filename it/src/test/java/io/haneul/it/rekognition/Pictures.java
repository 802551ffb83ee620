package io.haneul.it.rekognition;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The tests' images: photographs from test resources (it/src/test/resources/rekognition, sources and
 * licences in docs/rekognition.md) and images drawn with Java2D: text, flat colours, a photograph
 * mirrored, rescaled or stored sideways with an EXIF orientation that turns it back upright.
 */
final class Pictures {

    private Pictures() {
    }

    static byte[] photo(String name) {
        try (InputStream in = Pictures.class.getResourceAsStream("/rekognition/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test photo " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] data) {
        try {
            return ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            ImageIO.write(rgb, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another shot of the same face for the models: the photograph mirrored, scaled, turned by a few
     * degrees and shifted on a grey canvas (weaker than a second photograph; see docs/rekognition.md).
     */
    static byte[] variant(String name, double scale, double degrees, int shift) {
        BufferedImage photo = decode(photo(name));
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
        return encode(out, "jpg");
    }

    /** Two photographs side by side on one canvas. */
    static byte[] sideBySide(String left, String right) {
        BufferedImage a = decode(photo(left));
        BufferedImage b = decode(photo(right));
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        return encode(out, "jpg");
    }

    /**
     * The photograph stored turned 90 degrees counter-clockwise, with EXIF orientation 6 ("turn it 90
     * degrees clockwise to show it"): upright again for anyone who honours EXIF.
     */
    static byte[] sidewaysWithExif(String name) {
        BufferedImage src = decode(photo(name));
        BufferedImage turned = new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        // (x, y) -> (y, w - x): a counter-clockwise quarter turn
        g.drawImage(src, new AffineTransform(0, -1, 1, 0, 0, src.getWidth()), null);
        g.dispose();
        return withOrientation(encode(turned, "jpg"), 6);
    }

    /** The JPEG with an EXIF APP1 segment holding only the orientation tag. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int app0End = (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0 ? 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)) : 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** Black text on white, in a large plain font. */
    static byte[] text(String text, int width, int height, int size) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        g.drawString(text, size / 2, height / 2 + size / 3);
        g.dispose();
        return encode(image, "png");
    }

    /** A flat image: {@code topShare} of it in {@code top}, the rest in {@code bottom}. */
    static byte[] twoColours(Color top, Color bottom, double topShare) {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(top);
        g.fillRect(0, 0, 400, (int) (400 * topShare));
        g.setColor(bottom);
        g.fillRect(0, (int) (400 * topShare), 400, 400);
        g.dispose();
        return encode(image, "png");
    }
}
