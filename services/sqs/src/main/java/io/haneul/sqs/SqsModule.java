package io.haneul.sqs;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.sqs.domain.ReceiptHandleCodec;
import io.haneul.sqs.store.MoveTaskStore;
import io.haneul.sqs.store.QueueWakeups;
import io.haneul.sqs.store.SqlQueueStore;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.DurableScheduler;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Registers SQS with the server and wires its parts. */
public final class SqsModule implements ServiceModule {

    @Override
    public String id() {
        return "sqs";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("sqs-2012-11-05");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        SqlQueueStore store = new SqlQueueStore(db, Long.parseLong(env.setting("sqs-queue-cache-ms",
                Long.toString(SqlQueueStore.DEFAULT_CACHE_MILLIS))), scheduler);
        QueueWakeups wakeups = new QueueWakeups(db.notifier(), db.dialect() == Dialect.POSTGRES);
        QueuePolicies policies = new QueuePolicies(env.clock());
        QueueService queues = new QueueService(store, env.clock(), policies, env.setting("sqs-public-url", ""));
        byte[] secret = env.setting("sqs-receipt-secret", "haneul-sqs-receipt-handles").getBytes(StandardCharsets.UTF_8);
        MessageService messages = new MessageService(store, queues, wakeups, new ReceiptHandleCodec(secret), env.clock(),
                io.haneul.core.spi.EventFeed.of(env));
        MoveTasks moves = new MoveTasks(store, new MoveTaskStore(db), scheduler, wakeups, env.clock());
        return new SqsProvider(queues, messages, moves, new SqsQueueDelivery(store, messages, policies),
                new SqsQueueConsumer(store, messages, queues), new SqsInspection(store, env.clock()));
    }

    /** {@code GET /_haneul/sqs/messages}: a queue's messages without receiving them (see {@link SqsInspection}). */
    @Override
    public java.util.Map<String, InternalRoute> internalRoutes() {
        return java.util.Map.of("GET /_haneul/sqs/messages", (p, call) -> ((SqsProvider) p).inspection().peek(call));
    }

    @Override
    public java.util.Optional<Object> export(Class<?> type, Object provider) {
        if (type == io.haneul.core.spi.QueueDelivery.class && provider instanceof SqsProvider sqs) {
            return java.util.Optional.of(sqs.delivery());
        }
        if (type == io.haneul.core.spi.QueueConsumer.class && provider instanceof SqsProvider sqs) {
            return java.util.Optional.of(sqs.consumer());
        }
        return java.util.Optional.empty();
    }

    /**
     * SQS's query-protocol errors carry an empty {@code <Detail/>}, unlike other query services'; of
     * its empty lists only ListDeadLetterSourceQueues' required {@code queueUrls} is written; the two
     * common errors its model does not list have these {@code __type} shapes in JSON (the query code
     * stays in {@code x-amzn-query-error}, which is what clients read).
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.withQueryErrorDetail()
                .keepingEmpty("ListDeadLetterSourceQueuesResponse.queueUrls")
                .namingError("InvalidParameterValue", "InvalidParameterValueException")
                .namingError("MissingParameter", "MissingRequiredParameterException");
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SqsProvider.class;
    }

    /**
     * SQS's largest call carries 1 MiB: one message (body plus attributes, MaximumMessageSize at
     * most 1,048,576 bytes since 2025) or a batch (1 MiB in total). The query protocol
     * percent-encodes it (up to three bytes per byte); JSON escapes at most double it. Three times
     * the message plus 64 KiB for the envelope (queue URL, ids, attribute names) admits every valid
     * call in either protocol; larger ones are answered 413 before they are read.
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 3L * 1_048_576 + 64 * 1024;
    }
}
