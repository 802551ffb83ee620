package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SageMaker Python SDK's estimator → deploy → predict round trip, reproduced with boto3 calls in
 * the order and shapes the SDK sends them (the SDK itself is not on this machine's package index):
 * label-first CSV to S3, CreateTrainingJob with the XGBoost image, the training waiter, CreateModel
 * from the job's artifact, CreateEndpointConfig with one AllTraffic variant, CreateEndpoint and the
 * endpoint_in_service waiter, InvokeEndpoint with text/csv on held-out rows (≥ 95% accuracy), the
 * runtime's ModelError as botocore models it, then delete_endpoint, delete_endpoint_config and delete_model.
 */
class SageMakerBoto3IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void estimatorDeployPredictRoundTrip() throws Exception {
        XgboostModels.Data train = XgboostModels.separable(1500, 11);
        XgboostModels.Data test = XgboostModels.separable(300, 12);
        StringBuilder labelled = new StringBuilder();
        for (int i = 0; i < train.rows().length; i++) {
            labelled.append(train.labels()[i]).append(',').append(train.rows()[i][0]).append(',').append(train.rows()[i][1]).append('\n');
        }
        Files.writeString(work.resolve("train.csv"), labelled);
        Files.writeString(work.resolve("test.csv"), test.csvWithoutLabels());
        Path script = work.resolve("sm_round_trip.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                endpoint, work = sys.argv[1], sys.argv[2]
                role = "arn:aws:iam::123456789012:role/SageMakerRole"
                image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                sm = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1")
                rt = boto3.client("sagemaker-runtime", endpoint_url=endpoint, region_name="us-east-1")
                bucket = "sagemaker-us-east-1-123456789012"
                s3.create_bucket(Bucket=bucket)
                s3.upload_file(work + "/train.csv", bucket, "xgb-demo/train/train.csv")
                job = "sagemaker-xgboost-2026-12-07-15-00-00-000"
                sm.create_training_job(
                    TrainingJobName=job,
                    AlgorithmSpecification={"TrainingImage": image, "TrainingInputMode": "File",
                                            "EnableSageMakerMetricsTimeSeries": False},
                    RoleArn=role,
                    InputDataConfig=[{"ChannelName": "train", "ContentType": "text/csv",
                                      "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
                                                                      "S3Uri": "s3://%s/xgb-demo/train" % bucket,
                                                                      "S3DataDistributionType": "FullyReplicated"}}}],
                    OutputDataConfig={"S3OutputPath": "s3://%s/xgb-demo/output" % bucket},
                    ResourceConfig={"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30},
                    StoppingCondition={"MaxRuntimeInSeconds": 86400},
                    HyperParameters={"objective": "binary:logistic", "num_round": "40", "max_depth": "4"},
                    EnableNetworkIsolation=False, EnableInterContainerTrafficEncryption=False, EnableManagedSpotTraining=False)
                sm.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName=job, WaiterConfig={"Delay": 1, "MaxAttempts": 600})
                described = sm.describe_training_job(TrainingJobName=job)
                artifact = described["ModelArtifacts"]["S3ModelArtifacts"]
                sm.create_model(ModelName=job, ExecutionRoleArn=role,
                                PrimaryContainer={"Image": image, "Environment": {}, "ModelDataUrl": artifact})
                sm.create_endpoint_config(EndpointConfigName=job, ProductionVariants=[{
                    "ModelName": job, "VariantName": "AllTraffic", "InitialVariantWeight": 1,
                    "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
                sm.create_endpoint(EndpointName=job, EndpointConfigName=job, Tags=[])
                sm.get_waiter("endpoint_in_service").wait(EndpointName=job, WaiterConfig={"Delay": 1, "MaxAttempts": 600})
                status = sm.describe_endpoint(EndpointName=job)["EndpointStatus"]
                with open(work + "/test.csv") as f:
                    payload = f.read()
                r = rt.invoke_endpoint(EndpointName=job, Body=payload, ContentType="text/csv", Accept="text/csv")
                scores = r["Body"].read().decode().strip().split("\\n")
                error = {}
                try:
                    rt.invoke_endpoint(EndpointName=job, Body="1,2,3,4,5,6", ContentType="text/csv")
                except rt.exceptions.ModelError as e:
                    error = {"code": e.response["Error"]["Code"], "original": e.response.get("OriginalStatusCode"),
                             "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
                sm.delete_endpoint(EndpointName=job)
                sm.delete_endpoint_config(EndpointConfigName=job)
                sm.delete_model(ModelName=job)
                left = len(sm.list_endpoints(NameContains="xgboost")["Endpoints"])
                print(json.dumps({"training": described["TrainingJobStatus"], "artifact": artifact, "endpoint": status,
                                  "variant": r["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-invoked-production-variant"),
                                  "contentType": r["ContentType"], "scores": scores, "error": error, "left": left}))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.toString()),
                HostingClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("Completed", out.get("training").asText());
        assertTrue(out.get("artifact").asText().endsWith("/output/model.tar.gz"), out.toString());
        assertEquals("InService", out.get("endpoint").asText());
        assertEquals("AllTraffic", out.get("variant").asText());
        assertTrue(out.get("contentType").asText().startsWith("text/csv"), out.toString());
        String[] scores = JSON.convertValue(out.get("scores"), String[].class);
        assertEquals(test.rows().length, scores.length);
        double accuracy = XgboostModels.accuracy(test, scores);
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        assertEquals("ModelError", out.at("/error/code").asText());
        assertEquals(400, out.at("/error/original").asInt());
        assertEquals(424, out.at("/error/status").asInt());
        assertEquals(0, out.get("left").asInt());
    }
}
