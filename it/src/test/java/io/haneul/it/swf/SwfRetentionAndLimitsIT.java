package io.haneul.it.swf;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

import java.time.Duration;
import java.util.List;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Closed executions go after the domain's retention; a history that reaches the event limit
 * terminates its run (the limit is lowered for the test); data fields are limited to 32,768
 * characters. The server's clock is moved instead of sleeping through days.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfRetentionAndLimitsIT {

    final MutableClock clock = new MutableClock();
    TestServer server;
    SwfClient swf;

    @BeforeAll
    void start() {
        server = TestServer.start(clock, "--swf-poll-seconds", "2", "--swf-max-history-events", "20");
        swf = SwfV2.client(server, ACCOUNT_A);
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        server.close();
    }

    private String domain(String retention) {
        String d = name("ret");
        swf.registerDomain(b -> b.name(d).workflowExecutionRetentionPeriodInDays(retention));
        swf.registerWorkflowType(b -> b.domain(d).name("w").version("1").defaultTaskList(t -> t.name("l"))
                .defaultExecutionStartToCloseTimeout("3600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("ABANDON"));
        return d;
    }

    private String start(String domain, String workflowId) {
        return swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).workflowType(t -> t.name("w").version("1"))).runId();
    }

    private void awaitGone(String domain, String workflowId, String runId) {
        for (int i = 0; i < 300; i++) {
            try {
                swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)));
            } catch (UnknownResourceException gone) {
                fails("UnknownResourceFault", () -> swf.getWorkflowExecutionHistory(b -> b.domain(domain)
                        .execution(e -> e.workflowId(workflowId).runId(runId))));
                return;
            }
            sleep();
        }
        fail("the closed execution was not deleted");
    }

    @Test
    void closedExecutionsGoAfterTheRetentionPeriod() {
        String d = domain("1");
        String runId = start(d, "kept");
        swf.terminateWorkflowExecution(b -> b.domain(d).workflowId("kept"));
        assertEquals("CLOSED", swf.describeWorkflowExecution(b -> b.domain(d).execution(e -> e.workflowId("kept").runId(runId)))
                .executionInfo().executionStatusAsString());
        clock.advance(Duration.ofDays(2));
        awaitGone(d, "kept", runId);
    }

    @Test
    void withoutRetentionAClosedExecutionGoesAtOnce() {
        String d = domain("0");
        String runId = start(d, "gone");
        swf.terminateWorkflowExecution(b -> b.domain(d).workflowId("gone"));
        awaitGone(d, "gone", runId);
    }

    @Test
    void aHistoryAtTheEventLimitTerminatesItsRun() {
        String d = domain("1");
        String runId = start(d, "chatty");
        for (int i = 0; i < 17; i++) {
            swf.signalWorkflowExecution(b -> b.domain(d).workflowId("chatty").signalName("s"));
        }
        List<HistoryEvent> h = swf.getWorkflowExecutionHistory(b -> b.domain(d).execution(e -> e.workflowId("chatty").runId(runId))).events();
        assertEquals(20, h.size());
        HistoryEvent last = h.get(19);
        assertEquals(EventType.WORKFLOW_EXECUTION_TERMINATED, last.eventType());
        assertEquals("EVENT_LIMIT_EXCEEDED", last.workflowExecutionTerminatedEventAttributes().causeAsString());
        fails("UnknownResourceFault", () -> swf.signalWorkflowExecution(b -> b.domain(d).workflowId("chatty").signalName("s")));
    }

    @Test
    void dataFieldsHoldAtMost32768Characters() {
        String d = domain("1");
        start(d, "big");
        swf.signalWorkflowExecution(b -> b.domain(d).workflowId("big").signalName("s").input("x".repeat(32_768)));
        fails("ValidationException", () -> swf.signalWorkflowExecution(b -> b.domain(d).workflowId("big").signalName("s")
                .input("x".repeat(32_769))));
        swf.terminateWorkflowExecution(b -> b.domain(d).workflowId("big"));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
