package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.sns.domain.Arns;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.domain.Tags;
import io.haneul.sns.domain.TopicAccess;
import io.haneul.sns.domain.TopicAttributes;
import io.haneul.sns.domain.TopicName;
import io.haneul.sns.domain.TopicPolicy;
import io.haneul.sns.store.TopicRecord;
import io.haneul.sns.store.TopicStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topics: creation (idempotent for the same attributes and tags), lookup with the access check of
 * the topic policy, attributes, permissions, tags and the data protection policy.
 */
final class TopicService {

    private final TopicStore store;
    private final Clock clock;
    private final TopicAccess access;

    TopicService(TopicStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.access = new TopicAccess(clock);
    }

    /** Whether a service publishing from {@code sourceArn} for {@code senderAccount} may publish to the topic. */
    boolean allowsServicePublish(TopicRecord t, String senderAccount, String sourceArn) {
        return access.allowsDelivery(t.attributes().get("Policy"), t.arn(), t.account(), senderAccount, sourceArn, "Publish");
    }

    TopicRecord create(RequestContext ctx, String name, Map<String, String> attributes, List<Tags.Tag> tags, String dataProtection) {
        boolean fifo = TopicName.validate(name, attributes.get("FifoTopic"));
        Map<String, String> attrs = TopicAttributes.validateCreate(attributes, fifo);
        Map<String, String> tagMap = Tags.validate(tags);
        if (tagMap.size() > Tags.MAX_TAGS) {
            throw new SnsException("TagLimitExceededException", "Could not complete request: tag quota of per resource exceeded");
        }
        if (dataProtection != null && !dataProtection.isEmpty()) {
            validateDataProtection(dataProtection);
        }
        String arn = Arns.topicArn(ctx.region(), ctx.accountId(), name);
        TopicRecord fresh = new TopicRecord(arn, ctx.accountId(), ctx.region(), name, fifo, attrs, tagMap,
                dataProtection == null || dataProtection.isEmpty() ? null : dataProtection, clock.millis(), 0);
        TopicStore.Created created = store.createTopic(fresh);
        if (created.existed()) {
            TopicRecord old = created.topic();
            for (Map.Entry<String, String> e : attrs.entrySet()) {
                if (!e.getValue().equals(old.attributes().getOrDefault(e.getKey(), e.getKey().equals("FifoTopic") ? "true" : null))) {
                    throw SnsException.invalidParameter("Attributes Reason: Topic already exists with different attributes");
                }
            }
            if (!tagMap.isEmpty() && !tagMap.equals(old.tags())) {
                throw SnsException.invalidParameter("Tags Reason: Topic already exists with different tags");
            }
        }
        return created.topic();
    }

    /** The topic named by an ARN, if the caller may perform {@code action} on it. */
    TopicRecord resolve(RequestContext ctx, String topicArn, String action) {
        if (topicArn == null || topicArn.isEmpty()) {
            throw SnsException.invalidParameter("TopicArn");
        }
        Arns.topicInRegion(topicArn, "TopicArn", ctx.region());
        TopicRecord t = store.findTopic(topicArn).orElseThrow(SnsException::topicNotFound);
        checkAccess(ctx, t, action);
        return t;
    }

    void checkAccess(RequestContext ctx, TopicRecord t, String action) {
        if (!access.allows(t.attributes().get("Policy"), t.arn(), t.account(), ctx, action)) {
            throw SnsException.authorization("User: " + Arns.accountRoot(ctx.accountId()) + " is not authorized to perform: SNS:"
                    + action + " on resource: " + t.arn() + " because no resource-based policy allows the SNS:" + action + " action");
        }
    }

    /** Deletes a topic; deleting one that does not exist succeeds, as in AWS. */
    void delete(RequestContext ctx, String topicArn) {
        Arns.topic(topicArn, "TopicArn");
        store.findTopic(topicArn).ifPresent(t -> {
            checkAccess(ctx, t, "DeleteTopic");
            store.deleteTopic(t.arn());
        });
    }

    Map<String, String> attributes(TopicRecord t) {
        long[] counts = store.subscriptionCounts(t.arn());
        return TopicAttributes.render(t.arn(), t.account(), t.fifo(), t.attributes(),
                new TopicAttributes.Counts(counts[0], counts[1], t.subscriptionsDeleted()));
    }

    void setAttribute(TopicRecord t, String name, String value) {
        String v = TopicAttributes.validateSet(name, value, t.fifo());
        Map<String, String> attrs = new LinkedHashMap<>(t.attributes());
        if (v.isEmpty()) {
            attrs.remove(name);
        } else {
            attrs.put(name, v);
        }
        store.updateTopicAttributes(t.arn(), attrs);
    }

    Pages.Page<TopicRecord> list(RequestContext ctx, String nextToken) {
        List<TopicRecord> fetched = store.listTopics(ctx.accountId(), ctx.region(), Pages.after(nextToken), Pages.PAGE_SIZE + 1);
        return Pages.of(fetched, Pages.PAGE_SIZE, TopicRecord::arn);
    }

    void addPermission(TopicRecord t, String label, List<String> accounts, List<String> actions) {
        setPolicy(t, TopicPolicy.addStatement(t.attributes().get("Policy"), t.arn(), t.account(), label, accounts, actions));
    }

    void removePermission(TopicRecord t, String label) {
        setPolicy(t, TopicPolicy.removeStatement(t.attributes().get("Policy"), t.arn(), t.account(), label));
    }

    private void setPolicy(TopicRecord t, String policy) {
        Map<String, String> attrs = new LinkedHashMap<>(t.attributes());
        attrs.put("Policy", policy);
        store.updateTopicAttributes(t.arn(), attrs);
    }

    // ---- tags (topics are SNS's only taggable resource) ----

    private TopicRecord taggable(RequestContext ctx, String resourceArn) {
        if (Arns.parse(resourceArn).isEmpty()) {
            throw SnsException.invalidParameter("ResourceArn");
        }
        TopicRecord t = store.findTopic(resourceArn).orElseThrow(() -> SnsException.resourceNotFound("Resource does not exist"));
        checkAccess(ctx, t, "TagResource");
        return t;
    }

    void tag(RequestContext ctx, String resourceArn, List<Tags.Tag> tags) {
        TopicRecord t = taggable(ctx, resourceArn);
        store.updateTags(t.arn(), Tags.merge(t.tags(), Tags.validate(tags)));
    }

    void untag(RequestContext ctx, String resourceArn, List<String> keys) {
        TopicRecord t = taggable(ctx, resourceArn);
        Map<String, String> tags = new LinkedHashMap<>(t.tags());
        keys.forEach(tags::remove);
        store.updateTags(t.arn(), tags);
    }

    Map<String, String> tags(RequestContext ctx, String resourceArn) {
        return taggable(ctx, resourceArn).tags();
    }

    // ---- data protection ----

    String dataProtection(RequestContext ctx, String resourceArn) {
        return dataProtectionTopic(ctx, resourceArn).dataProtectionPolicy();
    }

    void putDataProtection(RequestContext ctx, String resourceArn, String policy) {
        TopicRecord t = dataProtectionTopic(ctx, resourceArn);
        validateDataProtection(policy);
        store.updateDataProtection(t.arn(), policy);
    }

    private TopicRecord dataProtectionTopic(RequestContext ctx, String resourceArn) {
        if (resourceArn == null || Arns.parse(resourceArn).isEmpty()) {
            throw SnsException.invalidParameter("ResourceArn");
        }
        TopicRecord t = store.findTopic(resourceArn).orElseThrow(() -> SnsException.notFound("Resource does not exist"));
        checkAccess(ctx, t, "GetTopicAttributes");
        return t;
    }

    private static void validateDataProtection(String policy) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy);
            if (n == null || !n.isObject()) {
                throw SnsException.invalidParameter("DataProtectionPolicy: must be a JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw SnsException.invalidParameter("DataProtectionPolicy: failed to parse JSON. " + e.getOriginalMessage());
        }
    }
}
