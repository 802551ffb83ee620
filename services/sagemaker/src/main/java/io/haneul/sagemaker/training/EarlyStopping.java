package io.haneul.sagemaker.training;

import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a training job of a tuning job with TrainingJobEarlyStoppingType AUTO finds its {@link MedianStopping} rule, and
 * one of a Hyperband tuning job its {@link SuccessiveHalving} (both from the objective series of the tuning job's training
 * jobs that ended, read when it starts), and leaves its own series when it
 * ends, for the jobs after it, on whichever node they run.
 */
final class EarlyStopping {

    /** The watched metric and its rule, for a training job of a tuning job. */
    record Watch(String metric, StoppingRule rule, String tuningJobArn, String trainingJob) {
    }

    private final SqlTuningJobs tuning;
    private final SqlTrainingJobs store;
    private final SdkDocuments sdk = new SdkDocuments();

    EarlyStopping(SqlTuningJobs tuning, SqlTrainingJobs store) {
        this.tuning = tuning;
        this.store = store;
    }

    Optional<Watch> watchFor(String account, String region, DescribeTrainingJobResponse job) {
        if (job.tuningJobArn() == null) {
            return Optional.empty();
        }
        String arn = job.tuningJobArn();
        return tuning.findByArnName(account, region, arn.substring(arn.lastIndexOf('/') + 1))
                .map(r -> sdk.read(r.doc(), DescribeHyperParameterTuningJobResponse.class))
                .filter(t -> arn.equals(t.hyperParameterTuningJobArn()))
                .flatMap(t -> rule(account, region, t).map(rule -> new Watch(
                        t.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().metricName(), rule, job.tuningJobArn(),
                        job.trainingJobName())));
    }

    /** Hyperband's successive halving, or AUTO early stopping's median rule, or none. */
    private Optional<StoppingRule> rule(String account, String region, DescribeHyperParameterTuningJobResponse t) {
        HyperParameterTuningJobConfig config = t.hyperParameterTuningJobConfig();
        boolean maximize = "Maximize".equals(config.hyperParameterTuningJobObjective().typeAsString());
        boolean hyperband = "Hyperband".equals(config.strategyAsString());
        if (!hyperband && !"Auto".equals(config.trainingJobEarlyStoppingTypeAsString())) {
            return Optional.empty();
        }
        List<List<Double>> previous = store.objectiveSeries(account, region, t.hyperParameterTuningJobArn()).stream()
                .map(MedianStopping::read).toList();
        if (!hyperband) {
            return Optional.of(new MedianStopping(maximize, previous));
        }
        Map<String, String> statics = t.trainingJobDefinition().hasStaticHyperParameters() ? t.trainingJobDefinition().staticHyperParameters()
                : Map.of();
        Integer max = Hyperband.maxResource(config, statics);
        return Optional.of(new SuccessiveHalving(maximize, Hyperband.minResource(config), max == null ? Integer.MAX_VALUE : max, previous));
    }

    /** Stores the job's series; called before the job's end is stored, so that the tuning job's next job finds it. */
    void ended(String account, String region, Watch watch) {
        List<Double> series = watch.rule().series();
        if (!series.isEmpty()) {
            store.saveObjectiveSeries(account, region, watch.tuningJobArn(), watch.trainingJob(), MedianStopping.write(series));
        }
    }
}
