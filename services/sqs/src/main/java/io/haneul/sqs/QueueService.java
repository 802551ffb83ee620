package io.haneul.sqs;

import io.haneul.core.engine.RequestContext;
import io.haneul.sqs.domain.QueueArn;
import io.haneul.sqs.domain.QueueArns;
import io.haneul.sqs.domain.QueueAttributes;
import io.haneul.sqs.domain.QueueName;
import io.haneul.sqs.domain.QueueRuntime;
import io.haneul.sqs.domain.QueueUrls;
import io.haneul.sqs.domain.RedrivePolicy;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.store.QueueCounts;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.SqlQueueStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queue lifecycle and attributes: the rules of the domain applied to the store, with access
 * decided per (account, region) and by queue policy for other accounts.
 */
final class QueueService {

    static final long DELETE_COOLDOWN_MS = 60_000;
    static final long PURGE_COOLDOWN_MS = 60_000;

    private final SqlQueueStore store;
    private final Clock clock;
    private final QueuePolicies policies;

    private final String publicUrl;

    QueueService(SqlQueueStore store, Clock clock, QueuePolicies policies) {
        this(store, clock, policies, "");
    }

    /** @param publicUrl base of the queue URLs handed out, e.g. {@code https://sqs.example.com}; empty: the client's host */
    QueueService(SqlQueueStore store, Clock clock, QueuePolicies policies, String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
    }

    /** The queue URL: on the configured public URL ({@code --sqs-public-url}) if any, else on the host the client used. */
    String url(RequestContext ctx, QueueRecord q) {
        return QueueUrls.build(publicUrl.isEmpty() ? ctx.baseUrl() : publicUrl, q.region(), q.account(), q.name());
    }

    static String arn(QueueRecord q) {
        return QueueArns.build(q.region(), q.account(), q.name());
    }

    /** The queue a URL names, if the caller may use it with {@code action}. */
    QueueRecord resolve(RequestContext ctx, String queueUrl, String action) {
        QueueUrls.Location where = QueueUrls.parse(queueUrl);
        QueueRecord q = store.find(where.accountId(), where.region() != null ? where.region() : ctx.region(), where.queueName())
                .orElseThrow(SqsException::queueDoesNotExist);
        if (!q.account().equals(ctx.accountId()) && !policies.allows(q, ctx, action)) {
            throw SqsException.queueDoesNotExist();
        }
        return q;
    }

    QueueRecord create(RequestContext ctx, String rawName, Map<String, String> attributes, Map<String, String> tags) {
        String name = QueueName.validate(rawName);
        QueueAttributes attrs = QueueAttributes.parseForCreate(attributes, QueueName.hasFifoSuffix(name));
        checkRedrive(ctx, attrs);
        long now = clock.millis();
        SqlQueueStore.Created created = store.create(ctx.accountId(), ctx.region(), name, attrs.fifo(), attrs.asMap(),
                tags, now, now - DELETE_COOLDOWN_MS).orElseThrow(SqsException::queueDeletedRecently);
        if (created.existed()) {
            QueueAttributes.restore(created.queue().attributes()).checkCreateIdempotent(attributes);
        }
        return created.queue();
    }

    QueueRecord byName(RequestContext ctx, String name, String ownerAccount) {
        if (name == null || name.isEmpty()) {
            throw SqsException.missingParameter("QueueName");
        }
        String account = ownerAccount == null || ownerAccount.isEmpty() ? ctx.accountId() : ownerAccount;
        QueueRecord q = store.find(account, ctx.region(), name).orElseThrow(SqsException::queueDoesNotExist);
        if (!account.equals(ctx.accountId()) && !policies.allows(q, ctx, "GetQueueUrl")) {
            throw SqsException.queueDoesNotExist();
        }
        return q;
    }

    void delete(QueueRecord q) {
        store.delete(q, clock.millis());
    }

    Map<String, String> attributes(QueueRecord q, Collection<String> names) {
        long now = clock.millis();
        QueueCounts counts = store.counts(q.id(), now, QueueAttributes.restore(q.attributes()).messageRetentionPeriod() * 1000L);
        QueueRuntime runtime = new QueueRuntime(arn(q), counts.visible(), counts.inFlight(), counts.delayed(),
                Instant.ofEpochMilli(q.createdAt()), Instant.ofEpochMilli(q.modifiedAt()));
        return QueueAttributes.restore(q.attributes()).select(names, runtime);
    }

    void setAttributes(RequestContext ctx, QueueRecord q, Map<String, String> changes) {
        QueueAttributes merged = QueueAttributes.restore(q.attributes()).merge(changes);
        checkRedrive(ctx, merged);
        store.updateAttributes(q.id(), merged.asMap(), clock.millis());
    }

    private void checkRedrive(RequestContext ctx, QueueAttributes attrs) {
        Optional<RedrivePolicy> redrive = attrs.redrivePolicy();
        if (redrive.isEmpty()) {
            return;
        }
        QueueArn target = redrive.get().target();
        if (!target.accountId().equals(ctx.accountId())) {
            throw redrive.get().ownerMismatch();
        }
        QueueRecord dlq = store.find(target.accountId(), target.region(), target.queueName())
                .orElseThrow(() -> redrive.get().targetDoesNotExist());
        redrive.get().checkCompatible(attrs.fifo(), dlq.fifo());
    }

    /** The dead-letter queue of a queue, if it has a redrive policy whose target exists. */
    Optional<QueueRecord> deadLetterQueue(QueueRecord q) {
        return QueueAttributes.restore(q.attributes()).redrivePolicy().flatMap(p -> {
            QueueArn t = p.target();
            return store.find(t.accountId(), t.region(), t.queueName());
        });
    }

    void purge(QueueRecord q) {
        long now = clock.millis();
        if (!store.purge(q.id(), now, now - PURGE_COOLDOWN_MS)) {
            throw SqsException.purgeQueueInProgress(q.name());
        }
    }

    /** A page of queue URLs and the token of the next page (null at the end). */
    record Page(List<QueueRecord> queues, String nextToken) {
    }

    Page list(RequestContext ctx, String prefix, Integer maxResults, String nextToken) {
        int limit = maxResults == null ? 1000 : io.haneul.sqs.domain.Limits.listQueuesMaxResults(maxResults);
        String after = nextToken == null || nextToken.isEmpty() ? null : decodeToken(nextToken);
        List<QueueRecord> rows = store.list(ctx.accountId(), ctx.region(), prefix, after, limit + 1);
        boolean more = rows.size() > limit;
        List<QueueRecord> page = more ? rows.subList(0, limit) : rows;
        String token = more && maxResults != null ? encodeToken(page.getLast().name()) : null;
        return new Page(page, token);
    }

    /** A page of an in-memory list of queues (ListDeadLetterSourceQueues). */
    static Page paginate(List<QueueRecord> all, Integer maxResults, String nextToken) {
        String after = nextToken == null || nextToken.isEmpty() ? null : decodeToken(nextToken);
        List<QueueRecord> rest = after == null ? all : all.stream().filter(q -> q.name().compareTo(after) > 0).toList();
        int limit = maxResults == null ? 1000 : io.haneul.sqs.domain.Limits.listQueuesMaxResults(maxResults);
        boolean more = rest.size() > limit;
        List<QueueRecord> page = more ? rest.subList(0, limit) : rest;
        return new Page(page, more && maxResults != null ? encodeToken(page.getLast().name()) : null);
    }

    private static String encodeToken(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("q:" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("q:")) {
                return s.substring(2);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error
        }
        throw SqsException.invalidParameterValue("Invalid NextToken value.");
    }

    void tag(QueueRecord q, Map<String, String> tags) {
        Map<String, String> merged = new LinkedHashMap<>(q.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw SqsException.invalidParameterValue("Too many tags added for queue " + q.name() + ".");
        }
        store.updateTags(q.id(), merged);
    }

    void untag(QueueRecord q, Collection<String> keys) {
        Map<String, String> remaining = new LinkedHashMap<>(q.tags());
        keys.forEach(remaining::remove);
        store.updateTags(q.id(), remaining);
    }

    List<QueueRecord> deadLetterSources(RequestContext ctx, QueueRecord dlq) {
        String dlqArn = arn(dlq);
        return store.deadLetterSources(ctx.region(), dlqArn).stream()
                .filter(src -> QueueAttributes.restore(src.attributes()).redrivePolicy()
                        .map(p -> p.deadLetterTargetArn().equals(dlqArn)).orElse(false))
                .filter(src -> src.account().equals(ctx.accountId()))
                .toList();
    }

    void addPermission(QueueRecord q, String label, List<String> accounts, List<String> actions) {
        String policy = policies.addStatement(q, label, accounts, actions);
        setPolicy(q, policy);
    }

    void removePermission(QueueRecord q, String label) {
        setPolicy(q, policies.removeStatement(q, label));
    }

    private void setPolicy(QueueRecord q, String policy) {
        Map<String, String> attrs = new LinkedHashMap<>(q.attributes());
        if (policy == null) {
            attrs.remove("Policy");
        } else {
            attrs.put("Policy", policy);
        }
        store.updateAttributes(q.id(), attrs, clock.millis());
    }
}
