package io.haneul.sagemaker.training;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.FinalHyperParameterTuningJobObjectiveMetric;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ObjectiveStatusCounters;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatusCounters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperparameter tuning jobs: what CreateHyperParameterTuningJob accepts (Random, Grid, Bayesian ({@link BayesianSearch})
 * and Hyperband ({@link Hyperband}) strategies, early stopping ({@link EarlyStopping}), one training job definition, an
 * objective, valid ranges), and {@link #tick}, which the scheduler runs every half second while the job is open: it
 * launches training jobs up to MaxParallelTrainingJobs and MaxNumberOfTrainingJobs (each named {@code <tuning job>-NNN-xxxxxxxx}, with the drawn values, the static
 * hyperparameters and {@code _tuning_objective_metric}), counts their outcomes, keeps BestTrainingJob,
 * and ends the tuning job Completed (Failed when no training job succeeded) or Stopped.
 */
final class TuningJobs {

    static final String KIND = "sagemaker.tuning-job";
    private static final Duration TICK = Duration.ofMillis(500);

    private final SqlTuningJobs store;
    private final SqlTrainingJobs trainingStore;
    private final TrainingJobs training;
    private final DurableScheduler scheduler;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    TuningJobs(SqlTuningJobs store, SqlTrainingJobs trainingStore, TrainingJobs training, DurableScheduler scheduler, Clock clock) {
        this.store = store;
        this.trainingStore = trainingStore;
        this.training = training;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static String arn(String account, String region, String name) {
        return "arn:aws:sagemaker:" + region + ":" + account + ":hyper-parameter-tuning-job/" + name.toLowerCase(Locale.ROOT);
    }

    String create(String account, String region, CreateHyperParameterTuningJobRequest r) {
        HyperParameterTuningJobConfig config = r.hyperParameterTuningJobConfig();
        String strategy = config.strategyAsString();
        if (!"Random".equals(strategy) && !"Grid".equals(strategy) && !"Bayesian".equals(strategy) && !"Hyperband".equals(strategy)) {
            throw TrainingErrors.validation("The tuning strategy " + strategy + " is not supported.");
        }
        if (r.hasTrainingJobDefinitions() && !r.trainingJobDefinitions().isEmpty()) {
            throw TrainingErrors.validation("Haneul runs tuning jobs of one TrainingJobDefinition; TrainingJobDefinitions is not supported.");
        }
        HyperParameterTrainingJobDefinition def = r.trainingJobDefinition();
        if (def == null) {
            throw TrainingErrors.validation("TrainingJobDefinition must be specified.");
        }
        HyperParameterTuningJobObjective objective = config.hyperParameterTuningJobObjective();
        if (objective == null) {
            throw TrainingErrors.validation("HyperParameterTuningJobObjective must be specified.");
        }
        ParameterRanges ranges = config.parameterRanges();
        if (ranges == null) {
            throw TrainingErrors.validation("ParameterRanges must be specified.");
        }
        String problem = TuningSearch.problem(ranges, strategy, def.hasStaticHyperParameters() ? def.staticHyperParameters() : Map.of());
        if (problem != null) {
            throw TrainingErrors.validation(problem);
        }
        if (strategy.equals("Hyperband")) {
            String hyperband = Hyperband.problem(config, def.hasStaticHyperParameters() ? def.staticHyperParameters() : Map.of());
            if (hyperband != null) {
                throw TrainingErrors.validation(hyperband);
            }
        }
        Integer max = config.resourceLimits().maxNumberOfTrainingJobs();
        if (!strategy.equals("Grid") && max == null) {
            throw TrainingErrors.validation("MaxNumberOfTrainingJobs must be specified for the " + strategy + " strategy.");
        }
        // checks the definition the way CreateTrainingJob will (image, ResourceConfig, channels, S3 URIs)
        training.check(trainingRequest(def, "validation-probe", Map.of()));
        Instant now = clock.instant();
        String arn = arn(account, region, r.hyperParameterTuningJobName());
        HyperParameterTuningJobConfig stored = config.randomSeed() != null ? config
                : config.toBuilder().randomSeed((int) (Math.abs((long) r.hyperParameterTuningJobName().hashCode()) % 100_000)).build();
        DescribeHyperParameterTuningJobResponse doc = DescribeHyperParameterTuningJobResponse.builder()
                .hyperParameterTuningJobName(r.hyperParameterTuningJobName())
                .hyperParameterTuningJobArn(arn)
                .hyperParameterTuningJobConfig(stored)
                .trainingJobDefinition(def)
                .hyperParameterTuningJobStatus("InProgress")
                .creationTime(now)
                .lastModifiedTime(now)
                .trainingJobStatusCounters(TrainingJobStatusCounters.builder().completed(0).inProgress(0).retryableError(0)
                        .nonRetryableError(0).stopped(0).build())
                .objectiveStatusCounters(ObjectiveStatusCounters.builder().succeeded(0).pending(0).failed(0).build())
                .build();
        SqlTuningJobs.Row row = new SqlTuningJobs.Row(account, region, r.hyperParameterTuningJobName(), "InProgress", now.toEpochMilli(),
                now.toEpochMilli(), sdk.write(doc));
        boolean created = store.database().write(c -> {
            if (!store.insert(c, row)) {
                return false;
            }
            scheduler.schedule(c, KIND, arn, TrainingJobRunner.payload(account, region, r.hyperParameterTuningJobName()), now);
            return true;
        });
        if (!created) {
            throw TrainingErrors.inUse("Hyperparameter tuning job names must be unique within an AWS account and region, and a hyperparameter "
                    + "tuning job with this name already exists (" + arn + ")");
        }
        scheduler.wake();
        return arn;
    }

    private static CreateTrainingJobRequest trainingRequest(HyperParameterTrainingJobDefinition def, String name, Map<String, String> hps) {
        return CreateTrainingJobRequest.builder().trainingJobName(name)
                .algorithmSpecification(a -> a.trainingImage(def.algorithmSpecification().trainingImage())
                        .algorithmName(def.algorithmSpecification().algorithmName())
                        .trainingInputMode(def.algorithmSpecification().trainingInputModeAsString())
                        .metricDefinitions(def.algorithmSpecification().hasMetricDefinitions() ? def.algorithmSpecification().metricDefinitions() : null))
                .roleArn(def.roleArn()).inputDataConfig(def.hasInputDataConfig() ? def.inputDataConfig() : null)
                .outputDataConfig(def.outputDataConfig()).resourceConfig(def.resourceConfig()).stoppingCondition(def.stoppingCondition())
                .vpcConfig(def.vpcConfig()).checkpointConfig(def.checkpointConfig()).hyperParameters(hps)
                .enableNetworkIsolation(def.enableNetworkIsolation()).enableManagedSpotTraining(def.enableManagedSpotTraining())
                .environment(def.hasEnvironment() ? def.environment() : null).build();
    }

    DescribeHyperParameterTuningJobResponse describe(String account, String region, String name) {
        return find(account, region, name).orElseThrow(() -> TrainingErrors.resourceNotFound("Amazon SageMaker can't find a tuning job named "
                + name + "."));
    }

    Optional<DescribeHyperParameterTuningJobResponse> find(String account, String region, String name) {
        return store.find(account, region, name).map(row -> sdk.read(row.doc(), DescribeHyperParameterTuningJobResponse.class));
    }

    List<DescribeHyperParameterTuningJobResponse> all(String account, String region) {
        return store.all(account, region).stream().map(row -> sdk.read(row.doc(), DescribeHyperParameterTuningJobResponse.class)).toList();
    }

    void stop(String account, String region, String name) {
        DescribeHyperParameterTuningJobResponse doc = describe(account, region, name);
        String status = doc.hyperParameterTuningJobStatusAsString();
        if (status.equals("Stopping")) {
            return;
        }
        if (!status.equals("InProgress")) {
            throw TrainingErrors.validation("The hyperparameter tuning job " + name + " is in status " + status + " and cannot be stopped.");
        }
        update(account, region, name, current -> current.hyperParameterTuningJobStatusAsString().equals("InProgress")
                ? current.toBuilder().hyperParameterTuningJobStatus("Stopping").build() : null);
        scheduler.wake();
    }

    /** The training jobs of a tuning job, as ListTrainingJobsForHyperParameterTuningJob and BestTrainingJob show them. */
    List<HyperParameterTrainingJobSummary> trainingJobs(String account, String region, DescribeHyperParameterTuningJobResponse tuning) {
        List<HyperParameterTrainingJobSummary> out = new ArrayList<>();
        for (DescribeTrainingJobResponse job : training.list(account, region, new SqlTrainingJobs.Filter(null, null, null, null, null, null,
                tuning.hyperParameterTuningJobArn()))) {
            out.add(summary(tuning, job));
        }
        return out;
    }

    private static HyperParameterTrainingJobSummary summary(DescribeHyperParameterTuningJobResponse tuning, DescribeTrainingJobResponse job) {
        HyperParameterTuningJobObjective objective = tuning.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        ParameterRanges ranges = tuning.hyperParameterTuningJobConfig().parameterRanges();
        Map<String, String> tuned = new HashMap<>();
        List<String> names = new ArrayList<>();
        ranges.integerParameterRanges().forEach(r -> names.add(r.name()));
        ranges.continuousParameterRanges().forEach(r -> names.add(r.name()));
        ranges.categoricalParameterRanges().forEach(r -> names.add(r.name()));
        for (String n : names) {
            if (job.hyperParameters().containsKey(n)) {
                tuned.put(n, job.hyperParameters().get(n));
            }
        }
        Optional<MetricData> metric = job.finalMetricDataList().stream().filter(m -> m.metricName().equals(objective.metricName())).findFirst();
        String status = job.trainingJobStatusAsString();
        // a job early stopping ended still reported its objective, epoch by epoch: its last value counts when it left a model
        // (only a job with a model can be the BestTrainingJob)
        HyperParameterTuningJobConfig config = tuning.hyperParameterTuningJobConfig();
        boolean scored = status.equals("Completed") || status.equals("Stopped") && job.modelArtifacts() != null
                && ("Auto".equals(config.trainingJobEarlyStoppingTypeAsString()) || "Hyperband".equals(config.strategyAsString()));
        String objectiveStatus = status.equals("InProgress") || status.equals("Stopping") ? "Pending"
                : metric.isPresent() && scored ? "Succeeded" : "Failed";
        HyperParameterTrainingJobSummary.Builder b = HyperParameterTrainingJobSummary.builder()
                .trainingJobName(job.trainingJobName()).trainingJobArn(job.trainingJobArn())
                .tuningJobName(tuning.hyperParameterTuningJobName()).creationTime(job.creationTime())
                .trainingStartTime(job.trainingStartTime()).trainingEndTime(job.trainingEndTime())
                .trainingJobStatus(status).tunedHyperParameters(tuned).failureReason(job.failureReason())
                .objectiveStatus(objectiveStatus);
        if (metric.isPresent() && scored) {
            b.finalHyperParameterTuningJobObjectiveMetric(FinalHyperParameterTuningJobObjectiveMetric.builder()
                    .type(objective.type()).metricName(objective.metricName()).value(metric.get().value()).build());
        }
        return b.build();
    }

    /** Comparator putting the best objective value first (Maximize or Minimize); jobs without a value last. */
    static Comparator<HyperParameterTrainingJobSummary> bestFirst(String type) {
        Comparator<Float> values = "Maximize".equals(type) ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing((HyperParameterTrainingJobSummary s) -> s.finalHyperParameterTuningJobObjectiveMetric() == null
                ? null : s.finalHyperParameterTuningJobObjectiveMetric().value(), Comparator.nullsLast(values));
    }

    /** One round of the tuning job's loop; true when the job is still open (the caller runs it again after {@link #TICK}). */
    boolean tick(String account, String region, String name) {
        Optional<DescribeHyperParameterTuningJobResponse> found = find(account, region, name);
        if (found.isEmpty()) {
            return false;
        }
        DescribeHyperParameterTuningJobResponse tuning = found.get();
        String status = tuning.hyperParameterTuningJobStatusAsString();
        if (!status.equals("InProgress") && !status.equals("Stopping")) {
            return false;
        }
        List<HyperParameterTrainingJobSummary> jobs = trainingJobs(account, region, tuning);
        long running = jobs.stream().filter(j -> j.trainingJobStatusAsString().equals("InProgress")
                || j.trainingJobStatusAsString().equals("Stopping")).count();
        HyperParameterTuningJobConfig config = tuning.hyperParameterTuningJobConfig();
        String strategy = config.strategyAsString();
        int limit = strategy.equals("Grid") ? Math.min(TuningSearch.gridSize(config.parameterRanges()),
                config.resourceLimits().maxNumberOfTrainingJobs() == null ? Integer.MAX_VALUE : config.resourceLimits().maxNumberOfTrainingJobs())
                : config.resourceLimits().maxNumberOfTrainingJobs();
        int launched = jobs.size();
        if (status.equals("Stopping")) {
            for (HyperParameterTrainingJobSummary j : jobs) {
                if (j.trainingJobStatusAsString().equals("InProgress")) {
                    try {
                        training.stop(account, region, j.trainingJobName());
                    } catch (RuntimeException e) {
                        // it ended meanwhile
                    }
                }
            }
        } else {
            int parallel = config.resourceLimits().maxParallelTrainingJobs();
            List<BayesianSearch.Trial> trials = trials(jobs);
            long ended = jobs.stream().filter(j -> !j.objectiveStatusAsString().equals("Pending")).count();
            // the Bayesian strategy's surrogate needs its random start to have ended before it chooses
            boolean surrogateWaits = strategy.equals("Bayesian") && ended < BayesianSearch.RANDOM_START;
            while (running < parallel && launched < limit && !(surrogateWaits && launched >= BayesianSearch.RANDOM_START)) {
                trials.add(new BayesianSearch.Trial(launch(account, region, tuning, launched, trials), null));
                launched++;
                running++;
            }
            jobs = trainingJobs(account, region, tuning);
        }
        boolean open = jobs.stream().anyMatch(j -> j.objectiveStatusAsString().equals("Pending"));
        boolean done = !open && (status.equals("Stopping") || launched >= limit);
        List<HyperParameterTrainingJobSummary> finalJobs = jobs;
        update(account, region, name, current -> {
            String now = current.hyperParameterTuningJobStatusAsString();
            if (!now.equals("InProgress") && !now.equals("Stopping")) {
                return null;
            }
            DescribeHyperParameterTuningJobResponse.Builder b = counted(current.toBuilder(), finalJobs);
            Optional<HyperParameterTrainingJobSummary> best = finalJobs.stream()
                    .filter(j -> j.finalHyperParameterTuningJobObjectiveMetric() != null)
                    .min(bestFirst(config.hyperParameterTuningJobObjective().typeAsString()));
            best.ifPresent(j -> b.bestTrainingJob(j).overallBestTrainingJob(j));
            if (done) {
                b.hyperParameterTuningEndTime(clock.instant());
                if (now.equals("Stopping")) {
                    b.hyperParameterTuningJobStatus("Stopped");
                } else if (best.isEmpty()) {
                    b.hyperParameterTuningJobStatus("Failed").failureReason("All training jobs failed. The tuning job found no training job "
                            + "that reported the objective metric " + config.hyperParameterTuningJobObjective().metricName() + ".");
                } else {
                    b.hyperParameterTuningJobStatus("Completed");
                }
            }
            return b.build();
        });
        return !done;
    }

    /** What the training jobs so far tried and scored (null while running; failed jobs are left out), for the Bayesian strategy. */
    private static List<BayesianSearch.Trial> trials(List<HyperParameterTrainingJobSummary> jobs) {
        List<BayesianSearch.Trial> out = new ArrayList<>();
        for (HyperParameterTrainingJobSummary j : jobs) {
            switch (j.objectiveStatusAsString()) {
                case "Pending" -> out.add(new BayesianSearch.Trial(j.tunedHyperParameters(), null));
                case "Succeeded" -> out.add(new BayesianSearch.Trial(j.tunedHyperParameters(),
                        (double) j.finalHyperParameterTuningJobObjectiveMetric().value()));
                default -> { }
            }
        }
        return out;
    }

    /** Launches training job {@code index}; answers the values it tries. */
    private Map<String, String> launch(String account, String region, DescribeHyperParameterTuningJobResponse tuning, int index,
                                       List<BayesianSearch.Trial> trials) {
        HyperParameterTuningJobConfig config = tuning.hyperParameterTuningJobConfig();
        HyperParameterTrainingJobDefinition def = tuning.trainingJobDefinition();
        Map<String, String> hps = new HashMap<>(def.hasStaticHyperParameters() ? def.staticHyperParameters() : Map.of());
        Map<String, String> values = config.strategyAsString().equals("Bayesian")
                ? BayesianSearch.propose(config.parameterRanges(), "Maximize".equals(config.hyperParameterTuningJobObjective().typeAsString()),
                        config.randomSeed(), index, trials)
                : TuningSearch.draw(config.parameterRanges(), config.strategyAsString().equals("Grid") ? "Grid" : "Random",
                        config.randomSeed(), index);
        hps.putAll(values);
        hps.put("_tuning_objective_metric", config.hyperParameterTuningJobObjective().metricName());
        String jobName = String.format("%s-%03d-%08x", tuning.hyperParameterTuningJobName(), index + 1,
                (tuning.hyperParameterTuningJobArn() + index).hashCode());
        try {
            training.create(account, region, trainingRequest(def, jobName, hps), tuning.hyperParameterTuningJobArn());
        } catch (io.haneul.core.error.AwsErrorException e) {
            if (!e.code().equals("ResourceInUse")) {
                throw e; // an existing name: launched before a restart, counted from the store
            }
        }
        return values;
    }

    private static DescribeHyperParameterTuningJobResponse.Builder counted(DescribeHyperParameterTuningJobResponse.Builder b,
                                                                          List<HyperParameterTrainingJobSummary> jobs) {
        int completed = 0;
        int inProgress = 0;
        int failed = 0;
        int stopped = 0;
        int succeeded = 0;
        int pending = 0;
        int objectiveFailed = 0;
        for (HyperParameterTrainingJobSummary j : jobs) {
            switch (j.trainingJobStatusAsString()) {
                case "Completed" -> completed++;
                case "Failed" -> failed++;
                case "Stopped" -> stopped++;
                default -> inProgress++;
            }
            switch (j.objectiveStatusAsString()) {
                case "Succeeded" -> succeeded++;
                case "Pending" -> pending++;
                default -> objectiveFailed++;
            }
        }
        return b.trainingJobStatusCounters(TrainingJobStatusCounters.builder().completed(completed).inProgress(inProgress)
                        .nonRetryableError(failed).retryableError(0).stopped(stopped).build())
                .objectiveStatusCounters(ObjectiveStatusCounters.builder().succeeded(succeeded).pending(pending).failed(objectiveFailed).build());
    }

    private void update(String account, String region, String name,
                        java.util.function.UnaryOperator<DescribeHyperParameterTuningJobResponse> change) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<SqlTuningJobs.Row> row = store.find(account, region, name);
            if (row.isEmpty()) {
                return;
            }
            DescribeHyperParameterTuningJobResponse next = change.apply(sdk.read(row.get().doc(), DescribeHyperParameterTuningJobResponse.class));
            if (next == null) {
                return;
            }
            next = next.toBuilder().lastModifiedTime(clock.instant()).build();
            if (store.replaceIf(account, region, name, row.get().status(), next.hyperParameterTuningJobStatusAsString(),
                    next.lastModifiedTime().toEpochMilli(), sdk.write(next))) {
                return;
            }
        }
        throw new IllegalStateException("tuning job " + name + " kept changing while being updated");
    }

    Duration tickInterval() {
        return TICK;
    }
}
