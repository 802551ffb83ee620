package io.haneul.it.swf;

import io.haneul.it.support.ChildServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A node killed with SIGKILL loses no timer: a timer and an activity start-to-close timeout that
 * fell due while it was down fire when a new node starts on the same data directory.
 */
class SwfKillIT {

    @Test
    void timersAndTimeoutsSurviveKillNine() throws Exception {
        Path dir = Files.createTempDirectory("haneul-swf-kill").resolve("data");
        Files.createDirectories(dir);
        String[] options = {"--services", "swf", "--swf-poll-seconds", "2"};
        String runId;
        try (ChildServer first = ChildServer.start(dir, options); SwfClient swf = client(first)) {
            swf.registerDomain(b -> b.name("k").workflowExecutionRetentionPeriodInDays("1"));
            swf.registerWorkflowType(b -> b.domain("k").name("w").version("1").defaultTaskList(t -> t.name("d"))
                    .defaultExecutionStartToCloseTimeout("600").defaultTaskStartToCloseTimeout("600").defaultChildPolicy("ABANDON"));
            swf.registerActivityType(b -> b.domain("k").name("a").version("1").defaultTaskList(t -> t.name("w"))
                    .defaultTaskScheduleToStartTimeout("600").defaultTaskScheduleToCloseTimeout("600")
                    .defaultTaskStartToCloseTimeout("2").defaultTaskHeartbeatTimeout("NONE"));
            runId = swf.startWorkflowExecution(b -> b.domain("k").workflowId("wf").workflowType(t -> t.name("w").version("1"))).runId();
            PollForDecisionTaskResponse d = decision(swf);
            swf.respondDecisionTaskCompleted(b -> b.taskToken(d.taskToken()).decisions(
                    Decision.builder().decisionType(DecisionType.START_TIMER).startTimerDecisionAttributes(a -> a.timerId("t")
                            .startToFireTimeout("2")).build(),
                    Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(a -> a
                            .activityId("x").activityType(t -> t.name("a").version("1"))).build()));
            PollForActivityTaskResponse taken = swf.pollForActivityTask(b -> b.domain("k").taskList(t -> t.name("w")));
            assertEquals("x", taken.activityId());
            first.kill();
        }
        Thread.sleep(3000); // both are due while no node runs
        try (ChildServer second = ChildServer.start(dir, options); SwfClient swf = client(second)) {
            PollForDecisionTaskResponse d = decision(swf);
            assertEquals(runId, d.workflowExecution().runId());
            List<EventType> types = d.events().stream().map(HistoryEvent::eventType).toList();
            assertTrue(types.contains(EventType.TIMER_FIRED), types.toString());
            assertTrue(types.contains(EventType.ACTIVITY_TASK_TIMED_OUT), types.toString());
            HistoryEvent timedOut = d.events().stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT).findFirst().orElseThrow();
            assertEquals("START_TO_CLOSE", timedOut.activityTaskTimedOutEventAttributes().timeoutTypeAsString());
            assertEquals(EventType.DECISION_TASK_STARTED, types.get(types.size() - 1));
        }
    }

    private static SwfClient client(ChildServer server) {
        return SwfClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SwfV2.ACCOUNT_A, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(70))).build();
    }

    private static PollForDecisionTaskResponse decision(SwfClient swf) {
        for (int i = 0; i < 30; i++) {
            PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain("k").taskList(l -> l.name("d")));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no decision task");
    }
}
