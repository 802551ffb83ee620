package io.haneul.sns.domain;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyCache;
import io.haneul.core.policy.PolicyPrincipal;

import java.time.Clock;

/**
 * Who may act on a topic, judged by the core policy engine against the topic's policy (AWS's default
 * policy when none was set): its owner always; another account when a statement allows it
 * {@code SNS:<Action>} on the topic with every condition holding; an AWS service (S3 or SES
 * notifications) publishing from a resource when a statement allows its service principal with that
 * resource's {@code aws:SourceArn}/{@code aws:SourceAccount}. A Deny that applies wins.
 *
 * <p>Condition keys of an account's call: {@code aws:PrincipalAccount}, {@code aws:SourceOwner} and
 * {@code aws:SourceAccount} (the caller's account, which SNS's default policy and AddPermission
 * statements compare), {@code aws:SecureTransport}, {@code aws:SourceIp}, {@code aws:CurrentTime}.
 */
public final class TopicAccess {

    private final PolicyCache parsed = new PolicyCache(1024);
    private final Clock clock;

    public TopicAccess(Clock clock) {
        this.clock = clock;
    }

    /** Whether the caller may perform {@code action} (e.g. {@code Publish}) on the topic. */
    public boolean allows(String policy, String topicArn, String owner, RequestContext ctx, String action) {
        if (owner.equals(ctx.accountId())) {
            return true;
        }
        PolicyPrincipal caller = PolicyPrincipal.account(ctx.accountId());
        ContextKeys keys = accountKeys(caller).scheme(ctx.scheme()).put(ContextKeys.SOURCE_IP, ctx.sourceIp()).build();
        return decide(policy, topicArn, owner, caller, action, keys).allowed();
    }

    /**
     * Whether a service publishing from {@code sourceArn} for {@code senderAccount} may perform
     * {@code action}: judged as the service's principal first; a statement that grants the sending
     * account itself also lets its resources publish.
     */
    public boolean allowsDelivery(String policy, String topicArn, String owner, String senderAccount, String sourceArn, String action) {
        if (owner.equals(senderAccount)) {
            return true;
        }
        ContextKeys serviceKeys = ContextKeys.builder().time(clock.instant()).put(ContextKeys.SOURCE_ARN, sourceArn)
                .put(ContextKeys.SOURCE_ACCOUNT, senderAccount).put(ContextKeys.SOURCE_OWNER, senderAccount).build();
        Decision asService = decide(policy, topicArn, owner, PolicyPrincipal.serviceOf(sourceArn), action, serviceKeys);
        if (asService != Decision.NOT_GRANTED) {
            return asService.allowed();
        }
        PolicyPrincipal account = PolicyPrincipal.account(senderAccount);
        return decide(policy, topicArn, owner, account, action, accountKeys(account).put(ContextKeys.SOURCE_ARN, sourceArn).build())
                .allowed();
    }

    private ContextKeys.Builder accountKeys(PolicyPrincipal caller) {
        return ContextKeys.builder().principal(caller).time(clock.instant()).put(ContextKeys.SOURCE_OWNER, caller.account())
                .put(ContextKeys.SOURCE_ACCOUNT, caller.account());
    }

    private Decision decide(String policy, String topicArn, String owner, PolicyPrincipal who, String action, ContextKeys keys) {
        String text = policy == null || policy.isEmpty() ? TopicPolicy.defaultPolicy(topicArn, owner) : policy;
        return parsed.evaluate(text, new AccessRequest(who, "sns:" + action, topicArn, keys));
    }
}
