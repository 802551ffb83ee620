package io.haneul.sns.store;

import io.haneul.sns.domain.Protocol;

import java.util.Map;

/**
 * A subscription as stored.
 *
 * @param account        the topic owner's account (subscriptions live with their topic)
 * @param owner          the subscriber's account
 * @param token          confirmation token, or null when none was issued
 * @param tokenExpiresAt epoch millis after which the token is no longer accepted
 * @param authenticated  confirmed by a signed call with AuthenticateOnUnsubscribe=true: Unsubscribe then needs a
 *                       signed call by the subscription or topic owner
 */
public record SubscriptionRecord(String arn, String topicArn, String account, String region, String owner, Protocol protocol,
                                 String endpoint, Map<String, String> attributes, boolean pending, String token,
                                 long tokenExpiresAt, boolean authenticated, long createdAt) {

    public boolean raw() {
        return "true".equals(attributes.get("RawMessageDelivery"));
    }
}
