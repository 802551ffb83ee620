package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Configuration sets, event destinations and the events of the mailbox simulator, tracking, rendering and suppression. */
class SesEventsIT {

    static TestServer server;
    static SesClient ses;
    static SesV2Client v2;
    static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:ses-events";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ses = Ses.v1(server);
        v2 = Ses.v2(server);
        Ses.topic(server, "ses-events");
        ses.verifyDomainIdentity(b -> b.domain("events.example"));
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        v2.close();
        server.close();
    }

    private static String configSet(EventType... types) {
        String name = "cs-" + UUID.randomUUID().toString().substring(0, 8);
        ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(name)));
        ses.createConfigurationSetEventDestination(b -> b.configurationSetName(name).eventDestination(d -> d.name("sns").enabled(true)
                .matchingEventTypes(types).snsDestination(s -> s.topicARN(TOPIC))));
        return name;
    }

    private static String send(String cs, String... to) {
        return ses.sendEmail(b -> b.source("app@events.example").configurationSetName(cs).destination(d -> d.toAddresses(to))
                .tags(t -> t.name("campaign").value("c1"))
                .message(m -> m.subject(s -> s.data("Event test")).body(x -> x.text(t -> t.data("t"))
                        .html(h -> h.data("<html><body><a href=\"https://example.com/x\">link</a></body></html>"))))).messageId();
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("event").get("eventType").asText()));
        return out;
    }

    /** CloudWatch dimensions round-trip through both API versions, which describe them alike. */
    @Test
    void cloudWatchDestinationsKeepTheirDimensions() {
        String name = "cw-" + UUID.randomUUID().toString().substring(0, 8);
        ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(name)));
        ses.createConfigurationSetEventDestination(b -> b.configurationSetName(name).eventDestination(d -> d.name("cw").enabled(true)
                .matchingEventTypes(EventType.SEND).cloudWatchDestination(w -> w.dimensionConfigurations(
                        software.amazon.awssdk.services.ses.model.CloudWatchDimensionConfiguration.builder().dimensionName("campaign")
                                .dimensionValueSource("messageTag").defaultDimensionValue("none").build()))));
        var v1 = ses.describeConfigurationSet(b -> b.configurationSetName(name)
                .configurationSetAttributeNames(software.amazon.awssdk.services.ses.model.ConfigurationSetAttribute.EVENT_DESTINATIONS))
                .eventDestinations().getFirst().cloudWatchDestination().dimensionConfigurations().getFirst();
        assertEquals("campaign", v1.dimensionName());
        assertEquals("messageTag", v1.dimensionValueSourceAsString());
        assertEquals("none", v1.defaultDimensionValue());

        v2.createConfigurationSetEventDestination(b -> b.configurationSetName(name).eventDestinationName("cw2")
                .eventDestination(d -> d.enabled(true).matchingEventTypesWithStrings("DELIVERY").cloudWatchDestination(w -> w
                        .dimensionConfigurations(software.amazon.awssdk.services.sesv2.model.CloudWatchDimensionConfiguration.builder()
                                .dimensionName("stage").dimensionValueSource("EMAIL_HEADER").defaultDimensionValue("prod").build()))));
        var v2d = v2.getConfigurationSetEventDestinations(b -> b.configurationSetName(name)).eventDestinations().stream()
                .filter(d -> d.name().equals("cw2")).findFirst().orElseThrow().cloudWatchDestination().dimensionConfigurations().getFirst();
        assertEquals("stage", v2d.dimensionName());
        assertEquals("EMAIL_HEADER", v2d.dimensionValueSourceAsString());
        assertEquals("prod", v2d.defaultDimensionValue());
    }

    @Test
    void simulatorAddressesProduceTheirEvents() throws Exception {
        String cs = configSet(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE, EventType.COMPLAINT);
        String ok = send(cs, "success@simulator.amazonses.com");
        assertEquals(List.of("Send", "Delivery"), types(Ses.eventsWhen(server, ok, 2)));
        JsonNode delivery = Ses.events(server, ok).get(1).get("event");
        assertEquals(ok, delivery.get("mail").get("messageId").asText());
        assertEquals("app@events.example", delivery.get("mail").get("source").asText());
        assertEquals("111111111111", delivery.get("mail").get("sendingAccountId").asText());
        assertEquals("Event test", delivery.get("mail").get("commonHeaders").get("subject").asText());
        assertEquals("c1", delivery.get("mail").get("tags").get("campaign").get(0).asText());
        assertEquals(cs, delivery.get("mail").get("tags").get("ses:configuration-set").get(0).asText());
        assertEquals("success@simulator.amazonses.com", delivery.get("delivery").get("recipients").get(0).asText());
        assertTrue(delivery.get("delivery").get("smtpResponse").asText().startsWith("250"));
        assertTrue(Ses.events(server, ok).get(1).get("target").asText().contains(TOPIC));

        String bounce = send(cs, "bounce@simulator.amazonses.com");
        JsonNode b = Ses.eventsWhen(server, bounce, 2).get(1).get("event");
        assertEquals("Bounce", b.get("eventType").asText());
        assertEquals("Permanent", b.get("bounce").get("bounceType").asText());
        assertEquals("General", b.get("bounce").get("bounceSubType").asText());
        assertEquals("bounce@simulator.amazonses.com", b.get("bounce").get("bouncedRecipients").get(0).get("emailAddress").asText());

        String complaint = send(cs, "complaint@simulator.amazonses.com");
        assertEquals(List.of("Send", "Delivery", "Complaint"), types(Ses.eventsWhen(server, complaint, 3)));

        String suppressed = send(cs, "suppressionlist@simulator.amazonses.com");
        JsonNode s = Ses.eventsWhen(server, suppressed, 2).get(1).get("event");
        assertEquals("Suppressed", s.get("bounce").get("bounceSubType").asText());

        String ooto = send(cs, "ooto@simulator.amazonses.com");
        assertEquals(List.of("Send", "Delivery"), types(Ses.eventsWhen(server, ooto, 2)));

        var stats = ses.getSendStatistics().sendDataPoints();
        assertTrue(stats.stream().mapToLong(p -> p.bounces()).sum() >= 2);
        assertTrue(stats.stream().mapToLong(p -> p.complaints()).sum() >= 1);
    }

    @Test
    void openAndClickTracking() throws Exception {
        String cs = configSet(EventType.OPEN, EventType.CLICK);
        String id = send(cs, "reader@example.net");
        String html = Ses.messages(server, "?id=" + id).get(0).get("html").asText();
        String click = html.substring(html.indexOf("href=\"") + 6, html.indexOf('"', html.indexOf("href=\"") + 6)).replace("&amp;", "&");
        String pixel = html.substring(html.indexOf("<img src=\"") + 10, html.indexOf('"', html.indexOf("<img src=\"") + 10));
        assertTrue(click.contains("/_haneul/ses/track/click/" + id), click);
        HttpResponse<String> redirect = Ses.get(click);
        assertEquals(302, redirect.statusCode());
        assertEquals("https://example.com/x", redirect.headers().firstValue("Location").orElseThrow());
        // an unsigned pixel is still an image, but records nothing (it is fetched before the real one, so an
        // Open it recorded would be among the events once the real pixel's Open is)
        String forged = pixel.substring(0, pixel.indexOf('?'));
        assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(forged))
                .header("User-Agent", "forger").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(200, Ses.get(pixel).statusCode());
        JsonNode events = Ses.eventsWhen(server, id, 2);
        List<String> types = types(events);
        assertTrue(types.containsAll(List.of("Open", "Click")), types.toString());
        JsonNode clickEvent = types.indexOf("Click") >= 0 ? events.get(types.indexOf("Click")).get("event") : null;
        assertEquals("https://example.com/x", clickEvent.get("click").get("link").asText());
        assertEquals("haneul-test", clickEvent.get("click").get("userAgent").asText());
        for (JsonNode e : events) {
            assertFalse(e.get("event").toString().contains("forger"), "the unsigned pixel recorded an Open: " + e);
        }
    }

    @Test
    void renderingFailureIsAnEvent() throws Exception {
        String cs = configSet(EventType.RENDERING_FAILURE, EventType.SEND);
        ses.createTemplate(b -> b.template(t -> t.templateName("needs-name").subjectPart("Hi {{name}}").textPart("x")));
        String id = ses.sendTemplatedEmail(b -> b.source("app@events.example").configurationSetName(cs)
                .destination(d -> d.toAddresses("someone@example.net")).template("needs-name").templateData("{}")).messageId();
        JsonNode e = Ses.eventsWhen(server, id, 1).get(0).get("event");
        assertEquals("Rendering Failure", e.get("eventType").asText());
        assertEquals("needs-name", e.get("failure").get("templateName").asText());
        assertTrue(e.get("failure").get("errorMessage").asText().contains("name"));
        assertEquals(0, Ses.messages(server, "?id=" + id).size(), "nothing is sent");
    }

    @Test
    void configurationSetCrudAndErrors() {
        String cs = configSet(EventType.SEND);
        var d = ses.describeConfigurationSet(b -> b.configurationSetName(cs).configurationSetAttributeNamesWithStrings(
                "eventDestinations", "reputationOptions", "deliveryOptions"));
        assertEquals(TOPIC, d.eventDestinations().get(0).snsDestination().topicARN());
        assertTrue(d.reputationOptions().sendingEnabled());
        Ses.fails("EventDestinationAlreadyExists", () -> ses.createConfigurationSetEventDestination(b -> b.configurationSetName(cs)
                .eventDestination(x -> x.name("sns").enabled(true).matchingEventTypes(EventType.SEND).snsDestination(s -> s.topicARN(TOPIC)))));
        Ses.fails("ConfigurationSetAlreadyExists", () -> ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(cs))));
        Ses.fails("ConfigurationSetDoesNotExist", () -> send("absent-set", "x@example.net"));
        ses.createConfigurationSetTrackingOptions(b -> b.configurationSetName(cs).trackingOptions(t -> t.customRedirectDomain("t.example")));
        Ses.fails("TrackingOptionsAlreadyExistsException", () -> ses.createConfigurationSetTrackingOptions(b -> b.configurationSetName(cs)
                .trackingOptions(t -> t.customRedirectDomain("t.example"))));
        ses.updateConfigurationSetSendingEnabled(b -> b.configurationSetName(cs).enabled(false));
        Ses.fails("ConfigurationSetSendingPausedException", () -> send(cs, "x@example.net"));
        assertTrue(ses.listConfigurationSets(b -> { }).configurationSets().stream().anyMatch(c -> c.name().equals(cs)));
        ses.deleteConfigurationSetEventDestination(b -> b.configurationSetName(cs).eventDestinationName("sns"));
        ses.deleteConfigurationSet(b -> b.configurationSetName(cs));
        Ses.fails("ConfigurationSetDoesNotExist", () -> ses.deleteConfigurationSet(b -> b.configurationSetName(cs)));

        v2.createConfigurationSet(b -> b.configurationSetName("v2set").sendingOptions(s -> s.sendingEnabled(true)));
        v2.createConfigurationSetEventDestination(b -> b.configurationSetName("v2set").eventDestinationName("d1")
                .eventDestination(e -> e.enabled(true).matchingEventTypesWithStrings("SEND", "DELIVERY_DELAY", "RENDERING_FAILURE")
                        .snsDestination(s -> s.topicArn(TOPIC))));
        assertEquals(List.of("SEND", "DELIVERY_DELAY", "RENDERING_FAILURE"), v2.getConfigurationSetEventDestinations(
                b -> b.configurationSetName("v2set")).eventDestinations().get(0).matchingEventTypesAsStrings());
        Ses.fails("NotFoundException", () -> v2.getConfigurationSet(b -> b.configurationSetName("nope")));
        assertEquals("v2set", v2.getConfigurationSet(b -> b.configurationSetName("v2set")).configurationSetName());
    }

    @Test
    void suppressionListStopsSends() throws Exception {
        String cs = configSet(EventType.SEND, EventType.BOUNCE, EventType.DELIVERY);
        v2.putSuppressedDestination(b -> b.emailAddress("blocked@example.net").reason("BOUNCE"));
        assertEquals("BOUNCE", v2.getSuppressedDestination(b -> b.emailAddress("blocked@example.net")).suppressedDestination().reasonAsString());
        assertEquals(1, v2.listSuppressedDestinations(b -> { }).suppressedDestinationSummaries().size());
        String id = send(cs, "blocked@example.net");
        JsonNode events = Ses.eventsWhen(server, id, 2);
        JsonNode bounce = events.get(1).get("event");
        assertEquals("OnAccountSuppressionList", bounce.get("bounce").get("bounceSubType").asText());
        assertEquals("bounced", Ses.messages(server, "?id=" + id).get(0).get("status").asText());

        // a configuration set may turn the account-level list off
        v2.createConfigurationSet(b -> b.configurationSetName("no-suppression").suppressionOptions(o -> o.suppressedReasonsWithStrings(List.of())));
        String through = ses.sendEmail(b -> b.source("app@events.example").configurationSetName("no-suppression")
                .destination(d -> d.toAddresses("blocked@example.net")).message(m -> m.subject(x -> x.data("s")).body(x -> x.text(t -> t.data("b")))))
                .messageId();
        assertEquals("delivered", Ses.messages(server, "?id=" + through).get(0).get("status").asText());
        v2.deleteSuppressedDestination(b -> b.emailAddress("blocked@example.net"));
        Ses.fails("NotFoundException", () -> v2.getSuppressedDestination(b -> b.emailAddress("blocked@example.net")));
        String again = send(cs, "blocked@example.net");
        assertEquals(List.of("Send", "Delivery"), types(Ses.eventsWhen(server, again, 2)));
    }

    @Test
    void eventsReachSnsSubscribers() throws Exception {
        EventFeed feed = eventFeed("ses-feed", "to-sns", EventType.DELIVERY);
        SqsClient sqs = feed.sqs();
        String queue = feed.queue();
        String id = send("to-sns", "success@simulator.amazonses.com");
        List<Message> got = new ArrayList<>();
        Ses.eventually(10, "event on the queue", () -> {
            got.addAll(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages());
            return !got.isEmpty();
        });
        JsonNode event = Ses.JSON.readTree(got.getFirst().body());
        assertEquals("Delivery", event.get("eventType").asText());
        assertEquals(id, event.get("mail").get("messageId").asText());
        sqs.close();
    }

    @Test
    void eicarAttachmentIsAcceptedThenRejected() throws Exception {
        EventFeed feed = eventFeed("ses-reject-feed", "reject-set", EventType.SEND, EventType.REJECT, EventType.DELIVERY);
        SqsClient sqs = feed.sqs();
        String queue = feed.queue();
        long rejectsBefore = ses.getSendStatistics().sendDataPoints().stream().mapToLong(p -> p.rejects()).sum();
        String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        String mime = "From: app@events.example\r\nTo: reader@example.net\r\nSubject: infected\r\nMIME-Version: 1.0\r\n"
                + "X-SES-CONFIGURATION-SET: reject-set\r\nContent-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n"
                + "--BB\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--BB\r\nContent-Type: application/octet-stream; name=eicar.com\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(eicar.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + "\r\n--BB--\r\n";
        String id = ses.sendRawEmail(b -> b.rawMessage(m -> m.data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(mime)))).messageId();
        assertNotNull(id);

        List<Message> msgs = new ArrayList<>();
        Ses.eventually(10, "Send and Reject on the queue", () -> {
            msgs.addAll(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
            return msgs.size() >= 2;
        });
        List<JsonNode> got = new ArrayList<>();
        for (Message m : msgs) {
            got.add(Ses.JSON.readTree(m.body()));
        }
        List<String> kinds = got.stream().map(e -> e.get("eventType").asText()).toList();
        assertEquals(List.of("Reject", "Send"), kinds.stream().sorted().toList());
        JsonNode reject = got.get(kinds.indexOf("Reject"));
        assertEquals("Bad content", reject.get("reject").get("reason").asText());
        assertEquals(id, reject.get("mail").get("messageId").asText());
        assertEquals("app@events.example", reject.get("mail").get("source").asText());
        assertEquals("infected", reject.get("mail").get("commonHeaders").get("subject").asText());

        JsonNode row = Ses.messages(server, "?id=" + id).get(0);
        assertEquals("rejected", row.get("status").asText(), "an infected message is not delivered");
        assertFalse(types(Ses.events(server, id)).contains("Delivery"));
        long rejectsAfter = ses.getSendStatistics().sendDataPoints().stream().mapToLong(p -> p.rejects()).sum();
        assertEquals(rejectsBefore + 1, rejectsAfter);
        sqs.close();
    }

    /** A queue receiving a configuration set's events through an SNS topic, and a client to read it. */
    private record EventFeed(SqsClient sqs, String queue) {
    }

    /** Creates topic and queue {@code name}, and configuration set {@code configSet} publishing {@code types} to them. */
    private EventFeed eventFeed(String name, String configSet, EventType... types) {
        SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "s"))).build();
        String topic;
        try (SnsClient sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "s"))).build()) {
            try {
                topic = sns.createTopic(b -> b.name(name)).topicArn();
            } catch (RuntimeException e) {
                Assumptions.abort("SNS is not served here: " + e.getMessage());
                throw e;
            }
            String queue = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(java.util.Map.of("RawMessageDelivery", "true")));
            ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(configSet)));
            ses.createConfigurationSetEventDestination(b -> b.configurationSetName(configSet).eventDestination(d -> d.name("t")
                    .enabled(true).matchingEventTypes(types).snsDestination(dest -> dest.topicARN(topic))));
            return new EventFeed(sqs, queue);
        }
    }
}
