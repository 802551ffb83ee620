package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;

import java.util.Locale;

/** Elastic Transcoder's times ({@code HH:mm:ss.SSS} or {@code sssss.SSS}, caption offsets with a sign) in seconds. */
final class Times {

    private Times() {
    }

    static double seconds(String value) {
        String v = value.trim();
        double sign = 1;
        if (v.startsWith("-")) {
            sign = -1;
            v = v.substring(1);
        } else if (v.startsWith("+")) {
            v = v.substring(1);
        }
        try {
            if (v.contains(":")) {
                String[] parts = v.split(":");
                double s = 0;
                for (String p : parts) {
                    s = s * 60 + Double.parseDouble(p);
                }
                return sign * s;
            }
            return sign * Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new TranscodeException("1000", "Invalid time value: " + value);
        }
    }

    static String ffmpeg(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
