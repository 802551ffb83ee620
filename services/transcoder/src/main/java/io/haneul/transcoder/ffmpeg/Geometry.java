package io.haneul.transcoder.ffmpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * Elastic Transcoder's sizing rules, computed in pixels before FFmpeg runs: from the input picture,
 * MaxWidth/MaxHeight ({@code auto}: 1920 x 1080), SizingPolicy and PaddingPolicy to the scaled picture,
 * the part of it kept, and the frame it is padded into. Knowing the numbers up front lets thumbnails
 * name their {@code {resolution}} and watermarks be placed against the content or the frame.
 *
 * @param scaledWidth   the picture scaled (before any crop)
 * @param contentWidth  the picture after cropping to the maximum (Fill, ShrinkToFill, Keep)
 * @param frameWidth    the output frame: the content, or MaxWidth x MaxHeight with padding
 * @param contentX      where the content sits in the frame (padding centres it)
 */
record Geometry(int scaledWidth, int scaledHeight, int contentWidth, int contentHeight,
                int frameWidth, int frameHeight, int contentX, int contentY) {

    static final int AUTO_WIDTH = 1920;
    static final int AUTO_HEIGHT = 1080;

    static Geometry of(int inWidth, int inHeight, String maxWidth, String maxHeight, String sizing, String padding) {
        int mw = max(maxWidth, AUTO_WIDTH);
        int mh = max(maxHeight, AUTO_HEIGHT);
        double fitScale = Math.min((double) mw / inWidth, (double) mh / inHeight);
        double fillScale = Math.max((double) mw / inWidth, (double) mh / inHeight);
        String policy = sizing == null ? "ShrinkToFit" : sizing;
        int w;
        int h;
        switch (policy) {
            case "Fit" -> { w = even(inWidth * fitScale); h = even(inHeight * fitScale); }
            case "Fill" -> { w = even(inWidth * fillScale); h = even(inHeight * fillScale); }
            case "ShrinkToFill" -> {
                double s = Math.min(1, fillScale);
                w = even(inWidth * s);
                h = even(inHeight * s);
            }
            case "Stretch" -> { w = even(mw); h = even(mh); }
            case "Keep" -> { w = even(inWidth); h = even(inHeight); }
            default -> { // ShrinkToFit
                double s = Math.min(1, fitScale);
                w = even(inWidth * s);
                h = even(inHeight * s);
            }
        }
        int cw = Math.min(w, even(mw));
        int ch = Math.min(h, even(mh));
        boolean pad = "Pad".equals(padding);
        int fw = pad ? even(mw) : cw;
        int fh = pad ? even(mh) : ch;
        return new Geometry(w, h, cw, ch, fw, fh, even((fw - cw) / 2.0) , even((fh - ch) / 2.0));
    }

    /** The filters that produce this geometry: scale, then crop and pad where needed. */
    List<String> filters() {
        List<String> f = new ArrayList<>();
        f.add("scale=" + scaledWidth + ":" + scaledHeight);
        if (contentWidth != scaledWidth || contentHeight != scaledHeight) {
            f.add("crop=" + contentWidth + ":" + contentHeight);
        }
        if (frameWidth != contentWidth || frameHeight != contentHeight) {
            f.add("pad=" + frameWidth + ":" + frameHeight + ":" + contentX + ":" + contentY + ":black");
        }
        return f;
    }

    String resolution() {
        return frameWidth + "x" + frameHeight;
    }

    private static int max(String value, int auto) {
        if (value == null || value.isBlank() || "auto".equals(value)) {
            return auto;
        }
        return Integer.parseInt(value.trim());
    }

    /** H.264 and VP8 with 4:2:0 need even sizes. */
    static int even(double v) {
        int n = (int) Math.round(v / 2.0) * 2;
        return Math.max(2, n);
    }
}
