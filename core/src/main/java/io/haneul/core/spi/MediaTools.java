package io.haneul.core.spi;

import java.nio.file.Path;

/**
 * Where the media tools are: the FFmpeg and ffprobe executables Elastic Transcoder runs and
 * Rekognition Video reuses to read frames. Implemented by the module that brings FFmpeg (it finds
 * or installs them on first use) and looked up with {@link ServiceEnvironment#find}, so that a
 * second service never carries its own copy or imports the first.
 */
public interface MediaTools {

    /**
     * The ffmpeg executable, located or installed on first call.
     *
     * @throws IllegalStateException with the one command that installs it, when it cannot be had
     */
    Path ffmpeg();

    /** The ffprobe executable beside it; same contract as {@link #ffmpeg()}. */
    Path ffprobe();
}
