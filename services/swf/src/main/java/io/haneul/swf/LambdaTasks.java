package io.haneul.swf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.SwfException;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.LambdaFunctionCompletedEventAttributes;
import software.amazon.awssdk.services.swf.model.LambdaFunctionFailedEventAttributes;
import software.amazon.awssdk.services.swf.model.LambdaFunctionScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.LambdaFunctionStartedEventAttributes;
import software.amazon.awssdk.services.swf.model.LambdaFunctionTimedOutEventAttributes;
import software.amazon.awssdk.services.swf.model.LambdaFunctionTimeoutType;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionFailedEventAttributes;
import software.amazon.awssdk.services.swf.model.StartLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.StartLambdaFunctionFailedEventAttributes;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lambda tasks (the ScheduleLambdaFunction decision) run through Lambda's {@link FunctionInvoker}.
 * The decision records LambdaFunctionScheduled and, in the same transaction, a durable job that
 * starts the function; the job records LambdaFunctionStarted (or StartLambdaFunctionFailed when the
 * execution has no usable {@code lambdaRole}), arms the start-to-close timeout (300 s unless the
 * decision says otherwise) and invokes the function outside any transaction, so a slow function
 * holds no database lock. Its answer becomes LambdaFunctionCompleted or LambdaFunctionFailed unless
 * the timeout recorded LambdaFunctionTimedOut first. A job that finds its function already started
 * (its node died while the function ran) leaves it to the timeout: the function runs at most once.
 */
final class LambdaTasks {

    static final String JOB = "swf.lambda";
    /** AWS counts Lambda tasks with activity tasks: at most 1,000 open ones per execution. */
    static final int MAX_OPEN = 1000;
    static final String DEFAULT_TIMEOUT = "300";
    private static final long MAX_TIMEOUT_SECONDS = 900;
    private static final int MAX_DATA = 32_768;
    private static final int MAX_REASON = 256;

    private final ExecutionEngine engine;
    private final DurableScheduler scheduler;
    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final Supplier<Optional<RoleDirectory>> roles;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param lambda Lambda's invoker, looked up when needed (absent when Lambda is not served)
     * @param roles  IAM's roles, looked up when needed (absent when IAM is not served: any role ARN is then accepted)
     */
    LambdaTasks(ExecutionEngine engine, DurableScheduler scheduler, Supplier<Optional<FunctionInvoker>> lambda,
                Supplier<Optional<RoleDirectory>> roles) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.lambda = lambda;
        this.roles = roles;
        scheduler.register(JOB, this::run);
    }

    /** The decision's startToCloseTimeout must be 1 to 900 seconds, as AWS documents. */
    static void checkTimeout(String timeout) {
        Durations.check("startToCloseTimeout", timeout, false);
        if (timeout != null && (Long.parseLong(timeout) < 1 || Long.parseLong(timeout) > MAX_TIMEOUT_SECONDS)) {
            throw SwfException.validation("Invalid value for startToCloseTimeout: " + timeout
                    + " (it must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds)");
        }
    }

    /** Whether Lambda is served here (call outside a transaction: it may start the Lambda module). */
    boolean served() {
        return lambda.get().isPresent();
    }

    /**
     * Carries out a ScheduleLambdaFunction decision inside the decision task's transaction.
     *
     * @param served what {@link #served()} answered before the transaction
     */
    void schedule(ExecutionTx tx, long completedId, ScheduleLambdaFunctionDecisionAttributes a, boolean served) throws SQLException {
        ExecutionState s = tx.state();
        ScheduleLambdaFunctionFailedCause cause = null;
        if (!served) {
            cause = ScheduleLambdaFunctionFailedCause.LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION;
        } else if (s.lambdas.containsKey(a.id())) {
            cause = ScheduleLambdaFunctionFailedCause.ID_ALREADY_IN_USE;
        } else if (s.lambdas.size() >= MAX_OPEN) {
            cause = ScheduleLambdaFunctionFailedCause.OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED;
        }
        if (cause != null) {
            ScheduleLambdaFunctionFailedCause c = cause;
            tx.event(EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED, b -> b.scheduleLambdaFunctionFailedEventAttributes(
                    ScheduleLambdaFunctionFailedEventAttributes.builder().id(a.id()).name(a.name()).cause(c)
                            .decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        String timeout = a.startToCloseTimeout() != null ? a.startToCloseTimeout() : DEFAULT_TIMEOUT;
        long id = tx.event(EventType.LAMBDA_FUNCTION_SCHEDULED, b -> b.lambdaFunctionScheduledEventAttributes(
                LambdaFunctionScheduledEventAttributes.builder().id(a.id()).name(a.name()).control(a.control()).input(a.input())
                        .startToCloseTimeout(timeout).decisionTaskCompletedEventId(completedId).build()));
        ExecutionState.LambdaFunction f = new ExecutionState.LambdaFunction();
        f.id = a.id();
        f.name = a.name();
        f.input = a.input();
        f.startToCloseTimeout = timeout;
        f.scheduledEventId = id;
        s.lambdas.put(f.id, f);
        arm(tx, tx.now(), "start", id, 0);
    }

    private void arm(ExecutionTx tx, Instant at, String step, long scheduledEventId, long startedEventId) throws SQLException {
        ExecutionEngine.Session session = tx.session();
        session.jobArmed(at);
        scheduler.schedule(session.c, JOB, tx.record().runId,
                step + "|" + tx.record().runId + "|" + scheduledEventId + "|" + startedEventId, at);
    }

    /** What the start step hands to the invocation after its transaction committed. */
    private record Start(String account, String region, String function, String input, long startedEventId) {
    }

    private void run(Job job) {
        String[] p = job.payload().split("\\|", 4);
        String runId = p[1];
        long scheduledEventId = Long.parseLong(p[2]);
        try {
            if ("timeout".equals(p[0])) {
                timeOut(runId, scheduledEventId, Long.parseLong(p[3]));
            } else {
                start(runId, scheduledEventId).ifPresent(s -> finish(runId, scheduledEventId, s, invoke(s)));
            }
        } catch (SwfException gone) {
            // the run was deleted after its retention: nothing left to record
        }
    }

    private Optional<Start> start(String runId, long scheduledEventId) {
        // the role is checked before the transaction: finding IAM's directory may start the IAM module
        String role = engine.store().get(runId).map(e -> e.state.lambdaRole).orElse(null);
        String refused = roleProblem(role);
        return engine.update(runId, () -> SwfException.unknownExecution("", runId), tx -> {
            ExecutionState.LambdaFunction f = tx.record().open ? tx.state().lambdaByScheduledId(scheduledEventId) : null;
            if (f == null || f.startedEventId != 0) {
                return Optional.empty();
            }
            if (refused != null) {
                tx.state().lambdas.remove(f.id);
                tx.event(EventType.START_LAMBDA_FUNCTION_FAILED, b -> b.startLambdaFunctionFailedEventAttributes(
                        StartLambdaFunctionFailedEventAttributes.builder().scheduledEventId(scheduledEventId)
                                .cause(StartLambdaFunctionFailedCause.ASSUME_ROLE_FAILED).message(refused).build()));
                tx.needDecision();
                return Optional.empty();
            }
            long started = tx.event(EventType.LAMBDA_FUNCTION_STARTED, b -> b.lambdaFunctionStartedEventAttributes(
                    LambdaFunctionStartedEventAttributes.builder().scheduledEventId(scheduledEventId).build()));
            f.startedEventId = started;
            Duration timeout = Durations.of(f.startToCloseTimeout).orElse(Duration.ofSeconds(300));
            arm(tx, tx.now().plus(timeout), "timeout", scheduledEventId, started);
            return Optional.of(new Start(tx.record().account, tx.record().region, f.name, f.input, started));
        });
    }

    /** Why the execution's lambdaRole cannot be assumed, or null when it can. */
    private String roleProblem(String role) {
        if (role == null || role.isEmpty()) {
            return "The workflow execution has no lambdaRole: SWF cannot assume a role to invoke Lambda functions";
        }
        Optional<RoleDirectory> directory = roles.get();
        if (directory.isPresent() && directory.get().findByArn(role).isEmpty()) {
            return "Unable to assume IAM role " + role;
        }
        return null;
    }

    /** The function's outcome: its result, or why it failed. */
    private record Outcome(String result, String reason, String details) {
    }

    private Outcome invoke(Start s) {
        Optional<FunctionInvoker> invoker = lambda.get();
        if (invoker.isEmpty()) {
            return new Outcome(null, "LambdaServiceNotAvailable", "Lambda is not served by this server");
        }
        byte[] payload = s.input() == null ? new byte[0] : s.input().getBytes(StandardCharsets.UTF_8);
        try {
            FunctionInvoker.Result r = invoker.get().invoke(new FunctionInvoker.Invocation(s.account(), s.region(), s.function(), null,
                    FunctionInvoker.InvocationType.REQUEST_RESPONSE, payload, null, null, null));
            String body = r.payload() == null ? "" : new String(r.payload(), StandardCharsets.UTF_8);
            if (r.functionError() == null) {
                return new Outcome(cut(body, MAX_DATA), null, null);
            }
            return new Outcome(null, cut(errorType(body, r.functionError()), MAX_REASON), cut(body, MAX_DATA));
        } catch (FunctionInvoker.FunctionInvocationException refused) {
            return new Outcome(null, cut(refused.code(), MAX_REASON), cut(refused.getMessage(), MAX_DATA));
        } catch (RuntimeException broken) {
            // Lambda failed unexpectedly: the decider hears of it now rather than at the timeout
            return new Outcome(null, "ServiceException", cut(String.valueOf(broken.getMessage()), MAX_DATA));
        }
    }

    /** SWF's data fields hold at most 32,768 characters and reasons 256: longer answers are cut there. */
    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The errorType of Lambda's error document (e.g. {@code ValueError}), or the function error kind. */
    private String errorType(String body, String functionError) {
        try {
            JsonNode type = json.readTree(body).get("errorType");
            return type != null && type.isTextual() ? type.asText() : functionError;
        } catch (Exception notJson) {
            return functionError;
        }
    }

    private void finish(String runId, long scheduledEventId, Start s, Outcome o) {
        engine.update(runId, () -> SwfException.unknownExecution("", runId), tx -> {
            ExecutionState.LambdaFunction f = tx.record().open ? tx.state().lambdaByScheduledId(scheduledEventId) : null;
            if (f == null || f.startedEventId != s.startedEventId()) {
                return null; // timed out meanwhile, or the run closed
            }
            tx.state().lambdas.remove(f.id);
            if (o.reason() == null) {
                tx.event(EventType.LAMBDA_FUNCTION_COMPLETED, b -> b.lambdaFunctionCompletedEventAttributes(
                        LambdaFunctionCompletedEventAttributes.builder().scheduledEventId(scheduledEventId)
                                .startedEventId(s.startedEventId()).result(o.result()).build()));
            } else {
                tx.event(EventType.LAMBDA_FUNCTION_FAILED, b -> b.lambdaFunctionFailedEventAttributes(
                        LambdaFunctionFailedEventAttributes.builder().scheduledEventId(scheduledEventId)
                                .startedEventId(s.startedEventId()).reason(o.reason()).details(o.details()).build()));
            }
            tx.needDecision();
            return null;
        });
    }

    private void timeOut(String runId, long scheduledEventId, long startedEventId) {
        engine.update(runId, () -> SwfException.unknownExecution("", runId), tx -> {
            ExecutionState.LambdaFunction f = tx.record().open ? tx.state().lambdaByScheduledId(scheduledEventId) : null;
            if (f == null || f.startedEventId != startedEventId) {
                return null;
            }
            tx.state().lambdas.remove(f.id);
            tx.event(EventType.LAMBDA_FUNCTION_TIMED_OUT, b -> b.lambdaFunctionTimedOutEventAttributes(
                    LambdaFunctionTimedOutEventAttributes.builder().scheduledEventId(scheduledEventId).startedEventId(startedEventId)
                            .timeoutType(LambdaFunctionTimeoutType.START_TO_CLOSE).build()));
            tx.needDecision();
            return null;
        });
    }
}
