package io.haneul.sagemaker.algorithms;

import io.haneul.sagemaker.algorithms.data.Dataset;
import io.haneul.sagemaker.algorithms.data.RecordIoProtobuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** application/x-recordio-protobuf as the SageMaker Python SDK writes it, read back, and a k-means job trained on it. */
class RecordIoProtobufTest {

    /**
     * The bytes sagemaker.amazon.common.write_numpy_to_dense_tensor writes for features [[1.5, 2.0]] and labels [1.0]
     * (a Record with features {"values": Float32Tensor{values: [1.5, 2.0], shape: [2]}} and label {"values": [1.0]}).
     */
    private static byte[] sdkRecord() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] features = RecordIoProtobuf.encodeRecord(List.of("values"), List.of(new float[] {1.5f, 2.0f}), 1);
        byte[] label = RecordIoProtobuf.encodeRecord(List.of("values"), List.of(new float[] {1.0f}), 2);
        byte[] record = new byte[features.length + label.length];
        System.arraycopy(features, 0, record, 0, features.length);
        System.arraycopy(label, 0, record, features.length, label.length);
        RecordIoProtobuf.frame(out, record);
        return out.toByteArray();
    }

    @Test
    void readsDenseRecordsWithLabels(@TempDir Path dir) throws Exception {
        byte[] bytes = sdkRecord();
        assertEquals("0a23d7ce", HexFormat.of().formatHex(bytes, 0, 4), "RecordIO magic, little-endian");
        Path file = Files.write(dir.resolve("data.pbr"), bytes);
        Dataset d = RecordIoProtobuf.read(List.of(file, file), true, "train");
        assertEquals(2, d.rows());
        assertEquals(2, d.columns());
        assertArrayEquals(new float[] {1.5f, 2.0f, 1.5f, 2.0f}, d.values());
        assertArrayEquals(new float[] {1.0f, 1.0f}, d.labels());
        AlgorithmException bad = assertThrows(AlgorithmException.class, () -> RecordIoProtobuf.parse("1,2,3\n4,5,6\n7,8,9\n".getBytes()));
        assertTrue(bad.getMessage().contains("RecordIO"), bad.getMessage());
    }

    @Test
    void kmeansTrainsOnRecordIoAndAnswersInIt(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            float c = i % 2 == 0 ? 0 : 20;
            RecordIoProtobuf.frame(out, RecordIoProtobuf.encodeRecord(List.of("values"),
                    List.of(new float[] {c + (float) random.nextGaussian(), c + (float) random.nextGaussian()}), 1));
        }
        Path file = Files.write(dir.resolve("train.pbr"), out.toByteArray());
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("k", "2", "feature_dim", "2"),
                new TrainingRequest.Channel("train", List.of(file), "application/x-recordio-protobuf"));
        Algorithm kmeans = BuiltInAlgorithms.create().forImage("kmeans").orElseThrow();
        kmeans.train(request);
        try (Predictor p = kmeans.load(request.modelDir())) {
            ByteArrayOutputStream query = new ByteArrayOutputStream();
            RecordIoProtobuf.frame(query, RecordIoProtobuf.encodeRecord(List.of("values"), List.of(new float[] {20, 20}), 1));
            Predictor.Prediction answer = p.predict(query.toByteArray(), "application/x-recordio-protobuf", "application/x-recordio-protobuf");
            assertEquals("application/x-recordio-protobuf", answer.contentType());
            List<Map<String, double[]>> labels = RecordIoProtobuf.labels(answer.body());
            assertEquals(1, labels.size());
            assertEquals(List.of("closest_cluster", "distance_to_cluster"), List.copyOf(labels.getFirst().keySet()));
            assertTrue(labels.getFirst().get("distance_to_cluster")[0] < 2, String.valueOf(labels.getFirst().get("distance_to_cluster")[0]));
            ByteArrayOutputStream origin = new ByteArrayOutputStream();
            RecordIoProtobuf.frame(origin, RecordIoProtobuf.encodeRecord(List.of("values"), List.of(new float[] {0, 0}), 1));
            double other = RecordIoProtobuf.labels(p.predict(origin.toByteArray(), "application/x-recordio-protobuf",
                    "application/x-recordio-protobuf").body()).getFirst().get("closest_cluster")[0];
            assertTrue(other != labels.getFirst().get("closest_cluster")[0], "the two planted clusters differ");
        }
    }
}
