package io.haneul.sagemaker.algorithms.xgboost;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** XGBoost's checkpoint files as AWS's container names them: {@code xgboost-checkpoint.<round>}. */
final class XgboostCheckpoints {

    static final String PREFIX = "xgboost-checkpoint.";
    private static final int KEEP = 5;

    private XgboostCheckpoints() {
    }

    static Path latest(Path dir) {
        return checkpoints(dir).stream().max(Comparator.comparingInt(XgboostCheckpoints::round)).orElse(null);
    }

    static int round(Path file) {
        return Integer.parseInt(file.getFileName().toString().substring(PREFIX.length()));
    }

    static void save(Booster booster, Path dir, int round) throws XGBoostError {
        try (OutputStream out = Files.newOutputStream(dir.resolve(PREFIX + round))) {
            booster.saveModel(out, "ubj");
            List<Path> all = checkpoints(dir).stream().sorted(Comparator.comparingInt(XgboostCheckpoints::round)).toList();
            for (int i = 0; i < all.size() - KEEP; i++) {
                Files.deleteIfExists(all.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> checkpoints(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("xgboost-checkpoint\\.\\d+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
