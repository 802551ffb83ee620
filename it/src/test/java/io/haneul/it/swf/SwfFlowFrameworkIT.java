package io.haneul.it.swf;

import com.amazonaws.services.simpleworkflow.AmazonSimpleWorkflow;
import com.amazonaws.services.simpleworkflow.flow.ActivityExecutionContext;
import com.amazonaws.services.simpleworkflow.flow.DecisionContext;
import com.amazonaws.services.simpleworkflow.flow.WorkflowTypeRegistrationOptions;
import com.amazonaws.services.simpleworkflow.flow.core.Functor;
import com.amazonaws.services.simpleworkflow.flow.core.Promise;
import com.amazonaws.services.simpleworkflow.flow.core.Settable;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementation;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationBase;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationFactory;
import com.amazonaws.services.simpleworkflow.flow.generic.ExecuteActivityParameters;
import com.amazonaws.services.simpleworkflow.flow.generic.SignalExternalWorkflowParameters;
import com.amazonaws.services.simpleworkflow.flow.generic.StartWorkflowExecutionParameters;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinition;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactory;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactoryFactory;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericActivityWorker;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowClientExternalImpl;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowWorker;
import com.amazonaws.services.simpleworkflow.model.ActivityType;
import com.amazonaws.services.simpleworkflow.model.ChildPolicy;
import com.amazonaws.services.simpleworkflow.model.DescribeWorkflowExecutionRequest;
import com.amazonaws.services.simpleworkflow.model.GetWorkflowExecutionHistoryRequest;
import com.amazonaws.services.simpleworkflow.model.HistoryEvent;
import com.amazonaws.services.simpleworkflow.model.RegisterActivityTypeRequest;
import com.amazonaws.services.simpleworkflow.model.RegisterDomainRequest;
import com.amazonaws.services.simpleworkflow.model.RegisterWorkflowTypeRequest;
import com.amazonaws.services.simpleworkflow.model.TaskList;
import com.amazonaws.services.simpleworkflow.model.WorkflowExecution;
import com.amazonaws.services.simpleworkflow.model.WorkflowType;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The AWS Flow Framework for Java (1.11.22) on Haneul: its {@link GenericWorkflowWorker} replays a
 * hand-written {@link WorkflowDefinition} (promises and functors, no AspectJ weaving or annotation
 * processing) that runs an activity on a {@link GenericActivityWorker}, waits on a timer and a
 * signal and completes with both; the history is the one SWF records for that program.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfFlowFrameworkIT {

    static final WorkflowType GREETING = new WorkflowType().withName("flow-greeting").withVersion("1");
    static final ActivityType GREET = new ActivityType().withName("flow-greet").withVersion("1");

    TestServer server;
    AmazonSimpleWorkflow swf;
    String domain;

    @BeforeAll
    void start() {
        server = TestServer.start("--swf-poll-seconds", "2");
        swf = SwfSdkV1IT.client(server);
        domain = name("flow");
        swf.registerDomain(new RegisterDomainRequest().withName(domain).withWorkflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(new RegisterWorkflowTypeRequest().withDomain(domain).withName(GREETING.getName())
                .withVersion(GREETING.getVersion()).withDefaultTaskList(new TaskList().withName("flow-decisions"))
                .withDefaultChildPolicy("TERMINATE").withDefaultExecutionStartToCloseTimeout("600").withDefaultTaskStartToCloseTimeout("60"));
        swf.registerActivityType(new RegisterActivityTypeRequest().withDomain(domain).withName(GREET.getName()).withVersion(GREET.getVersion())
                .withDefaultTaskList(new TaskList().withName("flow-activities")).withDefaultTaskScheduleToStartTimeout("300")
                .withDefaultTaskScheduleToCloseTimeout("600").withDefaultTaskStartToCloseTimeout("300").withDefaultTaskHeartbeatTimeout("NONE"));
    }

    @AfterAll
    void stop() throws Exception {
        swf.shutdown();
        server.close();
    }

    /** The workflow program: greet, wait 1 s, then complete with the greeting and the signal's input. */
    static final class Greeting extends WorkflowDefinition {
        private final DecisionContext context;
        private final Settable<String> signal = new Settable<>();

        Greeting(DecisionContext context) {
            this.context = context;
        }

        @Override
        public Promise<String> execute(String input) {
            Promise<String> greeted = context.getActivityClient().scheduleActivityTask(new ExecuteActivityParameters()
                    .withActivityType(GREET).withInput(input).withTaskList("flow-activities"));
            Promise<Void> paused = new Functor<Void>(greeted) {
                @Override
                protected Promise<Void> doExecute() {
                    return context.getWorkflowClock().createTimer(1);
                }
            };
            return new Functor<String>(paused, signal) {
                @Override
                protected Promise<String> doExecute() {
                    return Promise.asPromise(greeted.get() + " / " + signal.get());
                }
            };
        }

        @Override
        public void signalRecieved(String signalName, String input) {
            if (!signal.isReady()) {
                signal.set(input);
            }
        }

        @Override
        public String getWorkflowState() {
            return null;
        }
    }

    static final class Workflows extends WorkflowDefinitionFactoryFactory {
        @Override
        public WorkflowDefinitionFactory getWorkflowDefinitionFactory(WorkflowType type) {
            if (!GREETING.equals(type)) {
                return null;
            }
            return new WorkflowDefinitionFactory() {
                @Override
                public WorkflowTypeRegistrationOptions getWorkflowRegistrationOptions() {
                    return null;
                }

                @Override
                public WorkflowDefinition getWorkflowDefinition(DecisionContext context) {
                    return new Greeting(context);
                }

                @Override
                public void deleteWorkflowDefinition(WorkflowDefinition definition) {
                }

                @Override
                public WorkflowType getWorkflowType() {
                    return GREETING;
                }
            };
        }

        @Override
        public Iterable<WorkflowType> getWorkflowTypesToRegister() {
            return List.of();
        }
    }

    static final class Activities extends ActivityImplementationFactory {
        @Override
        public Iterable<ActivityType> getActivityTypesToRegister() {
            return List.of();
        }

        @Override
        public ActivityImplementation getActivityImplementation(ActivityType type) {
            return new ActivityImplementationBase() {
                @Override
                protected String execute(String input, ActivityExecutionContext context) {
                    return "hello " + input;
                }
            };
        }
    }

    private List<HistoryEvent> history(WorkflowExecution run) {
        return swf.getWorkflowExecutionHistory(new GetWorkflowExecutionHistoryRequest().withDomain(domain).withExecution(run)).getEvents();
    }

    private static List<String> types(List<HistoryEvent> h) {
        return h.stream().map(HistoryEvent::getEventType).toList();
    }

    @Test
    void theFlowFrameworksGenericWorkersRunAWorkflowWithAnActivityATimerAndASignal() throws Exception {
        GenericWorkflowWorker decider = new GenericWorkflowWorker(swf, domain, "flow-decisions");
        decider.setWorkflowDefinitionFactoryFactory(new Workflows());
        decider.setDisableServiceShutdownOnStop(true);
        decider.setIdentity("flow-decider");
        GenericActivityWorker worker = new GenericActivityWorker(swf, domain, "flow-activities");
        worker.setActivityImplementationFactory(new Activities());
        worker.setDisableServiceShutdownOnStop(true);
        decider.start();
        worker.start();
        try {
            GenericWorkflowClientExternalImpl client = new GenericWorkflowClientExternalImpl(swf, domain);
            String workflowId = name("flow-run");
            WorkflowExecution run = client.startWorkflow(new StartWorkflowExecutionParameters().withWorkflowId(workflowId)
                    .withWorkflowType(GREETING).withInput("flow").withTaskList("flow-decisions")
                    .withExecutionStartToCloseTimeoutSeconds(600).withTaskStartToCloseTimeoutSeconds(60).withChildPolicy(ChildPolicy.TERMINATE));

            // signal once the decision task after the timer completed, so the history's order is fixed
            List<HistoryEvent> h = history(run);
            for (int i = 0; i < 1200 && !(h.size() >= 15 && "TimerFired".equals(h.get(11).getEventType())
                    && "DecisionTaskCompleted".equals(h.get(14).getEventType())); i++) {
                Thread.sleep(50);
                h = history(run);
            }
            assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted", "DecisionTaskCompleted",
                    "ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "TimerStarted", "TimerFired", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted"), types(h));
            client.signalWorkflowExecution(new SignalExternalWorkflowParameters().withWorkflowId(workflowId).withRunId(run.getRunId())
                    .withSignalName("go").withInput("signalled"));
            for (int i = 0; i < 1200 && "OPEN".equals(swf.describeWorkflowExecution(new DescribeWorkflowExecutionRequest()
                    .withDomain(domain).withExecution(run)).getExecutionInfo().getExecutionStatus()); i++) {
                Thread.sleep(50);
            }
            h = history(run);
            assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted", "DecisionTaskCompleted",
                    "ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "TimerStarted", "TimerFired", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "WorkflowExecutionSignaled", "DecisionTaskScheduled",
                    "DecisionTaskStarted", "DecisionTaskCompleted", "WorkflowExecutionCompleted"), types(h));
            assertEquals("flow-decider", h.get(2).getDecisionTaskStartedEventAttributes().getIdentity());
            assertEquals(GREET, h.get(4).getActivityTaskScheduledEventAttributes().getActivityType());
            assertEquals("flow", h.get(4).getActivityTaskScheduledEventAttributes().getInput());
            assertNotNull(h.get(5).getActivityTaskStartedEventAttributes().getIdentity());
            assertEquals("hello flow", h.get(6).getActivityTaskCompletedEventAttributes().getResult());
            assertEquals("1", h.get(10).getTimerStartedEventAttributes().getStartToFireTimeout());
            assertEquals("signalled", h.get(15).getWorkflowExecutionSignaledEventAttributes().getInput());
            assertEquals("hello flow / signalled", h.get(19).getWorkflowExecutionCompletedEventAttributes().getResult());
        } finally {
            decider.shutdownNow();
            worker.shutdownNow();
            decider.shutdownAndAwaitTermination(10, TimeUnit.SECONDS);
            worker.shutdownAndAwaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
