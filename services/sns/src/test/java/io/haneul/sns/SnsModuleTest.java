package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.SchedulerOptions;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module's wiring without a server: the exported TopicDelivery (how S3 and SES publish) and the internal routes. */
class SnsModuleTest {

    @TempDir
    Path dir;
    Database db;
    DurableScheduler scheduler;
    SnsModule module = new SnsModule();
    SnsProvider provider;

    @BeforeEach
    void start() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        scheduler = new DurableScheduler(db, Clock.systemUTC());
        Map<Class<?>, Supplier<?>> components = Map.of(Database.class, () -> db, DurableScheduler.class, () -> scheduler);
        provider = (SnsProvider) module.provider("sns-2010-03-31", new ServiceEnvironment(Clock.systemUTC(), components, Map.of()));
    }

    /** Wires the module again with a scheduler of these options and Lambda as {@code functions}. */
    private void rewire(SchedulerOptions options, FunctionInvoker functions) {
        scheduler.close();
        scheduler = new DurableScheduler(db, Clock.systemUTC(), options);
        module = new SnsModule();
        Map<Class<?>, Supplier<?>> components = Map.of(Database.class, () -> db, DurableScheduler.class, () -> scheduler,
                FunctionInvoker.class, () -> functions);
        provider = (SnsProvider) module.provider("sns-2010-03-31", new ServiceEnvironment(Clock.systemUTC(), components, Map.of()));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        db.close();
    }

    private static RequestContext ctx(String account) {
        return new RequestContext(account, "us-east-1", "req", "AKID", "localhost:4566", "http", Instant.now());
    }

    private WireResponse route(String method, String path, String query) {
        String key = method + " " + path;
        ServiceModuleRoute r = new ServiceModuleRoute(module.internalRoutes());
        return r.handle(key, provider, new io.haneul.core.internal.InternalCall(new WireRequest(method, path, query, new Headers(),
                new byte[0]), io.haneul.core.internal.Viewer.allAccounts("000000000000")));
    }

    /** Finds the route the server would pick: exact, else the longest prefix. */
    private record ServiceModuleRoute(Map<String, io.haneul.core.spi.ServiceModule.InternalRoute> routes) {
        WireResponse handle(String key, Object provider, io.haneul.core.internal.InternalCall request) {
            String best = routes.containsKey(key) ? key : routes.keySet().stream().filter(k -> key.startsWith(k + "/"))
                    .max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            return routes.get(best).handle(provider, request);
        }
    }

    @Test
    void otherServicesPublishThroughTopicDelivery() {
        String arn = provider.createTopic(ctx("111111111111"), CreateTopicRequest.builder().name("events").build()).topicArn();
        provider.subscribe(ctx("111111111111"), SubscribeRequest.builder().topicArn(arn).protocol("sms").endpoint("+15555550100").build());
        TopicDelivery delivery = (TopicDelivery) module.export(TopicDelivery.class, provider).orElseThrow();
        String id = delivery.publish(arn, "111111111111", "arn:aws:s3:::bucket", "S3 event", "{\"Records\":[]}");
        String outbox = new String(route("GET", "/_haneul/sns/outbox", "protocol=sms").body(), StandardCharsets.UTF_8);
        assertTrue(outbox.contains(id), outbox);
        assertTrue(outbox.contains("S3 event"), outbox);

        TopicDelivery.TopicDeliveryException denied = assertThrows(TopicDelivery.TopicDeliveryException.class,
                () -> delivery.publish(arn, "222222222222", "arn:aws:s3:::theirs", null, "x"));
        assertEquals("AuthorizationError", denied.code());
        provider.setTopicAttributes(ctx("111111111111"), SetTopicAttributesRequest.builder().topicArn(arn).attributeName("Policy")
                .attributeValue("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                        + "\"Action\":\"SNS:Publish\",\"Resource\":\"" + arn + "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::theirs\"}}}]}")
                .build());
        assertTrue(delivery.publish(arn, "222222222222", "arn:aws:s3:::theirs", null, "x").length() > 0);
        assertEquals("NotFound", assertThrows(TopicDelivery.TopicDeliveryException.class,
                () -> delivery.publish(arn + "-gone", "111111111111", null, null, "x")).code());
        assertEquals(Optional.empty(), module.export(String.class, provider));
    }

    @Test
    void certificateAndOptOutRoutes() {
        String arn = provider.createTopic(ctx("111111111111"), CreateTopicRequest.builder().name("t").build()).topicArn();
        assertTrue(arn.endsWith(":t"));
        assertEquals(404, route("GET", "/_haneul/sns/certs/SimpleNotificationService-nope.pem", "").status());
        WireResponse opt = route("POST", "/_haneul/sns/opt-out", "phoneNumber=%2B15555550100&account=111111111111");
        assertEquals(200, opt.status());
        assertEquals(400, route("POST", "/_haneul/sns/opt-out", "phoneNumber=abc").status());
        assertEquals(200, route("DELETE", "/_haneul/sns/outbox", "").status());
        assertEquals(404, route("GET", "/_aws/sns/subscription-tokens/arn%3Aaws%3Asns%3Aus-east-1%3A1%3Ax", "").status());
    }

    @Test
    void aLambdaDeliveryThatRunsOutOfRetriesIsLoggedAsFailed() throws Exception {
        AtomicInteger invoked = new AtomicInteger();
        rewire(SchedulerOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO, Duration.ZERO), invocation -> {
            invoked.incrementAndGet();
            throw new FunctionInvoker.FunctionInvocationException("TooManyRequestsException", "Rate Exceeded.");
        });
        String arn = provider.createTopic(ctx("111111111111"), CreateTopicRequest.builder().name("to-lambda").build()).topicArn();
        provider.subscribe(ctx("111111111111"), SubscribeRequest.builder().topicArn(arn).protocol("lambda")
                .endpoint("arn:aws:lambda:us-east-1:111111111111:function:busy").build());
        provider.publish(ctx("111111111111"), PublishRequest.builder().topicArn(arn).message("hi").build());

        assertEquals(1, scheduler.runDueJobsNow());
        assertEquals(1, scheduler.runDueJobsNow(), "retried once");
        assertEquals(0, scheduler.runDueJobsNow(), "the last attempt ends the job");
        assertEquals(2, invoked.get());
        JsonNode log = new ObjectMapper().readTree(route("GET", "/_haneul/sns/deliveries", "topicArn=" + arn).body()).get("deliveries");
        assertEquals(2, log.size(), log.toString());
        assertEquals("FAILED", log.get(0).get("outcome").asText(), log.toString());
        assertEquals(2, log.get(0).get("attempt").asInt());
        assertEquals("TooManyRequestsException; dropped: the subscription has no RedrivePolicy", log.get(0).get("detail").asText());
        assertEquals("RETRYING", log.get(1).get("outcome").asText());
    }
}
