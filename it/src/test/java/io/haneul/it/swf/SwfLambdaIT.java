package io.haneul.it.swf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * ScheduleLambdaFunction runs real Python functions through Haneul's Lambda: a decider schedules
 * one that answers, one that raises and one that outlives its startToCloseTimeout, and reads
 * LambdaFunctionScheduled / Started / Completed / Failed / TimedOut with AWS's attributes; an
 * execution without a usable lambdaRole gets StartLambdaFunctionFailed ASSUME_ROLE_FAILED; a server
 * without Lambda answers ScheduleLambdaFunctionFailed LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfLambdaIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestServer server;
    SwfClient swf;
    LambdaClient lambda;
    String domain;
    String role;

    @BeforeAll
    void start() {
        server = TestServer.start("--swf-poll-seconds", "2");
        swf = SwfV2.client(server, ACCOUNT_A);
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT_A, "secret"));
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL).credentialsProvider(keys)
                .build()) {
            role = iam.createRole(b -> b.roleName("swf-lambda").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","swf.amazonaws.com"]},
                    "Action":"sts:AssumeRole"}]}""")).role().arn();
        }
        function("doubler", "def handler(event, context):\n    return {'doubled': event['n'] * 2}\n");
        function("failing", "def handler(event, context):\n    raise ValueError('bad n: ' + str(event['n']))\n");
        function("sleepy", "import time\ndef handler(event, context):\n    time.sleep(20)\n    return 'late'\n");
        domain = name("lambda");
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain).name("flow").version("1").defaultTaskList(t -> t.name("unused"))
                .defaultExecutionStartToCloseTimeout("600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("TERMINATE"));
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        lambda.close();
        server.close();
    }

    private void function(String name, String code) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(role).handler("app.handler").timeout(60)
                .code(c -> c.zipFile(zip("app.py", code))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    private static SdkBytes zip(String name, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    private record Run(String workflowId, String runId, String list) {
    }

    private Run startRun(SwfClient client, String domain, Consumer<software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest.Builder> extra) {
        String workflowId = name("wf");
        String list = name("dl");
        String runId = client.startWorkflowExecution(b -> {
            b.domain(domain).workflowId(workflowId).workflowType(t -> t.name("flow").version("1")).taskList(t -> t.name(list));
            extra.accept(b);
        }).runId();
        return new Run(workflowId, runId, list);
    }

    private static PollForDecisionTaskResponse nextDecision(SwfClient client, String domain, String list) {
        for (int i = 0; i < 60; i++) {
            PollForDecisionTaskResponse t = client.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(list)).identity("decider"));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no decision task on " + list);
    }

    private static Decision lambdaDecision(String id, String function, String input, String timeout) {
        return Decision.builder().decisionType(DecisionType.SCHEDULE_LAMBDA_FUNCTION).scheduleLambdaFunctionDecisionAttributes(a -> a
                .id(id).name(function).input(input).control("ctl-" + id).startToCloseTimeout(timeout)).build();
    }

    private List<HistoryEvent> history(Run r) {
        return swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId()))).events();
    }

    private static HistoryEvent only(List<HistoryEvent> h, EventType type) {
        List<HistoryEvent> found = h.stream().filter(e -> e.eventType() == type).toList();
        assertEquals(1, found.size(), type + " in " + h);
        return found.get(0);
    }

    private static long count(List<HistoryEvent> h, EventType... types) {
        List<EventType> wanted = List.of(types);
        return h.stream().filter(e -> wanted.contains(e.eventType())).count();
    }

    @Test
    void aDeciderRunsPythonFunctionsThatAnswerFailAndTimeOut() throws Exception {
        Run r = startRun(swf, domain, b -> b.lambdaRole(role));
        PollForDecisionTaskResponse first = nextDecision(swf, domain, r.list());
        swf.respondDecisionTaskCompleted(b -> b.taskToken(first.taskToken()).decisions(
                lambdaDecision("double", "doubler", "{\"n\": 21}", null),
                lambdaDecision("fail", "failing", "{\"n\": 7}", "60"),
                lambdaDecision("slow", "sleepy", "{}", "1"),
                lambdaDecision("double", "doubler", "{\"n\": 1}", null)));

        // the decider decides nothing until the three functions closed, and then completes the run
        for (int i = 0; ; i++) {
            assertTrue(i < 60, "the functions did not close");
            PollForDecisionTaskResponse d = nextDecision(swf, domain, r.list());
            if (count(d.events(), EventType.LAMBDA_FUNCTION_COMPLETED, EventType.LAMBDA_FUNCTION_FAILED,
                    EventType.LAMBDA_FUNCTION_TIMED_OUT) == 3) {
                swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(Decision.builder()
                        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).completeWorkflowExecutionDecisionAttributes(a -> a.result("done"))
                        .build()));
                break;
            }
            swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()));
        }
        List<HistoryEvent> h = history(r);

        long completedId = h.get(3).eventId();
        assertEquals(EventType.DECISION_TASK_COMPLETED, h.get(3).eventType());
        List<HistoryEvent> scheduled = h.stream().filter(e -> e.eventType() == EventType.LAMBDA_FUNCTION_SCHEDULED).toList();
        assertEquals(3, scheduled.size());
        var doubleScheduled = scheduled.get(0).lambdaFunctionScheduledEventAttributes();
        assertEquals("double", doubleScheduled.id());
        assertEquals("doubler", doubleScheduled.name());
        assertEquals("{\"n\": 21}", doubleScheduled.input());
        assertEquals("ctl-double", doubleScheduled.control());
        assertEquals("300", doubleScheduled.startToCloseTimeout());
        assertEquals(completedId, doubleScheduled.decisionTaskCompletedEventId());
        assertEquals("60", scheduled.get(1).lambdaFunctionScheduledEventAttributes().startToCloseTimeout());
        assertEquals("1", scheduled.get(2).lambdaFunctionScheduledEventAttributes().startToCloseTimeout());

        var duplicate = only(h, EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED).scheduleLambdaFunctionFailedEventAttributes();
        assertEquals("ID_ALREADY_IN_USE", duplicate.causeAsString());
        assertEquals("double", duplicate.id());
        assertEquals("doubler", duplicate.name());
        assertEquals(completedId, duplicate.decisionTaskCompletedEventId());

        assertEquals(3, count(h, EventType.LAMBDA_FUNCTION_STARTED));
        long doubleId = scheduled.get(0).eventId();
        HistoryEvent doubleStarted = h.stream().filter(e -> e.eventType() == EventType.LAMBDA_FUNCTION_STARTED
                && e.lambdaFunctionStartedEventAttributes().scheduledEventId() == doubleId).findFirst().orElseThrow();
        var completed = only(h, EventType.LAMBDA_FUNCTION_COMPLETED).lambdaFunctionCompletedEventAttributes();
        assertEquals(doubleId, completed.scheduledEventId());
        assertEquals(doubleStarted.eventId(), completed.startedEventId());
        assertEquals(Map.of("doubled", 42), JSON.readValue(completed.result(), Map.class));

        var failed = only(h, EventType.LAMBDA_FUNCTION_FAILED).lambdaFunctionFailedEventAttributes();
        assertEquals(scheduled.get(1).eventId(), failed.scheduledEventId());
        assertEquals("ValueError", failed.reason());
        assertTrue(failed.details().contains("bad n: 7"), failed.details());

        var timedOut = only(h, EventType.LAMBDA_FUNCTION_TIMED_OUT).lambdaFunctionTimedOutEventAttributes();
        assertEquals(scheduled.get(2).eventId(), timedOut.scheduledEventId());
        assertEquals("START_TO_CLOSE", timedOut.timeoutTypeAsString());
        assertNotNull(timedOut.startedEventId());

        assertEquals(EventType.WORKFLOW_EXECUTION_COMPLETED, h.get(h.size() - 1).eventType());
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i + 1, h.get(i).eventId());
        }
    }

    /** A Flow Framework workflow whose whole program is one Lambda task through the framework's LambdaFunctionClient. */
    static final class FlowWorkflows extends com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactoryFactory {
        @Override
        public com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactory getWorkflowDefinitionFactory(
                com.amazonaws.services.simpleworkflow.model.WorkflowType type) {
            return new com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactory() {
                @Override
                public com.amazonaws.services.simpleworkflow.flow.WorkflowTypeRegistrationOptions getWorkflowRegistrationOptions() {
                    return null;
                }

                @Override
                public com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinition getWorkflowDefinition(
                        com.amazonaws.services.simpleworkflow.flow.DecisionContext context) {
                    return new com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinition() {
                        @Override
                        public com.amazonaws.services.simpleworkflow.flow.core.Promise<String> execute(String input) {
                            return context.getLambdaFunctionClient().scheduleLambdaFunction("doubler", input);
                        }

                        @Override
                        public void signalRecieved(String signalName, String input) {
                        }

                        @Override
                        public String getWorkflowState() {
                            return null;
                        }
                    };
                }

                @Override
                public void deleteWorkflowDefinition(com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinition definition) {
                }

                @Override
                public com.amazonaws.services.simpleworkflow.model.WorkflowType getWorkflowType() {
                    return type;
                }
            };
        }

        @Override
        public Iterable<com.amazonaws.services.simpleworkflow.model.WorkflowType> getWorkflowTypesToRegister() {
            return List.of();
        }
    }

    @Test
    void theFlowFrameworksLambdaClientRunsAFunction() throws Exception {
        var v1 = SwfSdkV1IT.client(server);
        String list = name("flow-lambda");
        var decider = new com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowWorker(v1, domain, list);
        decider.setWorkflowDefinitionFactoryFactory(new FlowWorkflows());
        decider.setDisableServiceShutdownOnStop(true);
        decider.start();
        try {
            String workflowId = name("flow-lambda");
            var run = new com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowClientExternalImpl(v1, domain).startWorkflow(
                    new com.amazonaws.services.simpleworkflow.flow.generic.StartWorkflowExecutionParameters().withWorkflowId(workflowId)
                            .withWorkflowType(new com.amazonaws.services.simpleworkflow.model.WorkflowType().withName("flow").withVersion("1"))
                            .withInput("{\"n\": 4}").withTaskList(list).withLambdaRole(role));
            Run r = new Run(workflowId, run.getRunId(), list);
            for (int i = 0; i < 1200 && swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(workflowId)
                    .runId(r.runId()))).executionInfo().executionStatusAsString().equals("OPEN"); i++) {
                Thread.sleep(50);
            }
            List<HistoryEvent> h = history(r);
            assertEquals(1, count(h, EventType.LAMBDA_FUNCTION_SCHEDULED));
            assertEquals(1, count(h, EventType.LAMBDA_FUNCTION_STARTED));
            var completed = only(h, EventType.LAMBDA_FUNCTION_COMPLETED).lambdaFunctionCompletedEventAttributes();
            assertEquals(Map.of("doubled", 8), JSON.readValue(completed.result(), Map.class));
            var done = only(h, EventType.WORKFLOW_EXECUTION_COMPLETED).workflowExecutionCompletedEventAttributes();
            assertEquals(Map.of("doubled", 8), JSON.readValue(done.result(), Map.class));
        } finally {
            decider.shutdownNow();
            decider.shutdownAndAwaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            v1.shutdown();
        }
    }

    @Test
    void anExecutionWithoutAUsableLambdaRoleCannotStartFunctions() {
        for (String lambdaRole : new String[] {null, "arn:aws:iam::" + ACCOUNT_A + ":role/no-such-role"}) {
            Run r = startRun(swf, domain, b -> b.lambdaRole(lambdaRole));
            PollForDecisionTaskResponse d = nextDecision(swf, domain, r.list());
            swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(lambdaDecision("f", "doubler", "{\"n\": 1}", null)));
            PollForDecisionTaskResponse next = nextDecision(swf, domain, r.list());
            List<HistoryEvent> h = next.events();
            HistoryEvent scheduled = only(h, EventType.LAMBDA_FUNCTION_SCHEDULED);
            var failed = only(h, EventType.START_LAMBDA_FUNCTION_FAILED).startLambdaFunctionFailedEventAttributes();
            assertEquals("ASSUME_ROLE_FAILED", failed.causeAsString());
            assertEquals(scheduled.eventId(), failed.scheduledEventId());
            assertNotNull(failed.message());
            assertEquals(0, count(h, EventType.LAMBDA_FUNCTION_STARTED));
            assertEquals(0, swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId())))
                    .openCounts().openLambdaFunctions());
            swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()));
        }
    }

    @Test
    void anExecutionHasAtMostAThousandOpenLambdaTasks() {
        // no lambdaRole: the functions never run, the limit counts them from LambdaFunctionScheduled on
        Run r = startRun(swf, domain, b -> { });
        PollForDecisionTaskResponse d = nextDecision(swf, domain, r.list());
        List<Decision> decisions = new java.util.ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            decisions.add(lambdaDecision("l-" + i, "doubler", "{\"n\": 1}", null));
        }
        swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(decisions));
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()));
        List<HistoryEvent> h = new java.util.ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId()))
                    .nextPageToken(t));
            h.addAll(page.events());
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(1000, count(h, EventType.LAMBDA_FUNCTION_SCHEDULED));
        var refused = only(h, EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED).scheduleLambdaFunctionFailedEventAttributes();
        assertEquals("OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED", refused.causeAsString());
        assertEquals("l-1000", refused.id());
    }

    @Test
    void aTimeoutOutsideOneTo900SecondsIsRefused() {
        Run r = startRun(swf, domain, b -> b.lambdaRole(role));
        PollForDecisionTaskResponse d = nextDecision(swf, domain, r.list());
        fails("ValidationException", () -> swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken())
                .decisions(lambdaDecision("f", "doubler", "{}", "901"))));
        fails("ValidationException", () -> swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken())
                .decisions(lambdaDecision("f", "doubler", "{}", "0"))));
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()));
    }

    @Test
    void withoutLambdaTheDecisionFailsWithLambdaServiceNotAvailable() throws Exception {
        try (TestServer swfOnly = TestServer.start("--services", "swf", "--swf-poll-seconds", "2");
             SwfClient client = SwfV2.client(swfOnly, ACCOUNT_A)) {
            String d = name("nolambda");
            client.registerDomain(b -> b.name(d).workflowExecutionRetentionPeriodInDays("1"));
            client.registerWorkflowType(b -> b.domain(d).name("flow").version("1").defaultExecutionStartToCloseTimeout("600")
                    .defaultTaskStartToCloseTimeout("60").defaultChildPolicy("TERMINATE"));
            Run r = startRun(client, d, b -> b.lambdaRole(role));
            PollForDecisionTaskResponse task = nextDecision(client, d, r.list());
            client.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(lambdaDecision("f", "doubler", "{}", null)));
            List<HistoryEvent> h = nextDecision(client, d, r.list()).events();
            var failed = only(h, EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED).scheduleLambdaFunctionFailedEventAttributes();
            assertEquals("LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION", failed.causeAsString());
            assertEquals("f", failed.id());
            assertEquals("doubler", failed.name());
            assertEquals(0, count(h, EventType.LAMBDA_FUNCTION_SCHEDULED));
        }
    }
}
