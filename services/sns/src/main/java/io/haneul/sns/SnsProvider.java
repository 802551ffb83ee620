package io.haneul.sns;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.sns.domain.MessageAttributes;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.domain.Tags;
import io.haneul.sns.store.PlatformStore;
import io.haneul.sns.store.SubscriptionRecord;
import io.haneul.sns.store.TopicRecord;
import software.amazon.awssdk.services.sns.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SNS: every operation of the 2010-03-31 API over the query protocol. Thin: it maps the
 * SDK's request and response objects onto {@link TopicService}, {@link SubscriptionService},
 * {@link PublishService}, {@link PlatformService} and {@link SmsService}.
 */
public final class SnsProvider implements ErrorTranslator, AutoCloseable {

    private final TopicService topics;
    private final SubscriptionService subscriptions;
    private final PublishService publisher;
    private final PlatformService platform;
    private final SmsService sms;
    private final SnsInspection inspection;
    private final SnsTopicDelivery delivery;
    private final Deliveries deliveries;

    /** The console's live feed: told of every publish. */
    private final io.haneul.core.spi.EventFeed events;

    SnsProvider(TopicService topics, SubscriptionService subscriptions, PublishService publisher, PlatformService platform,
                SmsService sms, SnsInspection inspection, Deliveries deliveries, io.haneul.core.spi.EventFeed events) {
        this.events = events;
        this.deliveries = deliveries;
        this.delivery = new SnsTopicDelivery(publisher);
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.platform = platform;
        this.sms = sms;
        this.inspection = inspection;
    }

    /** Stops what delivers over HTTP; the server closes providers when it stops. */
    @Override
    public void close() {
        deliveries.close();
    }

    /** SNS as other services publish into it. */
    io.haneul.core.spi.TopicDelivery delivery() {
        return delivery;
    }

    /** Haneul's own routes (outbox, signing certificate, opt-out). */
    SnsInspection inspection() {
        return inspection;
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof SnsException s ? SnsErrors.toAws(s) : null;
    }

    // ---- topics ----

    public CreateTopicResponse createTopic(RequestContext ctx, CreateTopicRequest r) {
        TopicRecord t = topics.create(ctx, r.name(), r.attributes(), tags(r.tags()), r.dataProtectionPolicy());
        return CreateTopicResponse.builder().topicArn(t.arn()).build();
    }

    public DeleteTopicResponse deleteTopic(RequestContext ctx, DeleteTopicRequest r) {
        topics.delete(ctx, r.topicArn());
        return DeleteTopicResponse.builder().build();
    }

    public ListTopicsResponse listTopics(RequestContext ctx, ListTopicsRequest r) {
        Pages.Page<TopicRecord> page = topics.list(ctx, r.nextToken());
        return ListTopicsResponse.builder().topics(page.items().stream().map(t -> Topic.builder().topicArn(t.arn()).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetTopicAttributesResponse getTopicAttributes(RequestContext ctx, GetTopicAttributesRequest r) {
        return GetTopicAttributesResponse.builder()
                .attributes(topics.attributes(topics.resolve(ctx, r.topicArn(), "GetTopicAttributes"))).build();
    }

    public SetTopicAttributesResponse setTopicAttributes(RequestContext ctx, SetTopicAttributesRequest r) {
        topics.setAttribute(topics.resolve(ctx, r.topicArn(), "SetTopicAttributes"), r.attributeName(), r.attributeValue());
        return SetTopicAttributesResponse.builder().build();
    }

    public AddPermissionResponse addPermission(RequestContext ctx, AddPermissionRequest r) {
        topics.addPermission(topics.resolve(ctx, r.topicArn(), "AddPermission"), r.label(), r.awsAccountIds(), r.actionNames());
        return AddPermissionResponse.builder().build();
    }

    public RemovePermissionResponse removePermission(RequestContext ctx, RemovePermissionRequest r) {
        topics.removePermission(topics.resolve(ctx, r.topicArn(), "RemovePermission"), r.label());
        return RemovePermissionResponse.builder().build();
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        topics.tag(ctx, r.resourceArn(), tags(r.tags()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        topics.untag(ctx, r.resourceArn(), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        topics.tags(ctx, r.resourceArn()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    public GetDataProtectionPolicyResponse getDataProtectionPolicy(RequestContext ctx, GetDataProtectionPolicyRequest r) {
        return GetDataProtectionPolicyResponse.builder().dataProtectionPolicy(topics.dataProtection(ctx, r.resourceArn())).build();
    }

    public PutDataProtectionPolicyResponse putDataProtectionPolicy(RequestContext ctx, PutDataProtectionPolicyRequest r) {
        topics.putDataProtection(ctx, r.resourceArn(), r.dataProtectionPolicy());
        return PutDataProtectionPolicyResponse.builder().build();
    }

    private static List<Tags.Tag> tags(List<Tag> tags) {
        return tags.stream().map(t -> new Tags.Tag(t.key(), t.value())).toList();
    }

    // ---- subscriptions ----

    public SubscribeResponse subscribe(RequestContext ctx, SubscribeRequest r) {
        String arn = subscriptions.subscribe(ctx, r.topicArn(), r.protocol(), r.endpoint(), r.attributes(),
                Boolean.TRUE.equals(r.returnSubscriptionArn()));
        return SubscribeResponse.builder().subscriptionArn(arn).build();
    }

    public ConfirmSubscriptionResponse confirmSubscription(RequestContext ctx, ConfirmSubscriptionRequest r) {
        return ConfirmSubscriptionResponse.builder()
                .subscriptionArn(subscriptions.confirm(ctx, r.topicArn(), r.token(), r.authenticateOnUnsubscribe())).build();
    }

    public UnsubscribeResponse unsubscribe(RequestContext ctx, UnsubscribeRequest r) {
        subscriptions.unsubscribe(ctx, r.subscriptionArn());
        return UnsubscribeResponse.builder().build();
    }

    public GetSubscriptionAttributesResponse getSubscriptionAttributes(RequestContext ctx, GetSubscriptionAttributesRequest r) {
        return GetSubscriptionAttributesResponse.builder()
                .attributes(subscriptions.attributes(subscriptions.resolve(ctx, r.subscriptionArn()))).build();
    }

    public SetSubscriptionAttributesResponse setSubscriptionAttributes(RequestContext ctx, SetSubscriptionAttributesRequest r) {
        subscriptions.setAttribute(subscriptions.resolve(ctx, r.subscriptionArn()), r.attributeName(), r.attributeValue());
        return SetSubscriptionAttributesResponse.builder().build();
    }

    public ListSubscriptionsResponse listSubscriptions(RequestContext ctx, ListSubscriptionsRequest r) {
        Pages.Page<SubscriptionRecord> page = subscriptions.list(ctx, r.nextToken());
        return ListSubscriptionsResponse.builder().subscriptions(page.items().stream().map(SnsProvider::subscription).toList())
                .nextToken(page.nextToken()).build();
    }

    public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(RequestContext ctx, ListSubscriptionsByTopicRequest r) {
        Pages.Page<SubscriptionRecord> page = subscriptions.listByTopic(ctx, r.topicArn(), r.nextToken());
        return ListSubscriptionsByTopicResponse.builder().subscriptions(page.items().stream().map(SnsProvider::subscription).toList())
                .nextToken(page.nextToken()).build();
    }

    private static Subscription subscription(SubscriptionRecord s) {
        return Subscription.builder().subscriptionArn(SubscriptionService.listedArn(s)).owner(s.owner()).protocol(s.protocol().wire())
                .endpoint(s.endpoint()).topicArn(s.topicArn()).build();
    }

    // ---- publishing ----

    public PublishResponse publish(RequestContext ctx, PublishRequest r) {
        PublishService.Published p = publisher.publish(ctx, r.topicArn(), r.targetArn(), r.phoneNumber(),
                new PublishService.Input(r.message(), r.subject(), r.messageStructure(), attributes(r.messageAttributes()),
                        r.messageGroupId(), r.messageDeduplicationId()));
        events.publish("sns", "message.published", ctx.accountId(), java.util.Map.of("target",
                r.topicArn() != null ? r.topicArn() : r.targetArn() != null ? r.targetArn() : "sms", "messageId", p.messageId()));
        return PublishResponse.builder().messageId(p.messageId()).sequenceNumber(p.sequenceNumber()).build();
    }

    public PublishBatchResponse publishBatch(RequestContext ctx, PublishBatchRequest r) {
        List<PublishBatchRequestEntry> entries = r.publishBatchRequestEntries();
        List<PublishService.EntryResult> results = publisher.publishBatch(ctx, r.topicArn(),
                entries.stream().map(PublishBatchRequestEntry::id).toList(),
                entries.stream().map(e -> new PublishService.Input(e.message(), e.subject(), e.messageStructure(),
                        attributes(e.messageAttributes()), e.messageGroupId(), e.messageDeduplicationId())).toList());
        List<PublishBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (PublishService.EntryResult e : results) {
            if (e.error() == null) {
                ok.add(PublishBatchResultEntry.builder().id(e.id()).messageId(e.published().messageId())
                        .sequenceNumber(e.published().sequenceNumber()).build());
            } else {
                failed.add(SnsErrors.batchFailure(e.id(), e.error()));
            }
        }
        return PublishBatchResponse.builder().successful(ok).failed(failed).build();
    }

    private static Map<String, MessageAttributes.Attribute> attributes(Map<String, MessageAttributeValue> attrs) {
        Map<String, MessageAttributes.Attribute> out = new LinkedHashMap<>();
        attrs.forEach((k, v) -> out.put(k, new MessageAttributes.Attribute(v.dataType(), v.stringValue(),
                v.binaryValue() == null ? null : v.binaryValue().asByteArray())));
        return out;
    }

    // ---- mobile push ----

    public CreatePlatformApplicationResponse createPlatformApplication(RequestContext ctx, CreatePlatformApplicationRequest r) {
        return CreatePlatformApplicationResponse.builder()
                .platformApplicationArn(platform.createApp(ctx, r.name(), r.platform(), r.attributes()).arn()).build();
    }

    public GetPlatformApplicationAttributesResponse getPlatformApplicationAttributes(RequestContext ctx,
                                                                                     GetPlatformApplicationAttributesRequest r) {
        return GetPlatformApplicationAttributesResponse.builder()
                .attributes(PlatformService.visible(platform.app(ctx, r.platformApplicationArn()).attributes())).build();
    }

    public SetPlatformApplicationAttributesResponse setPlatformApplicationAttributes(RequestContext ctx,
                                                                                     SetPlatformApplicationAttributesRequest r) {
        platform.setAppAttributes(platform.app(ctx, r.platformApplicationArn()), r.attributes());
        return SetPlatformApplicationAttributesResponse.builder().build();
    }

    public DeletePlatformApplicationResponse deletePlatformApplication(RequestContext ctx, DeletePlatformApplicationRequest r) {
        platform.deleteApp(ctx, r.platformApplicationArn());
        return DeletePlatformApplicationResponse.builder().build();
    }

    public ListPlatformApplicationsResponse listPlatformApplications(RequestContext ctx, ListPlatformApplicationsRequest r) {
        Pages.Page<PlatformStore.App> page = platform.listApps(ctx, r.nextToken());
        return ListPlatformApplicationsResponse.builder().platformApplications(page.items().stream()
                        .map(a -> PlatformApplication.builder().platformApplicationArn(a.arn())
                                .attributes(PlatformService.visible(a.attributes())).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public CreatePlatformEndpointResponse createPlatformEndpoint(RequestContext ctx, CreatePlatformEndpointRequest r) {
        return CreatePlatformEndpointResponse.builder().endpointArn(platform.createEndpoint(ctx, r.platformApplicationArn(), r.token(),
                r.customUserData(), r.attributes()).arn()).build();
    }

    public GetEndpointAttributesResponse getEndpointAttributes(RequestContext ctx, GetEndpointAttributesRequest r) {
        return GetEndpointAttributesResponse.builder().attributes(platform.endpoint(ctx, r.endpointArn()).attributes()).build();
    }

    public SetEndpointAttributesResponse setEndpointAttributes(RequestContext ctx, SetEndpointAttributesRequest r) {
        platform.setEndpointAttributes(platform.endpoint(ctx, r.endpointArn()), r.attributes());
        return SetEndpointAttributesResponse.builder().build();
    }

    public DeleteEndpointResponse deleteEndpoint(RequestContext ctx, DeleteEndpointRequest r) {
        platform.deleteEndpoint(ctx, r.endpointArn());
        return DeleteEndpointResponse.builder().build();
    }

    public ListEndpointsByPlatformApplicationResponse listEndpointsByPlatformApplication(RequestContext ctx,
                                                                                         ListEndpointsByPlatformApplicationRequest r) {
        Pages.Page<PlatformStore.Endpoint> page = platform.listEndpoints(ctx, r.platformApplicationArn(), r.nextToken());
        return ListEndpointsByPlatformApplicationResponse.builder().endpoints(page.items().stream()
                        .map(e -> Endpoint.builder().endpointArn(e.arn()).attributes(e.attributes()).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    // ---- SMS ----

    public SetSmsAttributesResponse setSMSAttributes(RequestContext ctx, SetSmsAttributesRequest r) {
        sms.setAttributes(ctx, r.attributes());
        return SetSmsAttributesResponse.builder().build();
    }

    public GetSmsAttributesResponse getSMSAttributes(RequestContext ctx, GetSmsAttributesRequest r) {
        return GetSmsAttributesResponse.builder().attributes(sms.attributes(ctx, r.attributes())).build();
    }

    public CheckIfPhoneNumberIsOptedOutResponse checkIfPhoneNumberIsOptedOut(RequestContext ctx, CheckIfPhoneNumberIsOptedOutRequest r) {
        return CheckIfPhoneNumberIsOptedOutResponse.builder().isOptedOut(sms.optedOut(ctx, r.phoneNumber())).build();
    }

    public ListPhoneNumbersOptedOutResponse listPhoneNumbersOptedOut(RequestContext ctx, ListPhoneNumbersOptedOutRequest r) {
        Pages.Page<String> page = sms.listOptedOut(ctx, r.nextToken());
        return ListPhoneNumbersOptedOutResponse.builder().phoneNumbers(page.items()).nextToken(page.nextToken()).build();
    }

    public OptInPhoneNumberResponse optInPhoneNumber(RequestContext ctx, OptInPhoneNumberRequest r) {
        sms.optIn(ctx, r.phoneNumber());
        return OptInPhoneNumberResponse.builder().build();
    }

    public GetSmsSandboxAccountStatusResponse getSMSSandboxAccountStatus(RequestContext ctx, GetSmsSandboxAccountStatusRequest r) {
        return GetSmsSandboxAccountStatusResponse.builder().isInSandbox(sms.inSandbox()).build();
    }

    public CreateSmsSandboxPhoneNumberResponse createSMSSandboxPhoneNumber(RequestContext ctx, CreateSmsSandboxPhoneNumberRequest r) {
        sms.createSandboxNumber(ctx, r.phoneNumber(), r.languageCodeAsString());
        return CreateSmsSandboxPhoneNumberResponse.builder().build();
    }

    public DeleteSmsSandboxPhoneNumberResponse deleteSMSSandboxPhoneNumber(RequestContext ctx, DeleteSmsSandboxPhoneNumberRequest r) {
        sms.deleteSandboxNumber(ctx, r.phoneNumber());
        return DeleteSmsSandboxPhoneNumberResponse.builder().build();
    }

    public VerifySmsSandboxPhoneNumberResponse verifySMSSandboxPhoneNumber(RequestContext ctx, VerifySmsSandboxPhoneNumberRequest r) {
        sms.verifySandboxNumber(ctx, r.phoneNumber(), r.oneTimePassword());
        return VerifySmsSandboxPhoneNumberResponse.builder().build();
    }

    public ListSmsSandboxPhoneNumbersResponse listSMSSandboxPhoneNumbers(RequestContext ctx, ListSmsSandboxPhoneNumbersRequest r) {
        var page = sms.listSandbox(ctx, r.nextToken(), r.maxResults());
        return ListSmsSandboxPhoneNumbersResponse.builder().phoneNumbers(page.items().stream()
                        .map(n -> SMSSandboxPhoneNumber.builder().phoneNumber(n.phone()).status(n.status()).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    /** No origination numbers exist without a carrier: the list is empty. */
    public ListOriginationNumbersResponse listOriginationNumbers(RequestContext ctx, ListOriginationNumbersRequest r) {
        if (r.maxResults() != null && (r.maxResults() < 1 || r.maxResults() > 30)) {
            throw new SnsException("ValidationException", "MaxResults must be between 1 and 30");
        }
        return ListOriginationNumbersResponse.builder().phoneNumbers(List.of()).build();
    }
}
