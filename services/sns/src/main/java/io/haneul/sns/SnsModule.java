package io.haneul.sns;

import io.haneul.core.spi.EmailDelivery;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.sns.store.KeyStore;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.PlatformStore;
import io.haneul.sns.store.SmsStore;
import io.haneul.sns.store.TopicStore;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers SNS with the server and wires its parts. SQS's {@link QueueDelivery} and SES's
 * {@link EmailDelivery} are looked up at delivery time, never here: starting SNS must not start SQS
 * or SES (and either may be disabled).
 */
public final class SnsModule implements ServiceModule {

    @Override
    public String id() {
        return "sns";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("sns-2010-03-31");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        TopicStore topicStore = new TopicStore(db);
        OutboxStore outbox = new OutboxStore(db);
        PlatformStore platformStore = new PlatformStore(db);
        SmsStore smsStore = new SmsStore(db);
        SnsSettings settings = SnsSettings.from(env);
        MessageSigner signer = new MessageSigner(new KeyStore(db), env.clock());
        io.haneul.core.spi.EventFeed feed = io.haneul.core.spi.EventFeed.of(env);
        DeliveryLog log = new DeliveryLog(env.clock(), a -> feed.publish("sns", "delivery.attempted", a.account(),
                Map.of("topicArn", a.topicArn(), "subscriptionArn", a.subscriptionArn(), "outcome", a.outcome().name())));
        Deliveries deliveries = new Deliveries(topicStore, outbox, env.require(DurableScheduler.class), signer, settings, env.clock(),
                () -> env.find(QueueDelivery.class), () -> env.find(EmailDelivery.class), () -> env.find(FunctionInvoker.class), log);
        TopicService topics = new TopicService(topicStore, env.clock());
        SubscriptionService subscriptions = new SubscriptionService(topicStore, topics, outbox, deliveries, settings, env.clock());
        SmsService sms = new SmsService(smsStore, outbox, settings, env.clock());
        PublishService publisher = new PublishService(topicStore, topics, platformStore, smsStore, outbox, deliveries, settings, env.clock());
        return new SnsProvider(topics, subscriptions, publisher, new PlatformService(platformStore, env.clock()), sms,
                new SnsInspection(outbox, topicStore, signer, sms, log), deliveries, feed);
    }

    @Override
    public java.util.Optional<Object> export(Class<?> type, Object provider) {
        if (type == io.haneul.core.spi.TopicDelivery.class && provider instanceof SnsProvider sns) {
            return java.util.Optional.of(sns.delivery());
        }
        return java.util.Optional.empty();
    }

    /** SNS starts with the server so that deliveries and retries left in the scheduler resume after a restart. */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SnsProvider.class;
    }

    /** SNS's subscription links, which AWS accepts unsigned. */
    @Override
    public Map<String, io.haneul.core.dataplane.ApiAddressing> apiAddressing() {
        return Map.of("sns", new SubscriptionLinks());
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        Map<String, InternalRoute> routes = new LinkedHashMap<>();
        routes.put("GET /_haneul/sns/outbox", route(SnsInspection::outbox));
        routes.put("DELETE /_haneul/sns/outbox", route(SnsInspection::clearOutbox));
        routes.put("GET /_haneul/sns/deliveries", route(SnsInspection::deliveries));
        // fetched by whoever checks a message's signature, who holds no keys
        routes.put("GET " + MessageSigner.CERT_ROUTE, InternalRoute.open(route(SnsInspection::certificate)));
        routes.put("POST /_haneul/sns/opt-out", route(SnsInspection::optOut));
        routes.put("GET /_aws/sns/sms-messages", route(SnsInspection::localStackSms));
        routes.put("GET /_aws/sns/platform-endpoint-messages", route(SnsInspection::localStackPush));
        routes.put("GET /_aws/sns/subscription-tokens", route(SnsInspection::localStackToken));
        return routes;
    }

    private static InternalRoute route(java.util.function.BiFunction<SnsInspection, io.haneul.core.internal.InternalCall,
            io.haneul.core.wire.WireResponse> handler) {
        return (provider, call) -> handler.apply(((SnsProvider) provider).inspection(), call);
    }

    /**
     * SNS's largest call carries 256 KiB: a Publish message with its attributes, or a PublishBatch
     * (262,144 bytes in total). SNS speaks the query protocol only, which percent-encodes up to three
     * bytes per byte: three times that plus 64 KiB for the envelope (ARNs, attribute names, subject).
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 3L * 262_144 + 64 * 1024;
    }

    /** SNS's query answers write every list even when empty, as empty elements (recorded: PublishBatch Failed: [], ListTagsForResource Tags: [], ListSubscriptionsByTopic Subscriptions: []). */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        // a missing required parameter in SNS's own words: Invalid parameter: TopicArn Reason: no value for required parameter
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*").validating(p -> p.withMissing("InvalidParameterException",
                "Invalid parameter: %s Reason: no value for required parameter"));
    }
}
