package io.haneul.sqs;

import io.haneul.core.engine.RequestContext;
import io.haneul.sqs.domain.Limits;
import io.haneul.sqs.domain.QueueArn;
import io.haneul.sqs.domain.QueueArns;
import io.haneul.sqs.domain.SqsError;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.store.MoveTaskRecord;
import io.haneul.sqs.store.MoveTaskStore;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.QueueWakeups;
import io.haneul.sqs.store.SqlQueueStore;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dead-letter queue redrive: StartMessageMoveTask runs as a durable job that moves up to the
 * task's rate each second (500/s at most) until the source is empty, survives restarts, and stops
 * when cancelled.
 */
final class MoveTasks {

    static final String JOB_KIND = "sqs.move";
    private static final int DEFAULT_RATE = 500;

    private final SqlQueueStore queues;
    private final MoveTaskStore tasks;
    private final DurableScheduler scheduler;
    private final QueueWakeups wakeups;
    private final Clock clock;

    MoveTasks(SqlQueueStore queues, MoveTaskStore tasks, DurableScheduler scheduler, QueueWakeups wakeups, Clock clock) {
        this.queues = queues;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.wakeups = wakeups;
        this.clock = clock;
        scheduler.register(JOB_KIND, this::runStep);
    }

    String start(RequestContext ctx, String sourceArn, String destinationArn, Integer rate) {
        QueueRecord source = byArn(ctx, sourceArn, "SourceArn");
        if (queues.deadLetterSources(source.region(), QueueService.arn(source)).isEmpty()) {
            throw new SqsException(SqsError.InvalidParameterValue, "Source queue must be configured as a Dead Letter Queue.");
        }
        if (destinationArn != null) {
            byArn(ctx, destinationArn, "DestinationArn");
        }
        if (rate != null) {
            Limits.moveMessagesPerSecond(rate);
        }
        boolean running = tasks.bySource(QueueService.arn(source), 10).stream().anyMatch(t -> t.status().equals("RUNNING"));
        if (running) {
            throw new SqsException(SqsError.UnsupportedOperation, "There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
        }
        long now = clock.millis();
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (UUID.randomUUID() + "|" + QueueService.arn(source)).getBytes(StandardCharsets.UTF_8));
        long toMove = queues.counts(source.id(), now).visible();
        tasks.insert(new MoveTaskRecord(handle, ctx.accountId(), ctx.region(), QueueService.arn(source), destinationArn, rate,
                "RUNNING", 0, toMove, now, null));
        scheduler.schedule(JOB_KIND, handle, handle, clock.instant());
        return handle;
    }

    long cancel(RequestContext ctx, String handle) {
        MoveTaskRecord t = tasks.find(handle == null ? "" : handle)
                .filter(x -> x.account().equals(ctx.accountId()))
                .orElseThrow(() -> new SqsException(SqsError.ResourceNotFoundException, "Task does not exist."));
        if (!tasks.transition(handle, "RUNNING", "CANCELLED", null)) {
            throw new SqsException(SqsError.UnsupportedOperation, "Only active tasks can be cancelled.");
        }
        scheduler.cancelByKey(JOB_KIND, handle);
        return tasks.find(handle).map(MoveTaskRecord::moved).orElse(t.moved());
    }

    List<ListMessageMoveTasksResultEntry> list(RequestContext ctx, String sourceArn, Integer maxResults) {
        QueueRecord source = byArn(ctx, sourceArn, "SourceArn");
        int limit = maxResults == null ? 1 : Limits.listMoveTasksMaxResults(maxResults);
        return tasks.bySource(QueueService.arn(source), limit).stream().map(t -> ListMessageMoveTasksResultEntry.builder()
                .taskHandle(t.status().equals("RUNNING") ? t.handle() : null).status(t.status()).sourceArn(t.sourceArn())
                .destinationArn(t.destinationArn()).maxNumberOfMessagesPerSecond(t.rate())
                .approximateNumberOfMessagesMoved(t.moved()).approximateNumberOfMessagesToMove(t.toMove())
                .failureReason(t.failure()).startedTimestamp(t.startedAt()).build()).toList();
    }

    private void runStep(Job job) {
        MoveTaskRecord t = tasks.find(job.payload()).orElse(null);
        if (t == null || !t.status().equals("RUNNING")) {
            return;
        }
        QueueArn src = QueueArns.parse(t.sourceArn(), "SourceArn");
        Optional<QueueRecord> source = queues.find(src.accountId(), src.region(), src.queueName());
        if (source.isEmpty()) {
            tasks.transition(t.handle(), "RUNNING", "FAILED", "AWS.SimpleQueueService.NonExistentQueue");
            return;
        }
        int rate = t.rate() == null ? DEFAULT_RATE : t.rate();
        long now = clock.millis();
        int moved = tasks.move(t.handle(), source.get(), m -> destinationOf(t, m), rate, now);
        if (moved > 0) {
            notifyDestinations(t);
        }
        if (queues.counts(source.get().id(), now).visible() == 0 || moved == 0) {
            tasks.transition(t.handle(), "RUNNING", "COMPLETED", null);
        } else {
            scheduler.schedule(JOB_KIND, t.handle(), t.handle(), clock.instant().plusSeconds(1));
        }
    }

    private Optional<QueueRecord> destinationOf(MoveTaskRecord t, io.haneul.sqs.store.StoredMessage m) {
        String arn = t.destinationArn() != null ? t.destinationArn() : m.sourceArn();
        if (arn == null) {
            return Optional.empty();
        }
        return QueueArns.tryParse(arn).flatMap(a -> queues.find(a.accountId(), a.region(), a.queueName()));
    }

    private void notifyDestinations(MoveTaskRecord t) {
        if (t.destinationArn() != null) {
            QueueArns.tryParse(t.destinationArn()).flatMap(a -> queues.find(a.accountId(), a.region(), a.queueName()))
                    .ifPresent(q -> wakeups.messageArrived(q.id()));
        } else {
            QueueArn src = QueueArns.parse(t.sourceArn(), "SourceArn");
            queues.deadLetterSources(src.region(), t.sourceArn()).forEach(q -> wakeups.messageArrived(q.id()));
        }
    }

    private QueueRecord byArn(RequestContext ctx, String arn, String parameter) {
        if (arn == null || arn.isEmpty()) {
            throw SqsException.missingParameter(parameter);
        }
        QueueArn a = QueueArns.parse(arn, parameter);
        QueueRecord q = queues.find(a.accountId(), a.region(), a.queueName())
                .orElseThrow(() -> new SqsException(SqsError.ResourceNotFoundException, "The resource that you specified for the "
                        + parameter + " parameter doesn't exist."));
        if (!q.account().equals(ctx.accountId())) {
            throw new SqsException(SqsError.ResourceNotFoundException, "The resource that you specified for the "
                    + parameter + " parameter doesn't exist.");
        }
        return q;
    }
}
