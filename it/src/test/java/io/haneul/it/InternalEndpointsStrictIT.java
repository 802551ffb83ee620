package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.HandSigner;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Internal endpoints under {@code --auth strict}: unsigned or badly signed calls are refused with
 * 403 and change nothing, a signed caller sees and changes only its own account, an admin key
 * (marked {@code admin} in the credentials file) sees every account, and SES click links redirect
 * only when the server signed them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InternalEndpointsStrictIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static final String ACCOUNT_A = "111111111111";
    private static final String ACCOUNT_B = "222222222222";
    private static final String ACCOUNT_ADMIN = "333333333333";
    private static final Key A = new Key("AKIDACCOUNTA", "secret-of-a");
    private static final Key B = new Key("AKIDACCOUNTB", "secret-of-b");
    private static final Key ADMIN = new Key("AKIDADMIN", "secret-of-admin");

    private record Key(String id, String secret) {
    }

    static TestServer server;
    static SesClient sesA;
    static SesClient sesB;
    static String mailOfA;
    static String mailOfB;
    static String subscriptionOfA;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("haneul-internal-strict");
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, "# ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID [admin]\n"
                + A.id() + " " + A.secret() + " " + ACCOUNT_A + "\n"
                + B.id() + " " + B.secret() + " " + ACCOUNT_B + "\n"
                + ADMIN.id() + " " + ADMIN.secret() + " " + ACCOUNT_ADMIN + " admin\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString(), "--ses-verification", "manual");
        sesA = ses(A);
        sesB = ses(B);
        for (var pair : List.of(Map.entry(sesA, "a.example"), Map.entry(sesB, "b.example"))) {
            pair.getKey().verifyDomainIdentity(r -> r.domain(pair.getValue()));
        }
        // manual verification: confirming stands for the DNS proof, so only the operator (an admin key) may;
        // a tenant confirming its own request could claim any domain, another tenant's included
        assertEquals(403, call(A, "POST", "/_haneul/ses/identities/a.example/verify", Map.of()).statusCode());
        assertEquals(200, call(ADMIN, "POST", "/_haneul/ses/identities/a.example/verify", Map.of("account", ACCOUNT_A)).statusCode());
        assertEquals(200, call(ADMIN, "POST", "/_haneul/ses/identities/b.example/verify", Map.of("account", ACCOUNT_B)).statusCode());
        sesA.createConfigurationSet(r -> r.configurationSet(c -> c.name("tracked")));
        try (SnsClient snsA = sns(A)) {
            snsA.createTopic(r -> r.name("ses-events"));
        }
        sesA.createConfigurationSetEventDestination(r -> r.configurationSetName("tracked").eventDestination(d -> d.name("sns")
                .enabled(true).matchingEventTypes(EventType.OPEN, EventType.CLICK)
                .snsDestination(s -> s.topicARN("arn:aws:sns:us-east-1:" + ACCOUNT_A + ":ses-events"))));
        mailOfA = sesA.sendEmail(r -> r.source("app@a.example").configurationSetName("tracked").destination(d -> d.toAddresses("x@example.net"))
                .message(m -> m.subject(s -> s.data("secret of A")).body(b -> b.html(h -> h.data(
                        "<html><body><a href=\"https://example.com/welcome\">hi</a></body></html>"))))).messageId();
        mailOfB = sesB.sendEmail(r -> r.source("app@b.example").destination(d -> d.toAddresses("y@example.net"))
                .message(m -> m.subject(s -> s.data("secret of B")).body(b -> b.text(t -> t.data("b"))))).messageId();
        try (SnsClient snsA = sns(A); SnsClient snsB = sns(B)) {
            String topic = snsA.createTopic(r -> r.name("news")).topicArn();
            subscriptionOfA = snsA.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("reader@example.net")
                    .returnSubscriptionArn(true)).subscriptionArn();
            snsA.publish(r -> r.phoneNumber("+15555550111").message("sms of A"));
            snsB.publish(r -> r.phoneNumber("+15555550122").message("sms of B"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sesA.close();
        sesB.close();
        server.close();
    }

    static SesClient ses(Key key) {
        return SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret()))).build();
    }

    static SnsClient sns(Key key) {
        return SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret()))).build();
    }

    /**
     * An internal call, SigV4-signed by {@code key} (null: unsigned) for the service name curl's
     * {@code --aws-sigv4 "aws:amz:us-east-1:haneul"} uses; {@code rawPath} is already percent-encoded.
     */
    static HttpResponse<String> call(Key key, String method, String rawPath, Map<String, String> params) throws Exception {
        TreeMap<String, String> encoded = new TreeMap<>();
        params.forEach((k, v) -> encoded.put(HandSigner.encode(k), HandSigner.encode(v)));
        String query = encoded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + rawPath + (query.isEmpty() ? "" : "?" + query)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            // a non-S3 canonical path is the path encoded twice
            new HandSigner(key.id(), key.secret(), "us-east-1", "haneul")
                    .signHeaders(method, "127.0.0.1:" + server.port(), rawPath.replace("%", "%25"), query, Instant.now())
                    .forEach(b::header);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    static void refused(HttpResponse<String> r, String... secrets) throws Exception {
        assertEquals(403, r.statusCode(), r::body);
        JsonNode body = JSON.readTree(r.body());
        assertFalse(body.path("code").asText().isEmpty(), r.body());
        assertFalse(body.has("messages") || body.has("sms_messages"), r.body());
        assertFalse(body.path("message").asText().isEmpty(), r.body());
        for (String secret : secrets) {
            assertFalse(r.body().contains(secret), r.body());
        }
    }

    /** Refused because the signed caller may not see the account it named (its signature was good). */
    static void denied(HttpResponse<String> r) throws Exception {
        refused(r);
        assertEquals("AccessDenied", JSON.readTree(r.body()).path("code").asText(), r.body());
    }

    static List<String> ids(JsonNode messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.path("id").isMissingNode() ? m.path("Id").asText() : m.path("id").asText()));
        return out;
    }

    static String statusOfDomain(Key key, String domain) throws Exception {
        return ok(call(key, "GET", "/_haneul/ses/identities/" + domain + "/dkim", Map.of())).path("verificationStatus").asText();
    }

    @Test
    @Order(1)
    void unsignedCallsAreRefusedAndChangeNothing() throws Exception {
        String tokenPath = "/_aws/sns/subscription-tokens/" + HandSigner.encode(subscriptionOfA);
        refused(call(null, "GET", "/_haneul/ses/messages", Map.of()), "secret of A", "secret of B");
        refused(call(null, "GET", "/_haneul/ses/messages/" + mailOfA, Map.of()), "secret of A");
        refused(call(null, "GET", "/_aws/ses", Map.of()), "secret of A");
        refused(call(null, "GET", "/_haneul/ses/events", Map.of()));
        refused(call(null, "GET", "/_aws/sns/sms-messages", Map.of()), "sms of A");
        refused(call(null, "GET", "/_haneul/sns/outbox", Map.of()), "sms of A");
        refused(call(null, "GET", tokenPath, Map.of()), "subscription_token");
        refused(call(null, "GET", "/_haneul/metrics", Map.of()));
        refused(call(null, "GET", "/_haneul/coverage", Map.of()));
        refused(call(null, "POST", "/_haneul/s3/lifecycle", Map.of()));
        refused(call(null, "POST", "/_haneul/sns/opt-out", Map.of("phoneNumber", "+15555550111", "account", ACCOUNT_A)));

        sesB.verifyDomainIdentity(r -> r.domain("pending-b.example"));
        refused(call(null, "POST", "/_haneul/ses/identities/pending-b.example/verify", Map.of("account", ACCOUNT_B)));
        assertEquals("Pending", statusOfDomain(B, "pending-b.example"), "an unsigned caller must not verify identities");

        refused(call(null, "DELETE", "/_haneul/ses/messages", Map.of()));
        refused(call(null, "DELETE", "/_aws/ses", Map.of()));
        refused(call(null, "DELETE", "/_haneul/sns/outbox", Map.of()));
        List<String> all = ids(ok(call(ADMIN, "GET", "/_haneul/ses/messages", Map.of())).path("messages"));
        assertTrue(all.containsAll(List.of(mailOfA, mailOfB)), "nothing was deleted: " + all);
        assertEquals(2, ok(call(ADMIN, "GET", "/_aws/sns/sms-messages", Map.of())).path("sms_messages").size());
    }

    @Test
    @Order(2)
    void badSignaturesAreRefused() throws Exception {
        Key wrongSecret = new Key(A.id(), "not-the-secret");
        refused(call(wrongSecret, "GET", "/_haneul/ses/messages", Map.of()), "secret of A");
        refused(call(new Key("AKIDUNKNOWN", "x"), "GET", "/_haneul/ses/messages", Map.of()), "secret of A");
    }

    @Test
    @Order(3)
    void aSignedCallerSeesOnlyItsOwnAccount() throws Exception {
        List<String> ofA = ids(ok(call(A, "GET", "/_haneul/ses/messages", Map.of())).path("messages"));
        assertTrue(ofA.contains(mailOfA), ofA.toString());
        assertFalse(ofA.contains(mailOfB), ofA.toString());
        assertEquals(List.of(mailOfB), ids(ok(call(B, "GET", "/_haneul/ses/messages", Map.of())).path("messages")));
        List<String> localStack = ids(ok(call(A, "GET", "/_aws/ses", Map.of())).path("messages"));
        assertTrue(localStack.contains(mailOfA) && !localStack.contains(mailOfB), localStack.toString());

        assertEquals(404, call(A, "GET", "/_haneul/ses/messages/" + mailOfB, Map.of()).statusCode(), "another account's mail");
        assertEquals(404, call(A, "GET", "/_haneul/ses/messages/" + mailOfB + "/raw", Map.of()).statusCode());
        assertEquals(200, call(B, "GET", "/_haneul/ses/messages/" + mailOfB, Map.of()).statusCode());
        denied(call(A, "GET", "/_haneul/ses/messages", Map.of("account", ACCOUNT_B)));

        JsonNode sms = ok(call(A, "GET", "/_aws/sns/sms-messages", Map.of())).path("sms_messages");
        assertTrue(sms.has("+15555550111") && !sms.has("+15555550122"), sms.toString());
        JsonNode outbox = ok(call(B, "GET", "/_haneul/sns/outbox", Map.of())).path("messages");
        outbox.forEach(m -> assertEquals(ACCOUNT_B, m.path("accountId").asText(), outbox.toString()));

        String tokenPath = "/_aws/sns/subscription-tokens/" + HandSigner.encode(subscriptionOfA);
        assertFalse(ok(call(A, "GET", tokenPath, Map.of())).path("subscription_token").asText().isEmpty());
        assertEquals(404, call(B, "GET", tokenPath, Map.of()).statusCode(), "B may not read A's confirmation token");

        denied(call(A, "POST", "/_haneul/ses/identities/pending-b.example/verify", Map.of("account", ACCOUNT_B)));
        denied(call(A, "POST", "/_haneul/ses/identities/pending-b.example/verify", Map.of()));
        assertEquals("Pending", statusOfDomain(B, "pending-b.example"));
        denied(call(A, "POST", "/_haneul/sns/opt-out", Map.of("phoneNumber", "+15555550122", "account", ACCOUNT_B)));
        assertTrue(ok(call(A, "POST", "/_haneul/sns/opt-out", Map.of("phoneNumber", "+15555550133"))).path("optedOut").asBoolean(),
                "A opts a number out in its own account");

        denied(call(A, "GET", "/_haneul/metrics", Map.of()));
        denied(call(A, "POST", "/_haneul/s3/lifecycle", Map.of()));
        denied(call(A, "POST", "/_haneul/requests/recording", Map.of("on", "true")));
        assertTrue(ok(call(A, "GET", "/_haneul/coverage", Map.of())).path("services").size() > 0, "coverage: any signed caller");
    }

    @Test
    @Order(4)
    void anAdminKeySeesEveryAccount() throws Exception {
        List<String> all = ids(ok(call(ADMIN, "GET", "/_haneul/ses/messages", Map.of())).path("messages"));
        assertTrue(all.containsAll(List.of(mailOfA, mailOfB)), all.toString());
        assertEquals(List.of(mailOfB), ids(ok(call(ADMIN, "GET", "/_haneul/ses/messages", Map.of("account", ACCOUNT_B))).path("messages")));
        assertEquals(200, call(ADMIN, "GET", "/_haneul/ses/messages/" + mailOfA, Map.of()).statusCode());
        JsonNode sms = ok(call(ADMIN, "GET", "/_aws/sns/sms-messages", Map.of())).path("sms_messages");
        assertTrue(sms.has("+15555550111") && sms.has("+15555550122"), sms.toString());
        assertFalse(ok(call(ADMIN, "GET", "/_aws/sns/subscription-tokens/" + HandSigner.encode(subscriptionOfA), Map.of()))
                .path("subscription_token").asText().isEmpty());
        HttpResponse<String> metrics = call(ADMIN, "GET", "/_haneul/metrics", Map.of());
        assertEquals(200, metrics.statusCode(), metrics::body);
        assertEquals(200, call(ADMIN, "POST", "/_haneul/s3/lifecycle", Map.of()).statusCode());
        assertEquals(200, call(ADMIN, "POST", "/_haneul/ses/identities/pending-b.example/verify", Map.of("account", ACCOUNT_B))
                .statusCode());
        assertEquals("Success", statusOfDomain(B, "pending-b.example"));
    }

    @Test
    @Order(5)
    void healthIsOpenButMinimalWhenUnsigned() throws Exception {
        JsonNode anonymous = ok(call(null, "GET", "/_haneul/health", Map.of()));
        assertEquals("running", anonymous.path("status").asText());
        assertEquals(1, anonymous.size(), anonymous.toString());
        JsonNode signed = ok(call(A, "GET", "/_haneul/health", Map.of()));
        assertTrue(signed.has("version") && signed.has("services"), signed.toString());
        refused(call(new Key(A.id(), "wrong"), "GET", "/_haneul/health", Map.of()));
    }

    @Test
    @Order(6)
    void onlyClickLinksTheServerSignedRedirect() throws Exception {
        String html = ok(call(A, "GET", "/_haneul/ses/messages/" + mailOfA, Map.of())).path("html").asText();
        int at = html.indexOf("href=\"") + 6;
        String genuine = html.substring(at, html.indexOf('"', at)).replace("&amp;", "&");
        assertTrue(genuine.contains("/_haneul/ses/track/click/" + mailOfA) && genuine.contains("&sig="), genuine);

        String redirected = genuine.replace(HandSigner.encode("https://example.com/welcome"), HandSigner.encode("https://evil.example/"));
        String unsigned = genuine.substring(0, genuine.indexOf("&sig="));
        String otherMessage = genuine.replace(mailOfA, mailOfB);
        for (String forged : List.of(redirected, unsigned, otherMessage, genuine + "x")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(forged)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), forged + ": " + r.body());
            assertTrue(r.headers().firstValue("Location").isEmpty(), forged);
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(genuine)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), r.body());
        assertEquals("https://example.com/welcome", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    @Order(7)
    void deletingMailDeletesOnlyTheCallersAccount() throws Exception {
        denied(call(A, "DELETE", "/_haneul/ses/messages", Map.of("account", ACCOUNT_B)));
        assertEquals(0, ok(call(B, "DELETE", "/_haneul/ses/messages/" + mailOfA, Map.of())).path("deleted").asInt(),
                "B cannot delete A's message by its id");
        assertEquals(200, call(A, "GET", "/_haneul/ses/messages/" + mailOfA, Map.of()).statusCode());
        assertTrue(ok(call(A, "DELETE", "/_haneul/ses/messages", Map.of())).path("deleted").asInt() >= 1);
        List<String> all = ids(ok(call(ADMIN, "GET", "/_haneul/ses/messages", Map.of())).path("messages"));
        assertFalse(all.contains(mailOfA), all.toString());
        assertTrue(all.contains(mailOfB), "B's mail survives A's delete: " + all);
        assertEquals(1, ok(call(B, "DELETE", "/_haneul/sns/outbox", Map.of("protocol", "sms"))).path("deleted").asInt(),
                "B's own SMS only");
        JsonNode sms = ok(call(ADMIN, "GET", "/_aws/sns/sms-messages", Map.of())).path("sms_messages");
        assertTrue(sms.has("+15555550111") && !sms.has("+15555550122"), sms.toString());
    }

    @Test
    @Order(8)
    void aVerificationLinkReachesOnlyTheOperatorNotTheTenantThatAskedForIt() throws Exception {
        sesA.verifyEmailIdentity(r -> r.emailAddress("ceo@b.example"));
        assertEquals("Pending", sesA.getIdentityVerificationAttributes(r -> r.identities("ceo@b.example"))
                .verificationAttributes().get("ceo@b.example").verificationStatusAsString());
        for (JsonNode m : ok(call(A, "GET", "/_haneul/ses/messages", Map.of("recipient", "ceo@b.example"))).path("messages")) {
            fail("A reads the verification mail of an address it does not own: " + m);
        }
        JsonNode held = ok(call(ADMIN, "GET", "/_haneul/ses/messages", Map.of("recipient", "ceo@b.example"))).path("messages");
        assertEquals(1, held.size(), held.toString());
        assertTrue(held.get(0).path("text").asText().contains("/_haneul/ses/verify?token="), held.toString());
    }

    @Test
    @Order(9)
    void anotherAccountsDeliveryLogIsNotShownEvenByItsTopic() throws Exception {
        String topic;
        try (SnsClient snsA = sns(A); SqsClient sqsA = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(A.id(), A.secret()))).build()) {
            topic = snsA.createTopic(r -> r.name("logged")).topicArn();
            String queueUrl = sqsA.createQueue(r -> r.queueName("logged-q")).queueUrl();
            String queueArn = sqsA.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings().get("QueueArn");
            snsA.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
            snsA.publish(r -> r.topicArn(topic).message("delivered in A"));
        }
        JsonNode ofA = ok(call(A, "GET", "/_haneul/sns/deliveries", Map.of("topicArn", topic))).path("deliveries");
        for (long end = System.nanoTime() + 10_000_000_000L; ofA.isEmpty() && System.nanoTime() < end; Thread.sleep(100)) {
            ofA = ok(call(A, "GET", "/_haneul/sns/deliveries", Map.of("topicArn", topic))).path("deliveries");
        }
        assertEquals(1, ofA.size(), ofA.toString());
        assertEquals(0, ok(call(B, "GET", "/_haneul/sns/deliveries", Map.of("topicArn", topic))).path("deliveries").size(),
                "B names A's topic and sees nothing");
        denied(call(B, "GET", "/_haneul/sns/deliveries", Map.of("topicArn", topic, "account", ACCOUNT_A)));
        assertEquals(1, ok(call(ADMIN, "GET", "/_haneul/sns/deliveries", Map.of("topicArn", topic))).path("deliveries").size());
    }
}
