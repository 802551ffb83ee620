package io.haneul.rekognition.models;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Turns images into the float tensors (NHWC, RGB) that the models take. */
final class Pixels {

    private Pixels() {
    }

    /** How a channel value 0..255 becomes the model's input value. */
    interface Normalizer {
        float apply(int value);
    }

    /**
     * The image scaled to fit a size x size square at its top-left corner, the rest black, so that
     * the aspect ratio survives; {@link #scale} tells how image pixels map to square pixels.
     */
    record Letterbox(float[] tensor, float scale) {
    }

    static Letterbox letterbox(BufferedImage image, int size, Normalizer normalizer) {
        float scale = (float) size / Math.max(image.getWidth(), image.getHeight());
        BufferedImage square = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, Math.max(1, Math.round(image.getWidth() * scale)), Math.max(1, Math.round(image.getHeight() * scale)), null);
        g.dispose();
        return new Letterbox(rgb(square, normalizer), scale);
    }

    /**
     * A size x size crop centred on (cx, cy), {@code side} image pixels wide, turned by
     * {@code angle} radians so that a tilted face comes out upright.
     */
    static BufferedImage crop(BufferedImage image, float cx, float cy, float side, double angle, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        AffineTransform t = new AffineTransform();
        t.translate(size / 2.0, size / 2.0);
        t.scale(size / side, size / side);
        t.rotate(-angle);
        t.translate(-cx, -cy);
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    static float[] rgb(BufferedImage image, Normalizer normalizer) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[3 * i] = normalizer.apply((p >> 16) & 0xff);
            out[3 * i + 1] = normalizer.apply((p >> 8) & 0xff);
            out[3 * i + 2] = normalizer.apply(p & 0xff);
        }
        return out;
    }

    /** Luma 0..255 of each pixel (ITU-R BT.601 weights). */
    static float[] gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[i] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
        }
        return out;
    }

    static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** NCHW planes in B, G, R order (PaddleOCR's), each (v / 255 - mean) / std. */
    static float[] bgrPlanar(BufferedImage image, float[] mean, float[] std) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p & 0xff) / 255f - mean[0]) / std[0];
            out[plane + i] = (((p >> 8) & 0xff) / 255f - mean[1]) / std[1];
            out[2 * plane + i] = (((p >> 16) & 0xff) / 255f - mean[2]) / std[2];
        }
        return out;
    }
}
