package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SWF's count and size limits with AWS's errors: at most 1,000 pollers wait on one task list (the
 * next gets LimitExceededFault while the waiting ones still get tasks), at most 1,000 open child
 * workflows per execution (StartChildWorkflowExecutionFailed OPEN_CHILDREN_LIMIT_EXCEEDED), and data
 * fields of at most 32,768 characters in starts, decisions and activity answers (ValidationException).
 * The history limit is tested in {@link SwfRetentionAndLimitsIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfLimitsIT {

    TestServer server;
    SwfClient swf;
    String domain;

    @BeforeAll
    void start() {
        server = TestServer.start("--swf-poll-seconds", "30");
        // enough connections for a thousand parked long polls
        swf = SwfClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT_A, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(1200)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)).socketTimeout(Duration.ofSeconds(70)))
                .build();
        domain = name("limits");
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain).name("flow").version("1").defaultTaskList(t -> t.name("unused"))
                .defaultExecutionStartToCloseTimeout("3600").defaultTaskStartToCloseTimeout("600").defaultChildPolicy("ABANDON"));
        swf.registerActivityType(b -> b.domain(domain).name("act").version("1").defaultTaskList(t -> t.name("acts"))
                .defaultTaskScheduleToStartTimeout("600").defaultTaskScheduleToCloseTimeout("1200")
                .defaultTaskStartToCloseTimeout("600").defaultTaskHeartbeatTimeout("NONE"));
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        server.close();
    }

    private PollForDecisionTaskResponse nextDecision(String list) {
        for (int i = 0; i < 10; i++) {
            PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(list)));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no decision task on " + list);
    }

    private String startRun(String workflowId, String list) {
        return swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).workflowType(t -> t.name("flow").version("1"))
                .taskList(t -> t.name(list))).runId();
    }

    @Test
    void aThousandPollersWaitOnOneTaskListAndTheNextIsRefused() throws Exception {
        String list = name("crowded");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger issued = new AtomicInteger();
        ConcurrentLinkedQueue<AwsServiceException> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> handedOut = new ConcurrentLinkedQueue<>();
        int issuedAtFirstRefusal = -1;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Runnable poller = () -> {
                while (!stop.get()) {
                    try {
                        issued.incrementAndGet();
                        PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(list)));
                        if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                            handedOut.add(t.workflowExecution().workflowId());
                        }
                    } catch (AwsServiceException e) {
                        refused.add(e);
                        return;
                    } catch (RuntimeException closing) {
                        return;
                    }
                }
            };
            for (int i = 0; i < 1000; i++) {
                threads.submit(poller);
            }
            // more pollers, one at a time, until the list is full and one is refused
            for (int i = 0; i < 3000 && refused.isEmpty(); i++) {
                threads.submit(poller);
                Thread.sleep(20);
            }
            AwsServiceException first = refused.peek();
            assertTrue(first != null, "no poller was refused");
            issuedAtFirstRefusal = issued.get();
            assertEquals("LimitExceededFault", first.awsErrorDetails().errorCode());
            assertEquals(400, first.statusCode());
            assertTrue(issuedAtFirstRefusal > 1000, "refused after " + issuedAtFirstRefusal + " polls");

            // the waiting pollers still get tasks
            startRun("crowd-1", list);
            for (int i = 0; i < 1200 && handedOut.isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertEquals(List.of("crowd-1"), List.copyOf(handedOut));
            stop.set(true);
            // the parked polls end with the server's poll time
            threads.shutdown();
        }
        assertFalse(refused.isEmpty());
    }

    @Test
    void anExecutionHasAtMostAThousandOpenChildren() {
        String list = name("parent");
        String runId = startRun(name("parent"), list);
        PollForDecisionTaskResponse d = nextDecision(list);
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            String id = "child-" + runId.substring(0, 6) + "-" + i;
            decisions.add(Decision.builder().decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
                    .startChildWorkflowExecutionDecisionAttributes(a -> a.workflowId(id).workflowType(t -> t.name("flow").version("1"))
                            .taskList(t -> t.name(name("kids")))).build());
        }
        swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(decisions));
        String workflowId = d.workflowExecution().workflowId();
        List<HistoryEvent> h = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId))
                    .nextPageToken(t));
            h.addAll(page.events());
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(1000, h.stream().filter(e -> e.eventType() == EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED).count());
        List<HistoryEvent> failed = h.stream().filter(e -> e.eventType() == EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED).toList();
        assertEquals(1, failed.size());
        assertEquals("OPEN_CHILDREN_LIMIT_EXCEEDED", failed.get(0).startChildWorkflowExecutionFailedEventAttributes().causeAsString());
        assertTrue(failed.get(0).startChildWorkflowExecutionFailedEventAttributes().workflowId().endsWith("-1000"));
        assertEquals(1000, swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)))
                .openCounts().openChildWorkflowExecutions());
    }

    @Test
    void dataFieldsOfStartsDecisionsAndActivitiesHoldAtMost32768Characters() {
        String big = "x".repeat(32_768);
        String tooBig = big + "x";
        fails("ValidationException", () -> swf.startWorkflowExecution(b -> b.domain(domain).workflowId(name("big"))
                .workflowType(t -> t.name("flow").version("1")).input(tooBig)));
        String list = name("data");
        String workflowId = name("data");
        String runId = swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).workflowType(t -> t.name("flow").version("1"))
                .taskList(t -> t.name(list)).input(big)).runId();
        PollForDecisionTaskResponse d = nextDecision(list);
        assertEquals(big, d.events().get(0).workflowExecutionStartedEventAttributes().input());
        fails("ValidationException", () -> swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(Decision.builder()
                .decisionType(DecisionType.RECORD_MARKER).recordMarkerDecisionAttributes(a -> a.markerName("m").details(tooBig)).build())));
        String acts = name("acts");
        swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(a -> a.activityId("a")
                        .activityType(t -> t.name("act").version("1")).taskList(t -> t.name(acts)).input(big)).build()));
        PollForActivityTaskResponse a = swf.pollForActivityTask(b -> b.domain(domain).taskList(l -> l.name(acts)));
        assertEquals(big, a.input());
        fails("ValidationException", () -> swf.respondActivityTaskCompleted(b -> b.taskToken(a.taskToken()).result(tooBig)));
        fails("ValidationException", () -> swf.recordActivityTaskHeartbeat(b -> b.taskToken(a.taskToken()).details(tooBig)));
        swf.respondActivityTaskCompleted(b -> b.taskToken(a.taskToken()).result(big));
        List<HistoryEvent> h = swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)))
                .events();
        assertEquals(big, h.stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED).findFirst().orElseThrow()
                .activityTaskCompletedEventAttributes().result());
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(workflowId));
    }
}
