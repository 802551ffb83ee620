package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.sns.domain.HttpTargetRule;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SNS settings from the server's options, and the URLs SNS hands out.
 *
 * @param publicUrl  {@code --sns-public-url}: base URL for SubscribeURL, UnsubscribeURL and SigningCertURL;
 *                   empty means the URL the publishing client used
 * @param httpRule   {@code --sns-http-allow}: which HTTP/S endpoints may be subscribed and delivered to
 * @param smsSandbox {@code --sns-sms-sandbox}: whether accounts report being in the SMS sandbox
 * @param lastClientUrl the base URL the last SNS client used
 */
record SnsSettings(String publicUrl, HttpTargetRule httpRule, boolean smsSandbox, AtomicReference<String> lastClientUrl) {

    static SnsSettings from(ServiceEnvironment env) {
        return new SnsSettings(env.setting("sns-public-url", ""), HttpTargetRule.parse(env.setting("sns-http-allow", "")),
                Boolean.parseBoolean(env.setting("sns-sms-sandbox", "false")),
                new AtomicReference<>("http://localhost:" + env.setting("port", "4566")));
    }

    /** The base URL for envelopes of a client's request (remembered for publishes that come from other services). */
    String baseUrl(RequestContext ctx) {
        String base = publicUrl.isEmpty() ? ctx.baseUrl() : publicUrl;
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (publicUrl.isEmpty() && !base.equals(lastClientUrl.get())) {
            lastClientUrl.set(base);
        }
        return base;
    }

    /** The base URL for publishes without a client request (S3 and SES notifications): the last one a client used. */
    String serviceBaseUrl() {
        return publicUrl.isEmpty() ? lastClientUrl.get() : publicUrl.replaceAll("/$", "");
    }

    static String subscribeUrl(String base, String topicArn, String token) {
        return base + "/?Action=ConfirmSubscription&TopicArn=" + enc(topicArn) + "&Token=" + enc(token) + "&Version=2010-03-31";
    }

    /**
     * As AWS writes it: {@code ...?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:...}, the ARN as is
     * (its characters need no escaping in a query string) and no {@code Version}.
     */
    static String unsubscribeUrl(String base, String subscriptionArn) {
        return base + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
