package io.haneul.sagemaker.algorithms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes channels and collects what an algorithm reports, for the algorithm tests. */
final class TrainingFixtures {

    final Map<String, List<Double>> metrics = new HashMap<>();
    final List<String> log = new ArrayList<>();
    final MetricSink sink = new MetricSink() {
        @Override
        public synchronized void metric(String name, double value) {
            metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        @Override
        public synchronized void log(String line) {
            log.add(line);
        }
    };

    static TrainingRequest.Channel channel(Path dir, String name, String contentType, String text) throws IOException {
        Path file = dir.resolve(name + ".data");
        Files.writeString(file, text);
        return new TrainingRequest.Channel(name, List.of(file), contentType);
    }

    TrainingRequest request(Path dir, Map<String, String> hps, TrainingRequest.Channel... channels) throws IOException {
        Map<String, TrainingRequest.Channel> byName = new HashMap<>();
        for (TrainingRequest.Channel c : channels) {
            byName.put(c.name(), c);
        }
        Path model = Files.createDirectories(dir.resolve("model"));
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        return new TrainingRequest(hps, byName, model, checkpoints, sink, () -> false);
    }

    double last(String metric) {
        List<Double> values = metrics.get(metric);
        return values.get(values.size() - 1);
    }
}
