package io.haneul.sagemaker.training;

import io.haneul.sagemaker.algorithms.MetricSink;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One running job's log stream and metrics: lines go to the store (readable at
 * {@code /_haneul/sagemaker/logs/TrainingJobs/<job>}), metrics are kept with their latest value for
 * FinalMetricDataList, and the job's MetricDefinitions (regular expressions with one group) pick more
 * metrics out of the log lines, as SageMaker does for CloudWatch.
 */
final class TrainingLog implements MetricSink {

    private final SqlTrainingJobs store;
    private final Clock clock;
    private final String account;
    private final String region;
    private final String job;
    private final AtomicInteger seq;
    private final Map<String, Pattern> definitions = new LinkedHashMap<>();
    private final Map<String, MetricData> latest = new LinkedHashMap<>();
    private EarlyStopping.Watch watch;
    private volatile boolean earlyStop;

    TrainingLog(SqlTrainingJobs store, Clock clock, String account, String region, String job, List<MetricDefinition> metricDefinitions) {
        this.store = store;
        this.clock = clock;
        this.account = account;
        this.region = region;
        this.job = job;
        this.seq = new AtomicInteger(store.lastLogSeq(account, region, job));
        for (MetricDefinition d : metricDefinitions) {
            try {
                definitions.put(d.name(), Pattern.compile(d.regex()));
            } catch (PatternSyntaxException e) {
                log("Ignoring metric definition " + d.name() + ": invalid regular expression " + d.regex());
            }
        }
    }

    @Override
    public synchronized void metric(String name, double value) {
        if (Double.isFinite(value)) {
            latest.put(name, MetricData.builder().metricName(name).value((float) value).timestamp(clock.instant()).build());
            if (watch != null && name.equals(watch.metric()) && watch.rule().add(value) && !earlyStop) {
                earlyStop = true;
                log("Early stopping: " + name + ": " + watch.rule().reason() + "; the training job stops");
            }
        }
    }

    /** Applies the tuning job's early stopping to the objective metric's values from now on. */
    synchronized void watch(EarlyStopping.Watch watch) {
        this.watch = watch;
    }

    /** Whether early stopping asked the job to stop. */
    boolean earlyStopRequested() {
        return earlyStop;
    }

    @Override
    public void log(String line) {
        for (String part : line.split("\n")) {
            store.appendLog(account, region, job, seq.incrementAndGet(), clock.millis(), part);
            for (Map.Entry<String, Pattern> d : definitions.entrySet()) {
                Matcher m = d.getValue().matcher(part);
                if (m.find() && m.groupCount() >= 1) {
                    try {
                        metric(d.getKey(), Double.parseDouble(m.group(1)));
                    } catch (NumberFormatException ignored) {
                        // the definition matched text that is not a number: no value, as in SageMaker
                    }
                }
            }
        }
    }

    synchronized List<MetricData> finalMetrics() {
        return new ArrayList<>(latest.values());
    }
}
