package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.PipelineOutputConfig;

/**
 * A pipeline's ContentConfig or ThumbnailConfig {@code StorageClass} as S3 names it: the class of every file
 * a job writes to that bucket ({@code Standard} and {@code ReducedRedundancy}, the two the API accepts).
 * A pipeline given an OutputBucket has none, and its files are STANDARD.
 */
public final class OutputStorageClass {

    private OutputStorageClass() {
    }

    /** S3's storage class for the configuration's files, or null for S3's default (STANDARD). */
    public static String of(PipelineOutputConfig config) {
        if (config == null || config.storageClass() == null || config.storageClass().isEmpty()) {
            return null;
        }
        return switch (config.storageClass()) {
            case "Standard" -> "STANDARD";
            case "ReducedRedundancy" -> "REDUCED_REDUNDANCY";
            default -> throw new IllegalArgumentException("StorageClass " + config.storageClass());
        };
    }
}
