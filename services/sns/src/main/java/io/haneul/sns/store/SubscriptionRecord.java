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

    /**
     * AWS's ConfirmationWasAuthenticated, which also decides who may unsubscribe: when true only a
     * signed call by the subscription's or the topic's owner can, otherwise the unsigned UnsubscribeURL
     * works too. True when a signed ConfirmSubscription asked for it (AuthenticateOnUnsubscribe), when
     * no confirmation was needed (the signed Subscribe was the authenticated act), and for every
     * confirmed SQS subscription (AWS: queue subscriptions always need a signature to be deleted).
     */
    public boolean confirmationWasAuthenticated() {
        return authenticated || (!pending && (protocol == Protocol.SQS || !protocol.needsConfirmation()));
    }

    public boolean raw() {
        return "true".equals(attributes.get("RawMessageDelivery"));
    }
}
