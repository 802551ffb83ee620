package io.haneul.it.console;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import io.haneul.it.support.TestServer;
import io.haneul.it.transcoder.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.appstream.AppStreamClient;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearchdomain.CloudSearchDomainClient;
import software.amazon.awssdk.services.cloudsearchdomain.model.ContentType;
import software.amazon.awssdk.services.elastictranscoder.ElasticTranscoderClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.swf.SwfClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The web console's pages of the other services in permissive mode, in headless Chromium against one server
 * (the first pages: {@link ConsoleBrowserIT}, {@link ConsoleMailStorageBrowserIT}): SWF's executions and their
 * history, API Gateway's APIs, stages and try-it panel, CloudSearch's search box with facets and highlights,
 * Elastic Transcoder's jobs with progress, SageMaker's training job with its metric curve and an endpoint's
 * predictions, Rekognition's collections, AppStream's fleets, stacks and streaming URLs, SQS's dead-letter
 * redrive, and SES's identities, templates and suppression list. What a test checks was made by the SDK or
 * by the page and is read back through the other; every page passes axe-core without serious violations.
 */
class ConsoleServicesBrowserIT {

    static final String ACCOUNT = "246813579026";
    /** For work that runs in the background (a transcoding, a training job) on a machine others share: a minute, not 20 s. */
    static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(60_000);
    static TestServer server;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        ConsoleBrowser.assumeChromium();
        server = TestServer.start("--appstream-transition-seconds", "1",
                // the Rekognition tests' converted models, kept between runs
                "--rekognition-model-dir", Path.of("target/rekognition-models").toAbsolutePath().toString());
        browser = ConsoleBrowser.on(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Any AWS SDK client of this test's account on the test server. */
    static <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    static S3Client s3() {
        return client(S3Client.builder().forcePathStyle(true));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens {@code path}, runs {@code body} (a screenshot named {@code name} when it fails), then closes the tab. */
    static void onPage(String path, String name, PageCheck body) throws Exception {
        Page page = browser.openAs(ACCOUNT, path);
        try {
            ConsoleBrowser.withScreenshotOnFailure(page, name, () -> body.run(page));
        } finally {
            page.close();
        }
    }

    @FunctionalInterface
    interface PageCheck {
        void run(Page page) throws Exception;
    }

    @Test
    void swfShowsAnExecutionsPendingWorkAndHistory() throws Exception {
        String domain = unique("flows");
        String workflowId = unique("order");
        try (SwfClient swf = client(SwfClient.builder())) {
            swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
            swf.registerWorkflowType(b -> b.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("deciders"))
                    .defaultExecutionStartToCloseTimeout("300").defaultTaskStartToCloseTimeout("30").defaultChildPolicy("TERMINATE"));
            swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).input("{\"order\": 7}")
                    .workflowType(t -> t.name("order").version("1")));
        }
        onPage("/swf", "swf", page -> {
            page.click("table[aria-label=Domains] tr[data-key='" + domain + "']");
            Locator execution = page.locator("table[aria-label='Workflow executions'] tbody tr");
            assertThat(execution).hasCount(1);
            assertThat(execution).containsText(workflowId);
            assertThat(execution).containsText("OPEN");
            execution.click();
            assertThat(page.locator("[data-testid=open-decisions]")).hasText("1");
            Locator history = page.locator("ol[aria-label=History] li");
            assertThat(history).hasCount(2);
            assertThat(history.nth(0)).containsText("WorkflowExecutionStarted");
            assertThat(history.nth(0)).containsText("{\\\"order\\\": 7}");
            assertThat(history.nth(1)).containsText("DecisionTaskScheduled");
            ConsoleBrowser.documentationShot(page, "swf");
            ConsoleBrowser.assertAccessible(page);
            page.click("button:has-text('Terminate')");
            assertThat(history.last()).containsText("WorkflowExecutionTerminated");
        });
    }

    @Test
    void apiGatewayListsApisWithTheirStagesAndTriesAStage() throws Exception {
        String restName = unique("pets");
        String httpName = unique("orders");
        String restId;
        try (ApiGatewayClient apigw = client(ApiGatewayClient.builder()); ApiGatewayV2Client v2 = client(ApiGatewayV2Client.builder())) {
            restId = apigw.createRestApi(b -> b.name(restName)).id();
            String api = restId;
            String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
            apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "{\"hello\": \"$context.stage\"}")));
            apigw.createDeployment(b -> b.restApiId(api).stageName("dev"));
            v2.createApi(b -> b.name(httpName).protocolType(ProtocolType.HTTP));
        }
        onPage("/apigateway", "apigateway", page -> {
            Locator apis = page.locator("table[aria-label=APIs]");
            assertThat(apis.locator("tr", new Locator.LocatorOptions().setHasText(httpName))).containsText("HTTP");
            Locator rest = apis.locator("tr[data-key='" + restId + "']");
            assertThat(rest).containsText("REST");
            rest.click();
            assertThat(page.locator("table[aria-label=Routes]")).containsText("GET /");
            assertThat(page.locator("table[aria-label=Stages] tr[data-key=dev]"))
                    .containsText("http://localhost:" + server.port() + "/_aws/execute-api/" + restId + "/dev/");
            page.click("button:has-text('Send request')");
            assertThat(page.locator("[data-testid=try-answer]")).containsText("200");
            assertThat(page.locator("[data-testid=try-answer] pre")).hasText("{\"hello\": \"dev\"}");
            ConsoleBrowser.documentationShot(page, "apigateway");
            ConsoleBrowser.assertAccessible(page);
        });
    }

    @Test
    void cloudSearchSearchesADomainWithFacetsAndHighlights() throws Exception {
        String name = "films-" + UUID.randomUUID().toString().substring(0, 6);
        try (CloudSearchClient cs = client(CloudSearchClient.builder())) {
            cs.createDomain(b -> b.domainName(name));
            cs.defineIndexField(b -> b.domainName(name).indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
            cs.defineIndexField(b -> b.domainName(name).indexField(f -> f.indexFieldName("genre").indexFieldType(IndexFieldType.LITERAL)
                    .literalOptions(o -> o.facetEnabled(true).returnEnabled(true).searchEnabled(true))));
            cs.indexDocuments(b -> b.domainName(name));
            DomainStatus domain = cs.describeDomains(b -> b.domainNames(name)).domainStatusList().getFirst();
            try (CloudSearchDomainClient doc = CloudSearchDomainClient.builder().endpointOverride(URI.create("http://" + domain.docService().endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build()) {
                doc.uploadDocuments(b -> b.contentType(ContentType.APPLICATION_JSON), RequestBody.fromString("""
                        [{"type":"add","id":"tt1","fields":{"title":"Star Wars","genre":"Action"}},
                         {"type":"add","id":"tt2","fields":{"title":"Star Trek & Beyond","genre":"Sci-Fi"}},
                         {"type":"add","id":"tt3","fields":{"title":"Alien","genre":"Sci-Fi"}}]"""));
            }
        }
        onPage("/cloudsearch", "cloudsearch", page -> {
            page.click("table[aria-label=Domains] tr[data-key='" + name + "']");
            Locator fields = page.locator("table[aria-label='Index fields']");
            assertThat(fields.locator("tr[data-key=genre]")).containsText("literal");
            page.fill("input[name=q]", "star");
            page.click("button:text-is('Search')");
            assertThat(page.locator("[data-testid=found]")).hasText("2 found");
            Locator hits = page.locator("table[aria-label=Hits]");
            assertThat(hits.locator("em.hl").first()).hasText("Star");
            // the highlight's escaped text is shown as the text it stands for
            assertThat(hits.locator("tr[data-key=tt2]")).containsText("Star Trek & Beyond");
            Locator genres = page.locator("ul[aria-label='Facet genre']");
            assertThat(genres).containsText("Action (1)");
            assertThat(genres).containsText("Sci-Fi (1)");
            ConsoleBrowser.documentationShot(page, "cloudsearch");
            ConsoleBrowser.assertAccessible(page);
            genres.locator("button:has-text('Sci-Fi')").click();
            assertThat(page.locator("[data-testid=found]")).containsText("1 found in genre");
            assertThat(hits.locator("tbody tr")).hasCount(1);
            assertThat(hits.locator("tbody tr")).containsText("tt2");
        });
    }

    @Test
    void transcoderRunsAJobMadeInThePageAndShowsItsProgress() throws Exception {
        String in = unique("tc-in");
        String out = unique("tc-out");
        String pipeline;
        Path clip = TestMedia.clip(Files.createTempDirectory("console-tc"), 2);
        try (S3Client s3 = s3(); ElasticTranscoderClient et = client(ElasticTranscoderClient.builder())) {
            s3.createBucket(b -> b.bucket(in));
            s3.createBucket(b -> b.bucket(out));
            s3.putObject(b -> b.bucket(in).key("uploads/clip.mp4"), RequestBody.fromFile(clip));
            pipeline = et.createPipeline(b -> b.name("videos").inputBucket(in).outputBucket(out)
                    .role("arn:aws:iam::" + ACCOUNT + ":role/Elastic_Transcoder_Default_Role")).pipeline().id();
        }
        onPage("/transcoder", "transcoder", page -> {
            page.click("table[aria-label=Pipelines] tr[data-key='" + pipeline + "']");
            page.fill("input[name=inputKey]", "uploads/clip.mp4");
            page.fill("input[name=outputKey]", "clip-720p.mp4");
            page.click("button:has-text('Create job')");
            Locator job = page.locator("table[aria-label=Jobs] tbody tr");
            assertThat(job).hasCount(1);
            assertThat(job.locator("td").nth(1)).hasText("Complete", SLOW);
            assertThat(job.locator("progress")).hasAttribute("value", "100");
            assertThat(job).containsText("clip-720p.mp4 · Complete");
            ConsoleBrowser.documentationShot(page, "transcoder");
            ConsoleBrowser.assertAccessible(page);
        });
        try (S3Client s3 = s3()) {
            assertEquals(List.of("clip-720p.mp4"), s3.listObjectsV2(b -> b.bucket(out)).contents().stream().map(o -> o.key()).toList());
        }
    }

    @Test
    void sageMakerShowsATrainingJobsMetricCurveAndPredictsThroughAnEndpoint() throws Exception {
        String bucket = unique("sm-data");
        String job = unique("xgb");
        String role = "arn:aws:iam::" + ACCOUNT + ":role/SageMakerRole";
        String image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
        try (S3Client s3 = s3(); SageMakerClient sm = client(SageMakerClient.builder())) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("train/data.csv"), RequestBody.fromString(separable(new Random(5), 300)));
            s3.putObject(b -> b.bucket(bucket).key("validation/data.csv"), RequestBody.fromString(separable(new Random(6), 100)));
            sm.createTrainingJob(b -> b.trainingJobName(job).roleArn(role)
                    .algorithmSpecification(a -> a.trainingImage(image).trainingInputMode("File"))
                    .hyperParameters(Map.of("num_round", "12", "objective", "binary:logistic", "eval_metric", "error", "max_depth", "3"))
                    .inputDataConfig(channel("train", bucket), channel("validation", bucket))
                    .outputDataConfig(o -> o.s3OutputPath("s3://" + bucket + "/output"))
                    .resourceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
                    .stoppingCondition(s -> s.maxRuntimeInSeconds(600)));
        }
        onPage("/sagemaker", "sagemaker", page -> {
            page.click("table[aria-label='Training jobs'] tr[data-key='" + job + "']");
            assertThat(page.locator("[data-testid=job-status]")).hasText("Completed", SLOW);
            assertThat(page.locator("table[aria-label='Final metrics']")).containsText("validation:error");
            Locator chart = page.locator("svg[role=img][aria-label='Metrics of " + job + " per round']");
            assertThat(chart.locator("polyline")).hasCount(2); // train-error and validation-error, one line each
            assertThat(page.locator("figure.chart figcaption")).containsText("validation-error");
            assertThat(page.locator("[data-testid=training-log]")).containsText("[11]");
            ConsoleBrowser.documentationShot(page, "sagemaker");
            ConsoleBrowser.assertAccessible(page);
        });
        String endpoint = unique("serve");
        try (SageMakerClient sm = client(SageMakerClient.builder())) {
            String modelData = sm.describeTrainingJob(b -> b.trainingJobName(job)).modelArtifacts().s3ModelArtifacts();
            sm.createModel(b -> b.modelName(job).executionRoleArn(role).primaryContainer(p -> p.image(image).modelDataUrl(modelData)));
            sm.createEndpointConfig(b -> b.endpointConfigName(job).productionVariants(v -> v.variantName("AllTraffic").modelName(job)
                    .instanceType("ml.m5.large").initialInstanceCount(1)));
            sm.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName(job));
            sm.waiter().waitUntilEndpointInService(b -> b.endpointName(endpoint), w -> w.maxAttempts(600)
                    .backoffStrategy(software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(java.time.Duration.ofMillis(200))));
        }
        onPage("/sagemaker", "sagemaker-predict", page -> {
            page.click("table[aria-label=Endpoints] tr[data-key='" + endpoint + "']");
            page.fill("textarea[name=payload]", "2.0,2.0,-2.0\n-2.0,-2.0,2.0");
            page.click("button:has-text('Predict')");
            String[] scores = page.locator("[data-testid=prediction]").textContent().strip().split("[,\\n]");
            assertEquals(2, scores.length);
            assertEquals(true, Double.parseDouble(scores[0]) > 0.5, "the first row is class 1: " + scores[0]);
            assertEquals(true, Double.parseDouble(scores[1]) < 0.5, "the second row is class 0: " + scores[1]);
        });
    }

    static Channel channel(String name, String bucket) {
        return Channel.builder().channelName(name).contentType("text/csv")
                .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/" + name + "/")
                        .s3DataDistributionType("FullyReplicated"))).build();
    }

    /** CSV rows, label first: 1 when x0 + x1 - x2 > 0, with a margin so that the classes separate. */
    static String separable(Random random, int rows) {
        StringBuilder out = new StringBuilder();
        while (rows > 0) {
            double a = random.nextGaussian(), b = random.nextGaussian(), c = random.nextGaussian();
            if (Math.abs(a + b - c) >= 0.2) {
                out.append(a + b - c > 0 ? 1 : 0).append(String.format(java.util.Locale.ROOT, ",%.4f,%.4f,%.4f%n", a, b, c));
                rows--;
            }
        }
        return out.toString();
    }

    @Test
    void rekognitionCreatesACollectionAndListsItsFaces() throws Exception {
        String collection = unique("staff");
        onPage("/rekognition", "rekognition", page -> {
            page.fill("input[name=collectionId]", collection);
            page.click("button:has-text('Create collection')");
            Locator row = page.locator("table[aria-label=Collections] tr[data-key='" + collection + "']");
            assertThat(row.locator("td").nth(1)).hasText("0");
            try (RekognitionClient rek = client(RekognitionClient.builder())) {
                assertEquals(List.of(collection), rek.listCollections().collectionIds());
            }
            row.click();
            assertThat(page.locator("#collection-h")).hasText(collection);
            assertThat(page.locator(".panel .empty")).containsText("No faces in this collection");
            ConsoleBrowser.documentationShot(page, "rekognition");
            ConsoleBrowser.assertAccessible(page);
            page.click("button:has-text('Delete collection')");
            assertThat(row).hasCount(0);
        });
    }

    @Test
    void rekognitionDrawsTheFacesAndLabelsFoundInAPickedImage() throws Exception {
        byte[] photo;
        try (var in = ConsoleServicesBrowserIT.class.getResourceAsStream("/rekognition/grace_hopper.jpg")) {
            photo = in.readAllBytes();
        }
        onPage("/rekognition", "rekognition-analyse", page -> {
            page.setInputFiles("input[name=image]", new FilePayload("hopper.jpg", "image/jpeg", photo));
            Locator boxes = page.locator("[data-testid=box]");
            assertThat(boxes.first()).containsText("face 1", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
            assertThat(boxes.filter(new Locator.FilterOptions().setHasText("face 2"))).hasCount(0);
            assertThat(page.locator("ul[aria-label=Labels] li").first()).isVisible();
            // the face's box lies inside the picture, in the upper half (a portrait)
            Object top = boxes.first().evaluate("b => parseFloat(b.style.top)");
            assertEquals(true, ((Number) top).doubleValue() >= 0 && ((Number) top).doubleValue() < 50, "box top " + top + "%");
            ConsoleBrowser.assertAccessible(page);
        });
    }

    /** True for an awsJson call of {@code operation} (by its X-Amz-Target). */
    static boolean calls(Route route, String operation) {
        return String.valueOf(route.request().headers().get("x-amz-target")).endsWith("." + operation);
    }

    /**
     * Once the page has seen the fleet STARTING (so it polls), every DescribeFleets is answered 1.5 s late, longer
     * than the poll's second: the page still shows the fleet reaching RUNNING, since the next poll waits for the last
     * load instead of superseding it.
     */
    @Test
    void aSlowListingStillUpdatesThePolledPage() throws Exception {
        String fleet = unique("slow");
        try (AppStreamClient as = client(AppStreamClient.builder())) {
            as.createFleet(b -> b.name(fleet).imageName("Haneul-Xterm").instanceType("stream.standard.small")
                    .computeCapacity(c -> c.desiredInstances(1)));
        }
        onPage("/appstream", "appstream-slow", page -> {
            Locator row = page.locator("table[aria-label=Fleets] tr[data-key='" + fleet + "']");
            assertThat(row.locator("td").nth(1)).hasText("STOPPED");
            AtomicBoolean polling = new AtomicBoolean();
            page.route(url -> true, route -> {
                if (!calls(route, "DescribeFleets")) {
                    route.resume();
                    return;
                }
                if (polling.get()) {
                    pause(1500);
                }
                APIResponse answer = route.fetch();
                if (answer.text().contains("STARTING")) {
                    polling.set(true);
                }
                route.fulfill(new Route.FulfillOptions().setResponse(answer));
            });
            page.click("button[aria-label='Start fleet " + fleet + "']");
            assertThat(row.locator("td").nth(1)).hasText("RUNNING", SLOW);
        });
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A listing that answers empty pages with the same NextToken forever ends, so the page's load completes. */
    @Test
    void aListingThatRepeatsItsTokenEnds() throws Exception {
        String fleet = unique("paged");
        try (AppStreamClient as = client(AppStreamClient.builder())) {
            as.createFleet(b -> b.name(fleet).imageName("Haneul-Xterm").instanceType("stream.standard.small")
                    .computeCapacity(c -> c.desiredInstances(1)));
        }
        onPage("/appstream", "appstream-token", page -> {
            page.route(url -> true, route -> {
                if (calls(route, "DescribeStacks")) {
                    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/x-amz-json-1.1")
                            .setBody("{\"Stacks\":[],\"NextToken\":\"again\"}"));
                } else {
                    route.resume();
                }
            });
            page.reload();
            assertThat(page.locator("table[aria-label=Fleets] tr[data-key='" + fleet + "'] td").nth(1)).hasText("STOPPED", SLOW);
        });
    }

    @Test
    void appStreamStartsAFleetAndMakesAStreamingUrl() throws Exception {
        String fleet = unique("apps");
        String stack = unique("desk");
        try (AppStreamClient as = client(AppStreamClient.builder())) {
            as.createFleet(b -> b.name(fleet).imageName("Haneul-Xterm").instanceType("stream.standard.small")
                    .computeCapacity(c -> c.desiredInstances(1)));
            as.createStack(b -> b.name(stack));
            as.associateFleet(b -> b.fleetName(fleet).stackName(stack));
        }
        onPage("/appstream", "appstream", page -> {
            Locator row = page.locator("table[aria-label=Fleets] tr[data-key='" + fleet + "']");
            assertThat(row.locator("td").nth(1)).hasText("STOPPED");
            page.click("button[aria-label='Start fleet " + fleet + "']");
            assertThat(row.locator("td").nth(1)).hasText("RUNNING");
            page.click("table[aria-label=Stacks] tr[data-key='" + stack + "']");
            assertThat(page.locator("table[aria-label=Stacks] tr[data-key='" + stack + "']")).containsText(fleet);
            assertThat(page.locator(".panel .empty")).containsText("No sessions");
            page.fill("input[name=userId]", "ana");
            page.click("button:has-text('Create streaming URL')");
            assertThat(page.locator("[data-testid=streaming-url]"))
                    .hasAttribute("href", java.util.regex.Pattern.compile(":" + server.port() + "/_aws/appstream/authenticate\\?parameters=\\S+$"));
            ConsoleBrowser.documentationShot(page, "appstream");
            ConsoleBrowser.assertAccessible(page);
        });
    }

    @Test
    void sqsRedrivesADeadLetterQueueBackToItsSource() throws Exception {
        String source = unique("orders");
        String dlq = unique("orders-dlq");
        String sourceUrl;
        try (SqsClient sqs = client(SqsClient.builder())) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(dlq)).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sourceUrl = sqs.createQueue(b -> b.queueName(source).attributesWithStrings(Map.of("RedrivePolicy",
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody("failed once"));
            sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody("failed twice"));
            // received once and not deleted (visible again at once): the next receive moves each to the dead-letter queue
            while (!"2".equals(sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))) {
                sqs.receiveMessage(b -> b.queueUrl(sourceUrl).maxNumberOfMessages(10).visibilityTimeout(0));
            }
        }
        onPage("/sqs", "sqs-redrive", page -> {
            page.click("table[aria-label=Queues] tr[data-key$='/" + dlq + "']");
            assertThat(page.locator("#redrive-h + p")).containsText("Dead-letter queue of " + source);
            page.click("button:has-text('Start redrive')");
            Locator task = page.locator("table[aria-label='Redrive tasks'] tbody tr");
            assertThat(task).hasCount(1);
            assertThat(task.locator("td").nth(1)).hasText("COMPLETED");
            assertThat(task.locator("td").nth(2)).hasText("2 of 2");
            assertThat(page.locator("table[aria-label=Queues] tr[data-key$='/" + source + "'] td").nth(1)).hasText("2");
            assertThat(page.locator("table[aria-label=Queues] tr[data-key$='/" + dlq + "'] td").nth(1)).hasText("0");
            ConsoleBrowser.documentationShot(page, "sqs-redrive");
            ConsoleBrowser.assertAccessible(page);
        });
        try (SqsClient sqs = client(SqsClient.builder())) {
            assertEquals(2, sqs.receiveMessage(b -> b.queueUrl(sourceUrl).maxNumberOfMessages(10)).messages().size());
        }
    }

    @Test
    void sesManagesIdentitiesTemplatesAndTheSuppressionList() throws Exception {
        String domain = unique("mail") + ".example";
        String template = unique("welcome");
        String suppressed = unique("bounced") + "@example.net";
        onPage("/ses", "ses-settings", page -> {
            page.click("nav[aria-label='SES sections'] button:has-text('Identities')");
            assertThat(page.locator("h1")).hasText("SES identities");
            page.fill("input[name=identity]", domain);
            page.click("button:has-text('Create identity')");
            Locator identity = page.locator("table[aria-label=Identities] tr[data-key='" + domain + "']");
            assertThat(identity).containsText("DOMAIN");
            identity.click();
            Locator records = page.locator("table[aria-label='DKIM records'] tbody tr");
            assertThat(records).hasCount(3);
            assertThat(records.first()).containsText("._domainkey." + domain);
            assertThat(records.first()).containsText(".dkim.amazonses.com");
            ConsoleBrowser.documentationShot(page, "ses-identities");
            ConsoleBrowser.assertAccessible(page);

            page.click("nav[aria-label='SES sections'] button:has-text('Templates')");
            page.fill("input[name=templateName]", template);
            page.fill("input[name=templateSubject]", "Hello {{name}}");
            page.fill("textarea[name=templateText]", "Welcome aboard, {{name}}.");
            page.click("button:has-text('Create template')");
            page.click("table[aria-label=Templates] tr[data-key='" + template + "']");
            page.fill("textarea[name=templateData]", "{\"name\": \"Ana\"}");
            page.click("button:has-text('Render')");
            assertThat(page.locator("[data-testid=rendered]")).containsText("Subject: Hello Ana");
            assertThat(page.locator("[data-testid=rendered]")).containsText("Welcome aboard, Ana.");
            ConsoleBrowser.assertAccessible(page);

            page.click("nav[aria-label='SES sections'] button:has-text('Suppression list')");
            page.fill("input[name=suppressedAddress]", suppressed);
            page.selectOption("select[name=reason]", "COMPLAINT");
            page.click("button:has-text('Suppress address')");
            Locator row = page.locator("table[aria-label='Suppressed addresses'] tr[data-key='" + suppressed + "']");
            assertThat(row).containsText("COMPLAINT");
            ConsoleBrowser.assertAccessible(page);
            page.click("button[aria-label='Remove " + suppressed + "']");
            assertThat(row).hasCount(0);
        });
    }
}
