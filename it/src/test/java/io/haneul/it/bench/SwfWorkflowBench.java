package io.haneul.it.bench;

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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SWF benchmark (not a test): deciders and activity workers on the SDK run 3-activity workflows
 * (a1, a2, a3 in sequence, then complete) for D seconds with a fixed number of executions open;
 * prints completed workflows/s, and schedule-to-start of activity and decision tasks (Started minus
 * Scheduled event timestamps, millisecond precision) from a sample of histories.
 * {@code java ... SwfWorkflowBench ENDPOINT SECONDS DECIDERS WORKERS OPEN}
 */
public final class SwfWorkflowBench {

    private SwfWorkflowBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int deciders = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        int open = Integer.parseInt(args[4]);
        SwfClient swf = SwfClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(deciders + workers + 16)
                        .socketTimeout(Duration.ofSeconds(70)))
                .build();
        String domain = "bench-" + System.nanoTime();
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain).name("w").version("1").defaultTaskList(t -> t.name("d"))
                .defaultExecutionStartToCloseTimeout("3600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("TERMINATE"));
        swf.registerActivityType(b -> b.domain(domain).name("a").version("1").defaultTaskList(t -> t.name("w"))
                .defaultTaskScheduleToStartTimeout("600").defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong completed = new AtomicLong();
        Semaphore slots = new Semaphore(open);
        ConcurrentLinkedQueue<String[]> done = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < deciders; i++) {
            threads.add(Thread.ofPlatform().start(() -> decide(swf, domain, stop, slots, completed, done)));
        }
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().start(() -> work(swf, domain, stop)));
        }
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < deadline) {
            if (slots.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                String id = "wf-" + n++;
                swf.startWorkflowExecution(b -> b.domain(domain).workflowId(id).workflowType(t -> t.name("w").version("1")));
            }
        }
        long count = completed.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        List<Long> activity = new ArrayList<>();
        List<Long> decision = new ArrayList<>();
        int sampled = 0;
        for (String[] run : done) {
            if (sampled++ >= 300) {
                break;
            }
            Map<Long, HistoryEvent> byId = new HashMap<>();
            for (HistoryEvent e : swf.getWorkflowExecutionHistory(b -> b.domain(domain)
                    .execution(x -> x.workflowId(run[0]).runId(run[1]))).events()) {
                byId.put(e.eventId(), e);
                if (e.eventType() == EventType.ACTIVITY_TASK_STARTED) {
                    activity.add(e.eventTimestamp().toEpochMilli()
                            - byId.get(e.activityTaskStartedEventAttributes().scheduledEventId()).eventTimestamp().toEpochMilli());
                } else if (e.eventType() == EventType.DECISION_TASK_STARTED) {
                    decision.add(e.eventTimestamp().toEpochMilli()
                            - byId.get(e.decisionTaskStartedEventAttributes().scheduledEventId()).eventTimestamp().toEpochMilli());
                }
            }
        }
        System.out.printf("RESULT workflows=%d seconds=%.1f workflows_per_s=%.1f activity_s2s_p50_ms=%d activity_s2s_p99_ms=%d"
                        + " decision_s2s_p50_ms=%d decision_s2s_p99_ms=%d deciders=%d workers=%d open=%d%n",
                count, elapsed, count / elapsed, pct(activity, 50), pct(activity, 99), pct(decision, 50), pct(decision, 99),
                deciders, workers, open);
        for (Thread t : threads) {
            t.join();
        }
        swf.close();
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void decide(SwfClient swf, String domain, AtomicBoolean stop, Semaphore slots, AtomicLong completed,
                               ConcurrentLinkedQueue<String[]> done) {
        while (!stop.get()) {
            PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name("d")));
            if (t.taskToken() == null || t.taskToken().isEmpty()) {
                continue;
            }
            int scheduled = 0;
            int finished = 0;
            for (HistoryEvent e : t.events()) {
                if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED) {
                    scheduled++;
                } else if (e.eventType() == EventType.ACTIVITY_TASK_COMPLETED) {
                    finished++;
                }
            }
            List<Decision> decisions = new ArrayList<>();
            if (finished == 3) {
                decisions.add(Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build());
            } else if (scheduled == finished) {
                String id = "a" + (scheduled + 1);
                decisions.add(Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                        .scheduleActivityTaskDecisionAttributes(a -> a.activityId(id).activityType(x -> x.name("a").version("1"))).build());
            }
            swf.respondDecisionTaskCompleted(b -> b.taskToken(t.taskToken()).decisions(decisions));
            if (finished == 3) {
                completed.incrementAndGet();
                done.add(new String[] {t.workflowExecution().workflowId(), t.workflowExecution().runId()});
                slots.release();
            }
        }
    }

    private static void work(SwfClient swf, String domain, AtomicBoolean stop) {
        while (!stop.get()) {
            PollForActivityTaskResponse t = swf.pollForActivityTask(b -> b.domain(domain).taskList(l -> l.name("w")));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                swf.respondActivityTaskCompleted(b -> b.taskToken(t.taskToken()).result("ok"));
            }
        }
    }
}
