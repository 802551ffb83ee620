package io.haneul.transcoder.ffmpeg;

import software.amazon.awssdk.services.elastictranscoder.model.PresetWatermark;

import java.util.Locale;

/**
 * Where a preset's watermark goes and how big it is, in pixels of the output frame: MaxWidth,
 * MaxHeight and the offsets are pixels ({@code 40px}, or a bare number) or percentages of the
 * reference area, which is the video content (Target {@code Content}, the default) or the whole frame
 * with its padding ({@code Frame}).
 */
record WatermarkPlacement(int width, int height, int x, int y, double opacity) {

    static WatermarkPlacement of(PresetWatermark wm, int imageWidth, int imageHeight, Geometry g) {
        boolean frame = "Frame".equals(wm.target());
        int refW = frame ? g.frameWidth() : g.contentWidth();
        int refH = frame ? g.frameHeight() : g.contentHeight();
        int refX = frame ? 0 : g.contentX();
        int refY = frame ? 0 : g.contentY();
        double maxW = length(wm.maxWidth(), refW, refW);
        double maxH = length(wm.maxHeight(), refH, refH);
        double fit = Math.min(maxW / imageWidth, maxH / imageHeight);
        double w;
        double h;
        switch (wm.sizingPolicy() == null ? "ShrinkToFit" : wm.sizingPolicy()) {
            case "Stretch" -> { w = maxW; h = maxH; }
            case "Fit" -> { w = imageWidth * fit; h = imageHeight * fit; }
            default -> {
                double s = Math.min(1, fit);
                w = imageWidth * s;
                h = imageHeight * s;
            }
        }
        int iw = Math.max(1, (int) Math.round(w));
        int ih = Math.max(1, (int) Math.round(h));
        double dx = length(wm.horizontalOffset(), refW, 0);
        double dy = length(wm.verticalOffset(), refH, 0);
        double x = switch (wm.horizontalAlign() == null ? "Left" : wm.horizontalAlign()) {
            case "Right" -> refX + refW - iw - dx;
            case "Center" -> refX + (refW - iw) / 2.0 + dx;
            default -> refX + dx;
        };
        double y = switch (wm.verticalAlign() == null ? "Top" : wm.verticalAlign()) {
            case "Bottom" -> refY + refH - ih - dy;
            case "Center" -> refY + (refH - ih) / 2.0 + dy;
            default -> refY + dy;
        };
        double opacity = wm.opacity() == null ? 100 : Double.parseDouble(wm.opacity());
        return new WatermarkPlacement(iw, ih, (int) Math.round(x), (int) Math.round(y), opacity / 100.0);
    }

    /** The filter chain from the watermark image's stream to an overlay input (scaled, made translucent). */
    String imageFilter() {
        String f = "scale=" + width + ":" + height + ",format=rgba";
        if (opacity < 1) {
            f += ",colorchannelmixer=aa=" + String.format(Locale.ROOT, "%.3f", opacity);
        }
        return f;
    }

    String overlay() {
        return "overlay=" + x + ":" + y + ":eof_action=repeat";
    }

    private static double length(String value, int reference, double absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        String v = value.trim();
        if (v.endsWith("%")) {
            return reference * Double.parseDouble(v.substring(0, v.length() - 1)) / 100.0;
        }
        if (v.endsWith("px")) {
            v = v.substring(0, v.length() - 2);
        }
        return Double.parseDouble(v);
    }
}
