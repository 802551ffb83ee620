package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.script.PythonFinder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A processing job running when its server stops is not lost: after the restart it reads Failed with the reason
 * that it was interrupted (a script cannot resume), as training jobs do; its script was ended with the server.
 */
class SageMakerProcessingRestartIT {

    @Test
    void aJobInterruptedByARestartEndsFailed() throws Exception {
        Assumptions.assumeTrue(PythonFinder.ofMachine(null).find().isPresent(), "no python3 on this machine: processing jobs not tested");
        TestServer first = TestServer.start();
        Path dataDir = first.dataDir();
        String name = SageMakerClients.name("proc-restart");
        try (HostingClients c = new HostingClients(first)) {
            String bucket = c.bucket("proc-restart");
            c.s3.putObject(b -> b.bucket(bucket).key("code/process.py"), RequestBody.fromString(ScriptSources.resource("process.py")));
            c.sm.createProcessingJob(b -> b.processingJobName(name).roleArn(HostingClients.ROLE)
                    .appSpecification(a -> a.imageUri(SageMakerProcessingIT.IMAGE)
                            .containerEntrypoint("python3", "/opt/ml/processing/input/code/process.py").containerArguments("--sleep", "600"))
                    .processingInputs(i -> i.inputName("code").s3Input(s -> s.s3Uri("s3://" + bucket + "/code/process.py")
                            .localPath("/opt/ml/processing/input/code").s3DataType("S3Prefix")))
                    .processingResources(r -> r.clusterConfig(cc -> cc.instanceCount(1).instanceType("ml.m5.large").volumeSizeInGB(5))));
            for (int i = 0; i < 1200 && c.sm.describeProcessingJob(b -> b.processingJobName(name)).processingStartTime() == null; i++) {
                Thread.sleep(50);
            }
        }
        first.close();
        try (TestServer second = TestServer.startIn(dataDir, Clock.systemUTC()); HostingClients c = new HostingClients(second)) {
            DescribeProcessingJobResponse d = c.sm.describeProcessingJob(b -> b.processingJobName(name));
            for (int i = 0; i < 1200 && d.processingJobStatusAsString().equals("InProgress"); i++) {
                Thread.sleep(100);
                d = c.sm.describeProcessingJob(b -> b.processingJobName(name));
            }
            assertEquals("Failed", d.processingJobStatusAsString());
            assertTrue(d.failureReason().contains("interrupted because the Haneul server running it stopped"), d.failureReason());
        }
    }
}
