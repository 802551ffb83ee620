package io.haneul.rekognition.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DetectLabels' ImageProperties from the pixels themselves, on a copy at most 256 pixels on a side:
 * brightness is the mean luma, contrast its standard deviation (both scaled to 0 to 100), sharpness
 * the variance of the Laplacian mapped to 0 to 100 by {@code 100 (1 - e^(-var / 400))}; dominant
 * colours are the most populated cells of an 8 x 8 x 8 RGB grid, each reported as the mean of its
 * pixels with the share of the image it covers.
 */
public final class PixelStats {

    /** One dominant colour: its RGB and the percentage of pixels in it. */
    public record Dominant(int red, int green, int blue, float pixelPercent) {
        public String hex() {
            return String.format("#%02x%02x%02x", red, green, blue);
        }
    }

    /** Quality figures, 0 to 100. */
    public record Quality(float brightness, float sharpness, float contrast) {
    }

    private PixelStats() {
    }

    public static Quality quality(BufferedImage image) {
        BufferedImage small = shrink(image);
        int w = small.getWidth();
        int h = small.getHeight();
        double[] luma = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = small.getRGB(x, y);
                luma[y * w + x] = 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
            }
        }
        double mean = 0;
        for (double l : luma) {
            mean += l;
        }
        mean /= luma.length;
        double var = 0;
        for (double l : luma) {
            var += (l - mean) * (l - mean);
        }
        double std = Math.sqrt(var / luma.length);
        double lapMean = 0;
        double lapSq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double lap = luma[(y - 1) * w + x] + luma[(y + 1) * w + x] + luma[y * w + x - 1] + luma[y * w + x + 1] - 4 * luma[y * w + x];
                lapMean += lap;
                lapSq += lap * lap;
                n++;
            }
        }
        double lapVar = n == 0 ? 0 : lapSq / n - (lapMean / n) * (lapMean / n);
        return new Quality(round(mean / 255 * 100), round(100 * (1 - Math.exp(-lapVar / 400))), round(Math.min(100, std / 127.5 * 100)));
    }

    /** Four decimals: the sums' rounding noise (a flat image's 1e-11 contrast) is not a measurement. */
    private static float round(double v) {
        return (float) (Math.round(v * 1e4) / 1e4);
    }

    /** The {@code max} most populated colours, most populated first. */
    public static List<Dominant> dominantColors(BufferedImage image, int max) {
        BufferedImage small = shrink(image);
        long[][] cells = new long[512][4];
        int total = small.getWidth() * small.getHeight();
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                int p = small.getRGB(x, y);
                int r = p >> 16 & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p & 0xFF;
                long[] cell = cells[(r >> 5) << 6 | (g >> 5) << 3 | (b >> 5)];
                cell[0]++;
                cell[1] += r;
                cell[2] += g;
                cell[3] += b;
            }
        }
        List<long[]> used = new ArrayList<>();
        for (long[] cell : cells) {
            if (cell[0] > 0) {
                used.add(cell);
            }
        }
        used.sort(Comparator.comparingLong((long[] c) -> c[0]).reversed());
        List<Dominant> out = new ArrayList<>();
        for (long[] c : used.subList(0, Math.min(max, used.size()))) {
            out.add(new Dominant((int) (c[1] / c[0]), (int) (c[2] / c[0]), (int) (c[3] / c[0]), (float) (100.0 * c[0] / total)));
        }
        return out;
    }

    private static BufferedImage shrink(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side <= 256) {
            return image;
        }
        double scale = 256.0 / side;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
