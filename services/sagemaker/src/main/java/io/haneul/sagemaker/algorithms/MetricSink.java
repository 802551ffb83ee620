package io.haneul.sagemaker.algorithms;

/**
 * Where an algorithm reports what its AWS container prints: metrics named as AWS names them
 * (e.g. "validation:rmse", "train:logloss") and log lines (the job's CloudWatch-shaped log).
 */
public interface MetricSink {

    void metric(String name, double value);

    void log(String line);
}
