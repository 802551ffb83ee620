package io.haneul.it.sagemaker;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.haneul.it.sagemaker.SageMakerClients.XGBOOST;
import static io.haneul.it.sagemaker.SageMakerClients.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What depends on time and on the server's life, on a clock the test moves: MaxRuntimeInSeconds ends
 * a job that is still training (Stopped, MaxRuntimeExceeded), and a job training when its server stops
 * is Failed with a reason saying so once the server is started again on the same data.
 */
class SageMakerTrainingClockIT {

    @Test
    void maxRuntimeStopsTheJobAndARestartFailsTheInterruptedOne() throws Exception {
        MutableClock clock = new MutableClock();
        TestServer first = TestServer.start(clock, "--sagemaker-parallel-jobs", "2");
        Path dataDir = first.dataDir();
        String interrupted = SageMakerClients.name("interrupted");
        try (SageMakerClients c = new SageMakerClients(first)) {
            String bucket = c.bucket("clock");
            c.put(bucket, "train/data.csv", TrainingData.separable(new Random(1), 300, true, null));

            String timed = SageMakerClients.name("timed");
            c.sm.createTrainingJob(job(timed, XGBOOST, bucket, Map.of("num_round", "100000000", "max_depth", "2"), false,
                    b -> b.stoppingCondition(s -> s.maxRuntimeInSeconds(60))));
            c.awaitSecondary(timed, "Training");
            clock.advance(Duration.ofSeconds(61));
            DescribeTrainingJobResponse stopped = c.awaitEnd(timed);
            assertEquals("Stopped", stopped.trainingJobStatusAsString());
            assertEquals("MaxRuntimeExceeded", stopped.secondaryStatusAsString());
            assertEquals(List.of("Starting", "Downloading", "Training", "MaxRuntimeExceeded"),
                    stopped.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::statusAsString).toList());
            // a stopped job keeps the model of the rounds it trained, if it trained any before the stop (as SageMaker's
            // algorithms save what they have): never anything but its own output path
            if (stopped.modelArtifacts() != null) {
                assertEquals("s3://" + bucket + "/output/" + timed + "/output/model.tar.gz", stopped.modelArtifacts().s3ModelArtifacts());
            }

            c.sm.createTrainingJob(job(interrupted, XGBOOST, bucket, Map.of("num_round", "100000000", "max_depth", "2"), false, b -> { }));
            c.awaitSecondary(interrupted, "Training");
        }
        first.close();

        clock.advance(Duration.ofMinutes(2)); // past the scheduler lease, in case the stop could not record the outcome
        try (TestServer second = TestServer.startIn(dataDir, clock, "--sagemaker-parallel-jobs", "2");
             SageMakerClients c = new SageMakerClients(second)) {
            DescribeTrainingJobResponse failed = c.awaitEnd(interrupted);
            assertEquals("Failed", failed.trainingJobStatusAsString());
            assertTrue(failed.failureReason().contains("interrupted because the Haneul server running it stopped"), failed.failureReason());
            assertEquals("Failed", failed.secondaryStatusAsString());
        }
    }
}
