package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static io.haneul.it.sagemaker.SageMakerClients.ROLE;
import static io.haneul.it.sagemaker.SageMakerClients.XGBOOST;
import static io.haneul.it.sagemaker.SageMakerClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hyperparameter tuning of the built-in XGBoost: a Random search over a logarithmic continuous range and
 * an integer range, and a Grid search over categorical values, each launching real training jobs no more
 * than MaxParallelTrainingJobs at once, with counters, BestTrainingJob (the best objective value of its
 * training jobs) and ListTrainingJobsForHyperParameterTuningJob sorted by objective; AWS's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerTuningIT {

    TestServer server;
    SageMakerClients c;
    String bucket;

    @BeforeAll
    void start() {
        server = TestServer.start("--sagemaker-parallel-jobs", "2");
        c = new SageMakerClients(server);
        bucket = c.bucket("tuning");
        Random random = new Random(31);
        c.put(bucket, "train/data.csv", TrainingData.separable(random, 400, true, null));
        c.put(bucket, "validation/data.csv", TrainingData.separable(random, 200, true, null));
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private CreateHyperParameterTuningJobRequest tuning(String name, String strategy, Integer max, Consumer<ParameterRanges.Builder> ranges) {
        software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest t = SageMakerClients.job("unused", XGBOOST, bucket,
                Map.of(), true, b -> { });
        return CreateHyperParameterTuningJobRequest.builder().hyperParameterTuningJobName(name)
                .hyperParameterTuningJobConfig(cfg -> cfg.strategy(strategy)
                        .hyperParameterTuningJobObjective(o -> o.type("Minimize").metricName("validation:logloss"))
                        .resourceLimits(l -> l.maxNumberOfTrainingJobs(max).maxParallelTrainingJobs(2))
                        .parameterRanges(ranges))
                .trainingJobDefinition(d -> d.algorithmSpecification(a -> a.trainingImage(XGBOOST).trainingInputMode("File"))
                        .roleArn(ROLE).inputDataConfig(t.inputDataConfig()).outputDataConfig(t.outputDataConfig())
                        .resourceConfig(t.resourceConfig()).stoppingCondition(t.stoppingCondition())
                        .staticHyperParameters(Map.of("objective", "binary:logistic", "num_round", "10")))
                .build();
    }

    private DescribeHyperParameterTuningJobResponse awaitEnd(String name) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeHyperParameterTuningJobResponse d = c.sm.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
            if (!d.hyperParameterTuningJobStatusAsString().equals("InProgress") && !d.hyperParameterTuningJobStatusAsString().equals("Stopping")) {
                return d;
            }
            assertTrue(d.trainingJobStatusCounters().inProgress() <= 2, "never more than MaxParallelTrainingJobs at once: " + d);
            Thread.sleep(100);
        }
        throw new AssertionError("tuning job " + name + " never ended");
    }

    @Test
    void randomSearchRunsTrainingJobsAndPicksTheBest() throws Exception {
        String name = SageMakerClients.name("random");
        String arn = c.sm.createHyperParameterTuningJob(tuning(name, "Random", 4, r -> r
                .continuousParameterRanges(x -> x.name("eta").minValue("0.01").maxValue("0.5").scalingType("Logarithmic"))
                .integerParameterRanges(x -> x.name("max_depth").minValue("1").maxValue("6")))).hyperParameterTuningJobArn();
        assertEquals("arn:aws:sagemaker:us-east-1:111111111111:hyper-parameter-tuning-job/" + name, arn);
        DescribeHyperParameterTuningJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.hyperParameterTuningJobStatusAsString(), String.valueOf(done.failureReason()));
        assertEquals(4, done.trainingJobStatusCounters().completed());
        assertEquals(4, done.objectiveStatusCounters().succeeded());
        assertNotNull(done.hyperParameterTuningEndTime());

        List<HyperParameterTrainingJobSummary> jobs = c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name)
                .sortBy("FinalObjectiveMetricValue")).trainingJobSummaries();
        assertEquals(4, jobs.size());
        float bestValue = jobs.getFirst().finalHyperParameterTuningJobObjectiveMetric().value();
        for (HyperParameterTrainingJobSummary j : jobs) {
            assertTrue(j.trainingJobName().startsWith(name + "-"), j.trainingJobName());
            assertTrue(j.finalHyperParameterTuningJobObjectiveMetric().value() >= bestValue);
            double eta = Double.parseDouble(j.tunedHyperParameters().get("eta"));
            int depth = Integer.parseInt(j.tunedHyperParameters().get("max_depth"));
            assertTrue(eta >= 0.01 && eta <= 0.5 && depth >= 1 && depth <= 6, j.tunedHyperParameters().toString());
            assertEquals("Succeeded", j.objectiveStatusAsString());
        }
        assertEquals(jobs.getFirst().trainingJobName(), done.bestTrainingJob().trainingJobName());
        assertEquals(bestValue, done.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value());

        DescribeTrainingJobResponse child = c.sm.describeTrainingJob(b -> b.trainingJobName(jobs.getFirst().trainingJobName()));
        assertEquals(arn, child.tuningJobArn());
        assertEquals("validation:logloss", child.hyperParameters().get("_tuning_objective_metric"));
        assertEquals("10", child.hyperParameters().get("num_round"));
        assertTrue(c.sm.listHyperParameterTuningJobs(b -> b.nameContains(name)).hyperParameterTuningJobSummaries().stream()
                .anyMatch(s -> s.hyperParameterTuningJobName().equals(name) && s.strategyAsString().equals("Random")
                        && s.trainingJobStatusCounters().completed() == 4));
    }

    @Test
    void gridSearchTriesEveryCombination() throws Exception {
        String name = SageMakerClients.name("grid");
        c.sm.createHyperParameterTuningJob(tuning(name, "Grid", null, r -> r
                .categoricalParameterRanges(x -> x.name("max_depth").values("2", "4"), x -> x.name("eta").values("0.1", "0.3"))));
        DescribeHyperParameterTuningJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.hyperParameterTuningJobStatusAsString());
        Set<String> combinations = new HashSet<>();
        for (HyperParameterTrainingJobSummary j : c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name))
                .trainingJobSummaries()) {
            combinations.add(j.tunedHyperParameters().get("max_depth") + "/" + j.tunedHyperParameters().get("eta"));
        }
        assertEquals(Set.of("2/0.1", "2/0.3", "4/0.1", "4/0.3"), combinations);
    }

    @Test
    void bayesianSearchStartsRandomlyThenFollowsItsSurrogate() throws Exception {
        String random = SageMakerClients.name("rnd");
        String bayesian = SageMakerClients.name("bayes");
        Consumer<ParameterRanges.Builder> ranges = r -> r
                .continuousParameterRanges(x -> x.name("eta").minValue("0.01").maxValue("0.5").scalingType("Logarithmic"))
                .integerParameterRanges(x -> x.name("max_depth").minValue("1").maxValue("6"));
        for (String[] job : new String[][]{{random, "Random"}, {bayesian, "Bayesian"}}) {
            CreateHyperParameterTuningJobRequest request = tuning(job[0], job[1], 5, ranges);
            c.sm.createHyperParameterTuningJob(request.toBuilder().hyperParameterTuningJobConfig(request.hyperParameterTuningJobConfig()
                    .toBuilder().randomSeed(11).build()).build());
        }
        DescribeHyperParameterTuningJobResponse done = awaitEnd(bayesian);
        awaitEnd(random);
        assertEquals("Completed", done.hyperParameterTuningJobStatusAsString(), String.valueOf(done.failureReason()));
        assertEquals("Bayesian", done.hyperParameterTuningJobConfig().strategyAsString());
        assertEquals(5, done.objectiveStatusCounters().succeeded());
        Map<String, Map<String, String>> randomValues = new java.util.TreeMap<>();
        Map<String, Map<String, String>> bayesianValues = new java.util.TreeMap<>();
        for (HyperParameterTrainingJobSummary j : c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(random))
                .trainingJobSummaries()) {
            randomValues.put(j.trainingJobName().substring(random.length() + 1, random.length() + 4), j.tunedHyperParameters());
        }
        for (HyperParameterTrainingJobSummary j : c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(bayesian))
                .trainingJobSummaries()) {
            bayesianValues.put(j.trainingJobName().substring(bayesian.length() + 1, bayesian.length() + 4), j.tunedHyperParameters());
        }
        // the same seed: the first three jobs draw the same values, the later ones are the surrogate's choice
        for (String index : List.of("001", "002", "003")) {
            assertEquals(randomValues.get(index), bayesianValues.get(index), index);
        }
        for (String index : List.of("004", "005")) {
            assertTrue(!randomValues.get(index).equals(bayesianValues.get(index)), index + ": " + bayesianValues.get(index));
        }
    }

    @Test
    void earlyStoppingStopsAJobWorseThanThePreviousOnes() throws Exception {
        // capitals in the name: the tuning job's ARN holds it in lower case, and its training jobs still find it there
        String name = SageMakerClients.name("Early");
        CreateHyperParameterTuningJobRequest request = tuning(name, "Grid", null, r -> r
                .categoricalParameterRanges(x -> x.name("eta").values("0.3", "0.25", "0.2", "0.0001")));
        c.sm.createHyperParameterTuningJob(request.toBuilder().hyperParameterTuningJobConfig(request.hyperParameterTuningJobConfig()
                .toBuilder().trainingJobEarlyStoppingType("Auto")
                .resourceLimits(l -> l.maxNumberOfTrainingJobs(4).maxParallelTrainingJobs(1)).build()).build());
        DescribeHyperParameterTuningJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.hyperParameterTuningJobStatusAsString(), String.valueOf(done.failureReason()));
        assertEquals(3, done.trainingJobStatusCounters().completed());
        assertEquals(1, done.trainingJobStatusCounters().stopped());
        Map<String, String> statusByEta = new java.util.HashMap<>();
        String stopped = null;
        for (HyperParameterTrainingJobSummary j : c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name))
                .trainingJobSummaries()) {
            statusByEta.put(j.tunedHyperParameters().get("eta"), j.trainingJobStatusAsString());
            if (j.trainingJobStatusAsString().equals("Stopped")) {
                stopped = j.trainingJobName();
                assertNotNull(j.finalHyperParameterTuningJobObjectiveMetric(), "an early-stopped job keeps its last objective value");
            }
        }
        // the first three ran to the end (the rule needs three previous jobs); the fourth learns too slowly and is stopped
        assertEquals(Map.of("0.3", "Completed", "0.25", "Completed", "0.2", "Completed", "0.0001", "Stopped"), statusByEta);
        String stoppedJob = stopped;
        DescribeTrainingJobResponse job = c.sm.describeTrainingJob(b -> b.trainingJobName(stoppedJob));
        assertTrue(job.secondaryStatusTransitions().getLast().statusMessage().contains("early stopping"), job.toString());
        assertTrue(!done.bestTrainingJob().trainingJobName().equals(stoppedJob));
    }

    @Test
    void hyperbandStopsEveryJobByMaxResourceAndCountsItsObjective() throws Exception {
        String name = SageMakerClients.name("hyperband");
        CreateHyperParameterTuningJobRequest request = tuning(name, "Hyperband", 4, r -> r
                .continuousParameterRanges(x -> x.name("eta").minValue("0.01").maxValue("0.5").scalingType("Logarithmic")));
        c.sm.createHyperParameterTuningJob(request.toBuilder().hyperParameterTuningJobConfig(request.hyperParameterTuningJobConfig()
                .toBuilder().strategyConfig(s -> s.hyperbandStrategyConfig(h -> h.minResource(1).maxResource(3))).build())
                .trainingJobDefinition(request.trainingJobDefinition().toBuilder()
                        .staticHyperParameters(Map.of("objective", "binary:logistic", "num_round", "1000")).build()).build());
        DescribeHyperParameterTuningJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.hyperParameterTuningJobStatusAsString(), String.valueOf(done.failureReason()));
        assertEquals(4, done.trainingJobStatusCounters().stopped(), "1000 rounds asked, MaxResource 3 rounds run");
        assertEquals(4, done.objectiveStatusCounters().succeeded());
        assertNotNull(done.bestTrainingJob());
        // a job Hyperband stopped keeps the model of the rounds it ran: the best one can be served
        DescribeTrainingJobResponse best = c.sm.describeTrainingJob(b -> b.trainingJobName(done.bestTrainingJob().trainingJobName()));
        assertNotNull(best.modelArtifacts(), best.toString());
        String modelData = best.modelArtifacts().s3ModelArtifacts();
        assertTrue(modelData.endsWith("/output/model.tar.gz"), modelData);
        String model = SageMakerClients.name("hyperband-best");
        c.sm.createModel(b -> b.modelName(model).executionRoleArn(ROLE)
                .primaryContainer(p -> p.image(XGBOOST).modelDataUrl(modelData)));
        assertEquals(modelData, c.sm.describeModel(b -> b.modelName(model)).primaryContainer().modelDataUrl());
        for (HyperParameterTrainingJobSummary j : c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name))
                .trainingJobSummaries()) {
            DescribeTrainingJobResponse job = c.sm.describeTrainingJob(b -> b.trainingJobName(j.trainingJobName()));
            assertTrue(job.secondaryStatusTransitions().getLast().statusMessage().contains("Hyperband"), job.toString());
        }
    }

    @Test
    void stopEndsTheTuningJobAndItsTrainingJobs() throws Exception {
        String name = SageMakerClients.name("stopped");
        CreateHyperParameterTuningJobRequest request = tuning(name, "Random", 50, r -> r
                .integerParameterRanges(x -> x.name("max_depth").minValue("1").maxValue("3")));
        c.sm.createHyperParameterTuningJob(request.toBuilder().trainingJobDefinition(request.trainingJobDefinition().toBuilder()
                .staticHyperParameters(Map.of("objective", "binary:logistic", "num_round", "100000000"))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)).build()).build());
        for (int i = 0; i < 600 && c.sm.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name))
                .trainingJobStatusCounters().inProgress() == 0; i++) {
            Thread.sleep(100);
        }
        c.sm.stopHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
        DescribeHyperParameterTuningJobResponse stopped = awaitEnd(name);
        assertEquals("Stopped", stopped.hyperParameterTuningJobStatusAsString());
        List<HyperParameterTrainingJobSummary> jobs = c.sm.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name))
                .trainingJobSummaries();
        assertTrue(!jobs.isEmpty() && jobs.size() <= 2, jobs.toString());
        jobs.forEach(j -> assertEquals("Stopped", j.trainingJobStatusAsString()));
        expectError("ValidationException", () -> c.sm.stopHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name)));
    }

    @Test
    void errors() {
        // Hyperband needs a MaxResource (none given, and no epochs among the static hyperparameters)
        expectError("ValidationException", () -> c.sm.createHyperParameterTuningJob(tuning(SageMakerClients.name("hyperband"), "Hyperband", 2,
                r -> r.integerParameterRanges(x -> x.name("max_depth").minValue("1").maxValue("3")))));
        expectError("ValidationException", () -> c.sm.createHyperParameterTuningJob(tuning(SageMakerClients.name("gridint"), "Grid", 2,
                r -> r.integerParameterRanges(x -> x.name("max_depth").minValue("1").maxValue("3")))));
        expectError("ValidationException", () -> c.sm.createHyperParameterTuningJob(tuning(SageMakerClients.name("logzero"), "Random", 2,
                r -> r.continuousParameterRanges(x -> x.name("eta").minValue("0").maxValue("0.5").scalingType("Logarithmic")))));
        expectError("ValidationException", () -> c.sm.createHyperParameterTuningJob(tuning(SageMakerClients.name("static"), "Random", 2,
                r -> r.integerParameterRanges(x -> x.name("num_round").minValue("1").maxValue("3")))));
        expectError("ResourceNotFound", () -> c.sm.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("no-such-tuning")));
    }
}
