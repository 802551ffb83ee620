package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SageMaker Python SDK's round trip for an SKLearn estimator and an SKLearnProcessor, reproduced with boto3 in
 * the SDK's order and shapes (the SDK itself is not on this machine's package index): sourcedir.tar.gz uploaded,
 * create_training_job with JSON-encoded hyperparameters, the training_job_completed_or_stopped waiter, create_model
 * with SAGEMAKER_PROGRAM / SAGEMAKER_SUBMIT_DIRECTORY, the endpoint_in_service waiter, invoke_endpoint on held-out
 * rows; then create_processing_job with the processing_job_completed_or_stopped waiter and its output read back.
 */
class SageMakerScriptBoto3IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(ScriptSources.pythonWithSklearn().isPresent(),
                "no python3.11 with scikit-learn on this machine (./haneul and .ci/run install it with pip): script mode not tested");
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void estimatorDeployPredictAndProcessorThroughBoto3() throws Exception {
        Files.write(work.resolve("sourcedir.tar.gz"), ScriptSources.sourceDir("train.py"));
        Files.writeString(work.resolve("process.py"), ScriptSources.resource("process.py"));
        Files.writeString(work.resolve("train.csv"), ScriptSources.rows(new Random(3), 500, true, null));
        int[] truth = new int[100];
        Files.writeString(work.resolve("test.csv"), ScriptSources.rows(new Random(4), truth.length, false, truth));
        Path script = work.resolve("drive.py");
        Files.writeString(script, """
                import json, os, sys
                import boto3
                endpoint, work = sys.argv[1], sys.argv[2]
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                sm = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1")
                rt = boto3.client("sagemaker-runtime", endpoint_url=endpoint, region_name="us-east-1")
                role = "arn:aws:iam::111111111111:role/SageMakerRole"
                image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
                s3.create_bucket(Bucket="boto-script")
                s3.upload_file(os.path.join(work, "sourcedir.tar.gz"), "boto-script", "sk-job/source/sourcedir.tar.gz")
                s3.upload_file(os.path.join(work, "train.csv"), "boto-script", "data/train/data.csv")
                submit = "s3://boto-script/sk-job/source/sourcedir.tar.gz"
                hps = {"C": json.dumps(2.0), "sagemaker_program": json.dumps("train.py"),
                       "sagemaker_submit_directory": json.dumps(submit), "sagemaker_container_log_level": json.dumps(20),
                       "sagemaker_region": json.dumps("us-east-1")}
                sm.create_training_job(
                    TrainingJobName="sk-job", RoleArn=role, HyperParameters=hps,
                    AlgorithmSpecification={"TrainingImage": image, "TrainingInputMode": "File", "EnableSageMakerMetricsTimeSeries": True,
                                            "MetricDefinitions": [{"Name": "train:accuracy", "Regex": "train accuracy=([0-9.]+);"}]},
                    InputDataConfig=[{"ChannelName": "train", "DataSource": {"S3DataSource": {
                        "S3DataType": "S3Prefix", "S3Uri": "s3://boto-script/data/train", "S3DataDistributionType": "FullyReplicated"}}}],
                    OutputDataConfig={"S3OutputPath": "s3://boto-script/"},
                    ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 30},
                    StoppingCondition={"MaxRuntimeInSeconds": 86400}, EnableNetworkIsolation=False)
                sm.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName="sk-job", WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                job = sm.describe_training_job(TrainingJobName="sk-job")
                out = {"status": job["TrainingJobStatus"], "reason": job.get("FailureReason"),
                       "metrics": {m["MetricName"]: m["Value"] for m in job.get("FinalMetricDataList", [])}}
                sm.create_model(ModelName="sk-model", ExecutionRoleArn=role, PrimaryContainer={
                    "Image": image, "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"],
                    "Environment": {"SAGEMAKER_PROGRAM": "train.py", "SAGEMAKER_SUBMIT_DIRECTORY": submit,
                                    "SAGEMAKER_CONTAINER_LOG_LEVEL": "20", "SAGEMAKER_REGION": "us-east-1"}})
                sm.create_endpoint_config(EndpointConfigName="sk-model", ProductionVariants=[{
                    "VariantName": "AllTraffic", "ModelName": "sk-model", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
                sm.create_endpoint(EndpointName="sk-model", EndpointConfigName="sk-model")
                sm.get_waiter("endpoint_in_service").wait(EndpointName="sk-model", WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                with open(os.path.join(work, "test.csv")) as f:
                    answer = rt.invoke_endpoint(EndpointName="sk-model", ContentType="text/csv", Accept="application/json", Body=f.read())
                out["predictions"] = json.loads(answer["Body"].read())
                out["variant"] = answer["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-invoked-production-variant")

                s3.upload_file(os.path.join(work, "process.py"), "boto-script", "proc/code/process.py")
                s3.put_object(Bucket="boto-script", Key="proc/in/x.csv", Body=b"1,1\\n2,2\\n")
                sm.create_processing_job(
                    ProcessingJobName="sk-proc", RoleArn=role,
                    AppSpecification={"ImageUri": image, "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/process.py"],
                                      "ContainerArguments": ["--input", "/opt/ml/processing/input/data", "--output", "/opt/ml/processing/output"]},
                    ProcessingInputs=[
                        {"InputName": "input-1", "AppManaged": False, "S3Input": {"S3Uri": "s3://boto-script/proc/in", "LocalPath": "/opt/ml/processing/input/data",
                         "S3DataType": "S3Prefix", "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}},
                        {"InputName": "code", "AppManaged": False, "S3Input": {"S3Uri": "s3://boto-script/proc/code/process.py",
                         "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix", "S3InputMode": "File",
                         "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}}],
                    ProcessingOutputConfig={"Outputs": [{"OutputName": "output-1", "AppManaged": False, "S3Output": {
                        "S3Uri": "s3://boto-script/proc/out", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]},
                    ProcessingResources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30}},
                    StoppingCondition={"MaxRuntimeInSeconds": 86400})
                sm.get_waiter("processing_job_completed_or_stopped").wait(ProcessingJobName="sk-proc", WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                out["processing"] = sm.describe_processing_job(ProcessingJobName="sk-proc")["ProcessingJobStatus"]
                out["processed"] = s3.get_object(Bucket="boto-script", Key="proc/out/x.csv")["Body"].read().decode()
                out["listed"] = [j["ProcessingJobName"] for j in sm.list_processing_jobs()["ProcessingJobSummaries"]]
                print(json.dumps(out))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.toString()),
                SageMakerClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("Completed", out.get("status").asText(), out.toString());
        assertTrue(out.at("/metrics/train:accuracy").asDouble() >= 0.9, out.toString());
        assertEquals("AllTraffic", out.get("variant").asText());
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += (int) out.get("predictions").get(i).asDouble() == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.9 * truth.length, "held-out accuracy " + correct + "/" + truth.length);
        assertEquals("Completed", out.get("processing").asText());
        assertEquals("2,2\n4,4\n", out.get("processed").asText());
        assertEquals(List.of("sk-proc"), JSON.convertValue(out.get("listed"), List.class));
    }
}
