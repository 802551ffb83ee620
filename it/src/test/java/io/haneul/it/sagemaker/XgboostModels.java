package io.haneul.it.sagemaker;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Test data and models made with XGBoost4J directly, as AWS's XGBoost container would have written them:
 * a separable two-feature binary set (label 1 when x0 + x1 > 1) and a booster trained on it in
 * {@code model.tar.gz} holding the file {@code xgboost-model}.
 */
final class XgboostModels {

    /** Rows of features and their labels. */
    record Data(float[][] rows, int[] labels) {
        String csvWithoutLabels() {
            StringBuilder sb = new StringBuilder();
            for (float[] r : rows) {
                sb.append(r[0]).append(',').append(r[1]).append('\n');
            }
            return sb.toString();
        }
    }

    private XgboostModels() {
    }

    static Data separable(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float a = random.nextFloat();
            float b = random.nextFloat();
            rows[i] = new float[]{a, b};
            labels[i] = a + b > 1 ? 1 : 0;
        }
        return new Data(rows, labels);
    }

    /** The same rows with every label flipped (a model trained on it scores the other way round). */
    static Data inverted(Data data) {
        int[] flipped = new int[data.labels().length];
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - data.labels()[i];
        }
        return new Data(data.rows(), flipped);
    }

    /** One feature s in [0, 1) labelled 1 when s < 0.5: a model that turns a score into its opposite. */
    static Data scoreInverter(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[]{random.nextFloat()};
            labels[i] = rows[i][0] < 0.5f ? 1 : 0;
        }
        return new Data(rows, labels);
    }

    /** Trains a binary:logistic booster on {@code data} (any number of features) and writes model.tar.gz into {@code dir}. */
    static Path modelTarGz(Data data, Path dir, int rounds) throws Exception {
        int width = data.rows()[0].length;
        float[] flat = new float[data.rows().length * width];
        float[] labels = new float[data.rows().length];
        for (int i = 0; i < data.rows().length; i++) {
            System.arraycopy(data.rows()[i], 0, flat, width * i, width);
            labels[i] = data.labels()[i];
        }
        DMatrix train = new DMatrix(flat, data.rows().length, width, Float.NaN);
        train.setLabel(labels);
        Booster booster = XGBoost.train(train, Map.of("objective", "binary:logistic", "max_depth", 4, "eta", 0.3, "nthread", 1),
                rounds, Map.of(), null, null);
        Path model = dir.resolve("xgboost-model");
        booster.saveModel(model.toString());
        booster.dispose();
        train.dispose();
        Path tar = dir.resolve("model.tar.gz");
        try (OutputStream out = Files.newOutputStream(tar);
             TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            TarArchiveEntry e = new TarArchiveEntry(model.toFile(), "xgboost-model");
            t.putArchiveEntry(e);
            Files.copy(model, t);
            t.closeArchiveEntry();
        }
        return tar;
    }

    /** The share of rows whose score (one per line) rounds to the label. */
    static double accuracy(Data data, String[] scores) {
        int right = 0;
        for (int i = 0; i < scores.length; i++) {
            right += (Double.parseDouble(scores[i].trim()) > 0.5 ? 1 : 0) == data.labels()[i] ? 1 : 0;
        }
        return right / (double) data.rows().length;
    }
}
