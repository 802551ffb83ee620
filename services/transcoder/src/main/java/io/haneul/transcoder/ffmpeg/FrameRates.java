package io.haneul.transcoder.ffmpeg;

import java.util.Locale;

/**
 * Elastic Transcoder's frame rates ({@code 10, 15, 23.97, 24, 25, 29.97, 30, 50, 60}) as FFmpeg's exact
 * rationals, and measured rates written back the way the API writes them.
 */
final class FrameRates {

    private FrameRates() {
    }

    /** {@code 29.97} is NTSC's 30000/1001, not 2997/100: the fps filter must get the exact rational. */
    static String rational(String rate) {
        return switch (rate) {
            case "23.97" -> "24000/1001";
            case "29.97" -> "30000/1001";
            case "59.94" -> "60000/1001";
            default -> rate;
        };
    }

    static double value(String rate) {
        return Ffprobe.rate(rational(rate));
    }

    /** A measured rate as ReadJob shows it: {@code 29.97}, {@code 30}, {@code 25}. */
    static String format(double fps) {
        double rounded = Math.round(fps * 100) / 100.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.2f", rounded).replaceAll("0+$", "");
    }
}
