package io.haneul.sns;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubscriptionLinksTest {

    private final SubscriptionLinks links = new SubscriptionLinks();

    private static WireRequest get(String query, Headers headers) {
        return new WireRequest("GET", "/", query, headers, null);
    }

    @Test
    void subscribeAndUnsubscribeLinksActAsTheTopicOwner() {
        assertEquals(Optional.of("123456789012"), links.unsignedCaller(get(
                "Action=ConfirmSubscription&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Token=abc&Version=2010-03-31",
                new Headers())));
        assertEquals(Optional.of("123456789012"), links.unsignedCaller(get(
                "Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At%3Aid", new Headers())));
    }

    @Test
    void nothingElseIsExempt() {
        assertEquals(Optional.empty(), links.unsignedCaller(get("Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At", new Headers())));
        assertEquals(Optional.empty(), links.unsignedCaller(get("Action=ConfirmSubscription&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At", new Headers())));
        assertEquals(Optional.empty(), links.unsignedCaller(get("Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At%3Aid",
                new Headers().set("Authorization", "AWS4-HMAC-SHA256 Credential=x"))));
        assertEquals(Optional.empty(), links.unsignedCaller(new WireRequest("POST", "/",
                "Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At%3Aid", new Headers(), null)));
    }

    @Test
    void theModuleDeclaresTheLinksForItsModel() {
        assertEquals(SubscriptionLinks.class, new SnsModule().apiAddressing().get("sns").getClass());
    }
}
