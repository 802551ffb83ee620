package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;

import java.net.http.HttpResponse;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Click-tracking links are signed with a secret the SES store keeps: a link in mail sent before a
 * restart still redirects after it, and a link whose target was changed never does.
 */
class SesClickLinksIT {

    @Test
    void signedLinksSurviveARestartAndForgedOnesNeverRedirect() throws Exception {
        String click;
        TestServer first = TestServer.start();
        try (SesClient ses = Ses.v1(first)) {
            ses.verifyDomainIdentity(b -> b.domain("links.example"));
            ses.createConfigurationSet(b -> b.configurationSet(c -> c.name("clicks")));
            Ses.topic(first, "t");
            ses.createConfigurationSetEventDestination(b -> b.configurationSetName("clicks").eventDestination(d -> d.name("sns")
                    .enabled(true).matchingEventTypes(EventType.CLICK).snsDestination(s -> s.topicARN("arn:aws:sns:us-east-1:111111111111:t"))));
            String id = ses.sendEmail(b -> b.source("app@links.example").configurationSetName("clicks")
                    .destination(d -> d.toAddresses("reader@example.net")).message(m -> m.subject(s -> s.data("links"))
                            .body(x -> x.html(h -> h.data("<a href=\"https://example.com/doc\">doc</a>"))))).messageId();
            String html = Ses.messages(first, "?id=" + id).get(0).get("html").asText();
            int at = html.indexOf("href=\"") + 6;
            click = html.substring(at, html.indexOf('"', at)).replace("&amp;", "&");
        } finally {
            first.close();
        }
        try (TestServer again = TestServer.startIn(first.dataDir(), Clock.systemUTC())) {
            String link = again.endpoint() + click.substring(click.indexOf("/_haneul/"));
            HttpResponse<String> redirect = Ses.get(link);
            assertEquals(302, redirect.statusCode(), redirect.body());
            assertEquals("https://example.com/doc", redirect.headers().firstValue("Location").orElseThrow());

            HttpResponse<String> forged = Ses.get(link.replace("example.com%2Fdoc", "attacker.example%2F"));
            assertEquals(403, forged.statusCode(), forged.body());
            assertTrue(forged.headers().firstValue("Location").isEmpty());
        }
    }
}
