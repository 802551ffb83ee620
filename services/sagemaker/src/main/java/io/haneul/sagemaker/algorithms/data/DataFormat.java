package io.haneul.sagemaker.algorithms.data;

import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.util.Locale;

/** The content types the built-in algorithms read: CSV (label first when training) and libsvm. */
public enum DataFormat {
    CSV, LIBSVM;

    /**
     * The format a ContentType names ({@code text/csv;label_size=1}, {@code text/libsvm},
     * {@code text/x-libsvm}); null or blank gives {@code fallback}.
     */
    public static DataFormat of(String contentType, DataFormat fallback) throws AlgorithmException {
        if (contentType == null || contentType.isBlank()) {
            return fallback;
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "text/csv", "csv" -> CSV;
            case "text/libsvm", "text/x-libsvm", "libsvm" -> LIBSVM;
            default -> throw AlgorithmException.client("Content-type " + contentType + " is not supported. Supported content-type: "
                    + (fallback == LIBSVM ? "text/libsvm, text/x-libsvm, text/csv" : "text/csv, text/libsvm"));
        };
    }
}
