package io.haneul.it.swf;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.simpleworkflow.AmazonSimpleWorkflow;
import com.amazonaws.services.simpleworkflow.AmazonSimpleWorkflowClientBuilder;
import com.amazonaws.services.simpleworkflow.model.ActivityTask;
import com.amazonaws.services.simpleworkflow.model.ActivityType;
import com.amazonaws.services.simpleworkflow.model.CompleteWorkflowExecutionDecisionAttributes;
import com.amazonaws.services.simpleworkflow.model.Decision;
import com.amazonaws.services.simpleworkflow.model.DecisionTask;
import com.amazonaws.services.simpleworkflow.model.DecisionType;
import com.amazonaws.services.simpleworkflow.model.DescribeWorkflowExecutionRequest;
import com.amazonaws.services.simpleworkflow.model.EventType;
import com.amazonaws.services.simpleworkflow.model.GetWorkflowExecutionHistoryRequest;
import com.amazonaws.services.simpleworkflow.model.HistoryEvent;
import com.amazonaws.services.simpleworkflow.model.PollForActivityTaskRequest;
import com.amazonaws.services.simpleworkflow.model.PollForDecisionTaskRequest;
import com.amazonaws.services.simpleworkflow.model.RegisterActivityTypeRequest;
import com.amazonaws.services.simpleworkflow.model.RegisterDomainRequest;
import com.amazonaws.services.simpleworkflow.model.RegisterWorkflowTypeRequest;
import com.amazonaws.services.simpleworkflow.model.RespondActivityTaskCompletedRequest;
import com.amazonaws.services.simpleworkflow.model.RespondDecisionTaskCompletedRequest;
import com.amazonaws.services.simpleworkflow.model.ScheduleActivityTaskDecisionAttributes;
import com.amazonaws.services.simpleworkflow.model.SignalWorkflowExecutionRequest;
import com.amazonaws.services.simpleworkflow.model.StartTimerDecisionAttributes;
import com.amazonaws.services.simpleworkflow.model.StartWorkflowExecutionRequest;
import com.amazonaws.services.simpleworkflow.model.TaskList;
import com.amazonaws.services.simpleworkflow.model.TypeAlreadyExistsException;
import com.amazonaws.services.simpleworkflow.model.UnknownResourceException;
import com.amazonaws.services.simpleworkflow.model.WorkflowExecution;
import com.amazonaws.services.simpleworkflow.model.WorkflowType;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The AWS SDK for Java v1 (the client the Flow Framework and many existing deciders are built on):
 * a decider and an activity worker, each polling in its own thread, run a workflow with an activity,
 * a timer and a signal; the history is checked event by event, and v1's exceptions map AWS's faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfSdkV1IT {

    TestServer server;
    AmazonSimpleWorkflow swf;
    String domain;
    final AtomicBoolean stopping = new AtomicBoolean();

    @BeforeAll
    void start() {
        server = TestServer.start("--swf-poll-seconds", "2");
        swf = client(server);
        domain = name("v1");
        swf.registerDomain(new RegisterDomainRequest().withName(domain).withWorkflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(new RegisterWorkflowTypeRequest().withDomain(domain).withName("greeting").withVersion("1")
                .withDefaultTaskList(new TaskList().withName("decisions")).withDefaultChildPolicy("TERMINATE")
                .withDefaultExecutionStartToCloseTimeout("600").withDefaultTaskStartToCloseTimeout("60"));
        swf.registerActivityType(new RegisterActivityTypeRequest().withDomain(domain).withName("greet").withVersion("1")
                .withDefaultTaskList(new TaskList().withName("activities")).withDefaultTaskScheduleToStartTimeout("300")
                .withDefaultTaskScheduleToCloseTimeout("600").withDefaultTaskStartToCloseTimeout("300")
                .withDefaultTaskHeartbeatTimeout("NONE"));
    }

    @AfterAll
    void stop() throws Exception {
        stopping.set(true);
        swf.shutdown();
        server.close();
    }

    /** A v1 client whose socket outlives a long poll (the SDK's own SWF default is 70 s too). */
    static AmazonSimpleWorkflow client(TestServer server) {
        return AmazonSimpleWorkflowClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(server.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCOUNT_A, "secret")))
                .withClientConfiguration(new ClientConfiguration().withSocketTimeout(70_000).withMaxConnections(20)).build();
    }

    /** The decider: activity, then a 1 s timer, then completion once the signal arrived. */
    private void decide() {
        while (!stopping.get()) {
            DecisionTask task = swf.pollForDecisionTask(new PollForDecisionTaskRequest().withDomain(domain)
                    .withTaskList(new TaskList().withName("decisions")).withIdentity("v1-decider"));
            if (task.getTaskToken() == null || task.getTaskToken().isEmpty()) {
                continue;
            }
            List<Decision> decisions = new ArrayList<>();
            String input = null;
            for (HistoryEvent e : task.getEvents()) {
                if (e.getEventType().equals(EventType.WorkflowExecutionStarted.toString())) {
                    input = e.getWorkflowExecutionStartedEventAttributes().getInput();
                }
                if (e.getEventId() <= task.getPreviousStartedEventId()) {
                    continue;
                }
                switch (EventType.fromValue(e.getEventType())) {
                    case WorkflowExecutionStarted -> decisions.add(new Decision().withDecisionType(DecisionType.ScheduleActivityTask)
                            .withScheduleActivityTaskDecisionAttributes(new ScheduleActivityTaskDecisionAttributes().withActivityId("greet-1")
                                    .withActivityType(new ActivityType().withName("greet").withVersion("1")).withInput(input)));
                    case ActivityTaskCompleted -> decisions.add(new Decision().withDecisionType(DecisionType.StartTimer)
                            .withStartTimerDecisionAttributes(new StartTimerDecisionAttributes().withTimerId("pause")
                                    .withStartToFireTimeout("1").withControl(e.getActivityTaskCompletedEventAttributes().getResult())));
                    case WorkflowExecutionSignaled -> decisions.add(new Decision().withDecisionType(DecisionType.CompleteWorkflowExecution)
                            .withCompleteWorkflowExecutionDecisionAttributes(new CompleteWorkflowExecutionDecisionAttributes()
                                    .withResult(e.getWorkflowExecutionSignaledEventAttributes().getInput())));
                    default -> { }
                }
            }
            swf.respondDecisionTaskCompleted(new RespondDecisionTaskCompletedRequest().withTaskToken(task.getTaskToken())
                    .withDecisions(decisions));
        }
    }

    private void work() {
        while (!stopping.get()) {
            ActivityTask task = swf.pollForActivityTask(new PollForActivityTaskRequest().withDomain(domain)
                    .withTaskList(new TaskList().withName("activities")).withIdentity("v1-worker"));
            if (task.getTaskToken() == null || task.getTaskToken().isEmpty()) {
                continue;
            }
            swf.respondActivityTaskCompleted(new RespondActivityTaskCompletedRequest().withTaskToken(task.getTaskToken())
                    .withResult("hello " + task.getInput()));
        }
    }

    private List<HistoryEvent> history(WorkflowExecution run) {
        return swf.getWorkflowExecutionHistory(new GetWorkflowExecutionHistoryRequest().withDomain(domain).withExecution(run)).getEvents();
    }

    @Test
    void aDeciderAndAWorkerRunAWorkflowWithATimerAndASignal() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> decider = threads.submit(this::decide);
            Future<?> worker = threads.submit(this::work);
            String workflowId = name("greeting");
            String runId = swf.startWorkflowExecution(new StartWorkflowExecutionRequest().withDomain(domain).withWorkflowId(workflowId)
                    .withWorkflowType(new WorkflowType().withName("greeting").withVersion("1")).withInput("world")
                    .withTagList("v1")).getRunId();
            WorkflowExecution run = new WorkflowExecution().withWorkflowId(workflowId).withRunId(runId);

            // signal once the decision task that followed the timer completed, so the history's order is fixed
            List<HistoryEvent> h = history(run);
            for (int i = 0; i < 600 && !(h.size() >= 15 && h.get(11).getEventType().equals("TimerFired")
                    && h.get(14).getEventType().equals("DecisionTaskCompleted")); i++) {
                assertTrue(!decider.isDone() && !worker.isDone(), "a poller stopped");
                Thread.sleep(50);
                h = history(run);
            }
            swf.signalWorkflowExecution(new SignalWorkflowExecutionRequest().withDomain(domain).withWorkflowId(workflowId)
                    .withSignalName("go").withInput("signalled"));
            for (int i = 0; i < 600 && "OPEN".equals(swf.describeWorkflowExecution(new DescribeWorkflowExecutionRequest()
                    .withDomain(domain).withExecution(run)).getExecutionInfo().getExecutionStatus()); i++) {
                Thread.sleep(50);
            }
            h = history(run);
            List<String> types = h.stream().map(HistoryEvent::getEventType).toList();
            assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted", "DecisionTaskCompleted",
                    "ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "TimerStarted", "TimerFired", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "WorkflowExecutionSignaled", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "WorkflowExecutionCompleted"), types);
            for (int i = 0; i < h.size(); i++) {
                assertEquals(i + 1, h.get(i).getEventId());
            }
            var started = h.get(0).getWorkflowExecutionStartedEventAttributes();
            assertEquals("world", started.getInput());
            assertEquals("decisions", started.getTaskList().getName());
            assertEquals("600", started.getExecutionStartToCloseTimeout());
            assertEquals(List.of("v1"), started.getTagList());
            assertEquals("v1-decider", h.get(2).getDecisionTaskStartedEventAttributes().getIdentity());
            var scheduled = h.get(4).getActivityTaskScheduledEventAttributes();
            assertEquals("greet-1", scheduled.getActivityId());
            assertEquals("activities", scheduled.getTaskList().getName());
            assertEquals("300", scheduled.getStartToCloseTimeout());
            assertEquals(4L, scheduled.getDecisionTaskCompletedEventId());
            assertEquals("v1-worker", h.get(5).getActivityTaskStartedEventAttributes().getIdentity());
            var completed = h.get(6).getActivityTaskCompletedEventAttributes();
            assertEquals("hello world", completed.getResult());
            assertEquals(5L, completed.getScheduledEventId());
            assertEquals(6L, completed.getStartedEventId());
            var timer = h.get(10).getTimerStartedEventAttributes();
            assertEquals("pause", timer.getTimerId());
            assertEquals("1", timer.getStartToFireTimeout());
            assertEquals("hello world", timer.getControl());
            assertEquals(11L, h.get(11).getTimerFiredEventAttributes().getStartedEventId());
            var signal = h.get(15).getWorkflowExecutionSignaledEventAttributes();
            assertEquals("go", signal.getSignalName());
            assertEquals("signalled", signal.getInput());
            assertEquals("signalled", h.get(19).getWorkflowExecutionCompletedEventAttributes().getResult());
            assertEquals(19L, h.get(19).getWorkflowExecutionCompletedEventAttributes().getDecisionTaskCompletedEventId());
            assertEquals("COMPLETED", swf.describeWorkflowExecution(new DescribeWorkflowExecutionRequest().withDomain(domain)
                    .withExecution(run)).getExecutionInfo().getCloseStatus());
        } finally {
            stopping.set(true);
            threads.shutdown();
        }
    }

    @Test
    void anEmptyPollCarriesNoTaskToken() {
        // AWS answers {"startedEventId":0} without a taskToken; v1 clients (and the Flow Framework) test for null
        ActivityTask activity = swf.pollForActivityTask(new PollForActivityTaskRequest().withDomain(domain)
                .withTaskList(new TaskList().withName(name("empty"))));
        assertEquals(null, activity.getTaskToken());
        assertEquals(0L, activity.getStartedEventId());
        DecisionTask decision = swf.pollForDecisionTask(new PollForDecisionTaskRequest().withDomain(domain)
                .withTaskList(new TaskList().withName(name("empty"))));
        assertEquals(null, decision.getTaskToken());
        assertEquals(0L, decision.getStartedEventId());
        assertEquals(0L, decision.getPreviousStartedEventId());
    }

    @Test
    void faultsArriveAsTheV1ExceptionClasses() {
        assertThrows(TypeAlreadyExistsException.class, () -> swf.registerActivityType(new RegisterActivityTypeRequest()
                .withDomain(domain).withName("greet").withVersion("1")));
        UnknownResourceException unknown = assertThrows(UnknownResourceException.class, () -> swf.describeWorkflowExecution(
                new DescribeWorkflowExecutionRequest().withDomain(domain).withExecution(new WorkflowExecution().withWorkflowId("nope")
                        .withRunId("0123456789abcdef"))));
        assertEquals("UnknownResourceFault", unknown.getErrorCode());
        assertEquals(400, unknown.getStatusCode());
        if (!unknown.getMessage().contains("nope")) {
            fail(unknown.getMessage());
        }
    }
}
