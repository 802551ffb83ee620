package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;

import java.nio.file.Path;

/** Output keys as files under the work directory: a key can never name a file outside it. */
final class Keys {

    private Keys() {
    }

    static Path file(Path outDir, String key) {
        Path file = outDir.resolve(key).normalize();
        if (key.startsWith("/") || !file.startsWith(outDir.normalize())) {
            throw new TranscodeException("1000", "Invalid output key: " + key);
        }
        return file;
    }
}
