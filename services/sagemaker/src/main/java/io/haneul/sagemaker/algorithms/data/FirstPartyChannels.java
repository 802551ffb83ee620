package io.haneul.sagemaker.algorithms.data;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.TrainingRequest;

import java.util.Map;

/**
 * Reads the channels of AWS's own algorithms (k-means, linear-learner, PCA, random cut forest, k-NN):
 * text/csv (the default here), application/x-recordio-protobuf (what the SageMaker Python SDK's
 * {@code record_set()} uploads) or libsvm, with the width the {@code feature_dim} hyperparameter promises checked
 * as the algorithms check it.
 */
public final class FirstPartyChannels {

    private FirstPartyChannels() {
    }

    /** The channel's rows, or null when the job has no such channel and {@code required} is false. */
    public static Dataset read(TrainingRequest request, String channel, boolean required, boolean labelled, Integer featureDim)
            throws AlgorithmException {
        TrainingRequest.Channel c = request.channels().get(channel);
        if (c == null) {
            if (required) {
                throw AlgorithmException.client("Channel '" + channel + "' is required but was not provided. Provided channels: "
                        + request.channels().keySet());
            }
            return null;
        }
        String type = c.contentType() == null ? "" : c.contentType().toLowerCase(java.util.Locale.ROOT);
        Dataset data = type.startsWith(RecordIoProtobuf.CONTENT_TYPE)
                ? RecordIoProtobuf.read(c.files(), labelled, channel)
                : TextTables.read(c.files(), DataFormat.of(c.contentType(), DataFormat.CSV), labelled, channel);
        if (featureDim != null && data.columns() != featureDim) {
            throw AlgorithmException.client("Customer Error: The value of feature_dim (" + featureDim + ") does not match the number of "
                    + "features in channel '" + channel + "' (" + data.columns() + ")");
        }
        return data;
    }

    /** feature_dim as an integer, or null when it is "auto" or absent. */
    public static Integer featureDim(Map<String, String> hps) {
        String value = hps.get("feature_dim");
        return value == null || value.equals("auto") ? null : Integer.valueOf(value);
    }
}
