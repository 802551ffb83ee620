package io.haneul.rekognition.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a colour as DetectLabels' DominantColor does: the nearest CSS named colour (the 148 of CSS
 * Color Module Level 4, table in {@code css-colors.tsv}) and one of twelve simplified names (red,
 * orange, yellow, green, teal, blue, purple, pink, brown, black, white, gray) chosen from hue,
 * saturation and value by the bands below.
 */
public final class ColorNames {

    private record Named(String name, int r, int g, int b) {
    }

    private final List<Named> css;

    public ColorNames() {
        List<Named> list = new ArrayList<>();
        try (var in = ColorNames.class.getResourceAsStream("/io/haneul/rekognition/css-colors.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                int rgb = Integer.parseInt(cols[1].substring(1), 16);
                list.add(new Named(cols[0], rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        css = List.copyOf(list);
    }

    /** The CSS colour nearest in RGB. */
    public String css(int r, int g, int b) {
        Named best = css.getFirst();
        long bestDistance = Long.MAX_VALUE;
        for (Named n : css) {
            long d = sq(n.r - r) + sq(n.g - g) + sq(n.b - b);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best.name;
    }

    /** One of the twelve simplified names. */
    public static String simplified(int r, int g, int b) {
        float[] hsv = java.awt.Color.RGBtoHSB(r, g, b, null);
        float hue = hsv[0] * 360;
        float s = hsv[1];
        float v = hsv[2];
        if (v < 0.2f) {
            return "black";
        }
        if (s < 0.15f) {
            return v > 0.85f ? "white" : "gray";
        }
        boolean warm = hue < 45 || hue >= 345;
        if (warm && v < 0.6f) {
            return "brown";
        }
        if ((hue < 15 || hue >= 345) && s < 0.5f && v > 0.7f) {
            return "pink";
        }
        if (hue < 15 || hue >= 345) {
            return "red";
        }
        if (hue < 45) {
            return "orange";
        }
        if (hue < 70) {
            return "yellow";
        }
        if (hue < 160) {
            return "green";
        }
        if (hue < 200) {
            return "teal";
        }
        if (hue < 260) {
            return "blue";
        }
        if (hue < 290) {
            return "purple";
        }
        return "pink";
    }

    private static long sq(int x) {
        return (long) x * x;
    }
}
