package io.haneul.rekognition;

import software.amazon.awssdk.core.SdkPojo;

import java.awt.image.BufferedImage;

/**
 * One stored-video analysis as a job runs it: each sampled frame in time order, then the end of the
 * video. Results go to a {@link Sink} as AWS's shapes, with the keys Get* sorts them by.
 */
interface VideoAnalysis {

    /** The per-timestamp items every Get* answers. */
    String TIMESTAMPS = "TIMESTAMPS";
    /** GetLabelDetection's AggregateBy SEGMENTS: one item per label per run of consecutive frames. */
    String SEGMENTS = "SEGMENTS";

    /** Where results go; a view is {@link #TIMESTAMPS} or {@link #SEGMENTS}. */
    interface Sink {
        void add(String view, long timestampMillis, String sortKey, SdkPojo item);
    }

    /** A sampled frame, {@code timestampMillis} into the video. */
    void frame(long timestampMillis, BufferedImage frame, Sink sink) throws Exception;

    /** The video has ended; {@code lastMillis} is the last sampled frame's time. */
    default void end(long lastMillis, Sink sink) throws Exception {
    }
}
