package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeliveryPolicyTest {

    private static final String TOPIC = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":5,\"numRetries\":2},"
            + "\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":3},\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}";

    @Test
    void subscriptionOverridesTopicUnlessDisabled() {
        DeliveryPolicy topicOnly = DeliveryPolicy.effective(TOPIC, null);
        assertEquals(2, topicOnly.retry().numRetries());
        assertEquals(3, topicOnly.maxReceivesPerSecond());
        assertEquals("application/json", topicOnly.headerContentType());
        String sub = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":7}}";
        DeliveryPolicy both = DeliveryPolicy.effective(TOPIC, sub);
        assertEquals(7, both.retry().numRetries());
        assertEquals("application/json", both.headerContentType(), "sections the subscription leaves out come from the topic");
        String disabled = TOPIC.replace("\"http\":{", "\"http\":{\"disableSubscriptionOverrides\":true,");
        assertEquals(2, DeliveryPolicy.effective(disabled, sub).retry().numRetries());
        assertEquals(DeliveryPolicy.HTTP_DEFAULT, DeliveryPolicy.effective(null, null));
    }

    @Test
    void renderedAsAwsDoes() throws Exception {
        var n = new ObjectMapper().readTree(DeliveryPolicy.topicEffectiveJson(null));
        assertEquals(20, n.at("/http/defaultHealthyRetryPolicy/minDelayTarget").asInt());
        assertEquals("linear", n.at("/http/defaultHealthyRetryPolicy/backoffFunction").asText());
        assertEquals(false, n.at("/http/disableSubscriptionOverrides").asBoolean());
        assertEquals("text/plain; charset=UTF-8", n.at("/http/defaultRequestPolicy/headerContentType").asText());
        var s = new ObjectMapper().readTree(DeliveryPolicy.HTTP_DEFAULT.subscriptionJson());
        assertEquals(3, s.at("/healthyRetryPolicy/numRetries").asInt());
        assertEquals(true, s.get("throttlePolicy").isNull());
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThrows(SnsException.class, () -> DeliveryPolicy.parseTopic("nope"));
        assertThrows(SnsException.class, () -> DeliveryPolicy.validateSubscription("{\"throttlePolicy\":{\"maxReceivesPerSecond\":0}}"));
        assertThrows(SnsException.class, () -> DeliveryPolicy.validateSubscription("{\"requestPolicy\":{\"headerContentType\":\"bad\"}}"));
        assertThrows(SnsException.class, () -> DeliveryPolicy.validateSubscription("{\"healthyRetryPolicy\":{\"numRetries\":-1}}"));
    }
}
