package io.haneul.ses;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.HttpInterceptor;
import io.haneul.core.engine.ExtendedResponse;
import io.haneul.core.engine.ProviderParts;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.ses.domain.AccountSettings;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.Identity;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Amazon SES v2 (rest-json, 2019-09-27): email identities with DKIM, sending (Simple, Raw,
 * Template; bulk), templates, configuration sets and event destinations, the suppression list,
 * the account, contact lists, custom verification templates and tags. Thin: it maps the SDK's
 * classes onto the shared {@link SesRuntime}. Tenants, multi-region endpoints, reputation entities,
 * import and export jobs and the deliverability dashboard are answered by its parts.
 */
@ProviderParts.Types({TenantApi.class, MultiRegionEndpointApi.class, ReputationApi.class, JobsApi.class, DeliverabilityApi.class,
        EmailInsightsApi.class, AccountPricingApi.class, TenantSuppressionApi.class})
public final class SesV2Provider extends SesV2Extras implements ErrorTranslator, SesRuntimeHolder, HttpInterceptor, ProviderParts,
        AutoCloseable {

    private final SesRuntime rt;
    private final V2Sending sending;
    private final NewerBindings newerBindings;
    private final ResourceTags tags;
    private final List<Object> parts;
    private final AccountPricingApi pricing;

    SesV2Provider(SesRuntime rt) {
        this.rt = rt;
        this.tags = new ResourceTags(rt);
        TenantApi tenants = new TenantApi(rt, tags);
        this.pricing = new AccountPricingApi(rt);
        this.parts = List.of(tenants, new MultiRegionEndpointApi(rt, tags), new ReputationApi(rt, tags, tenants), new JobsApi(rt),
                new DeliverabilityApi(rt, tags), new EmailInsightsApi(rt), pricing, new TenantSuppressionApi(rt));
        this.sending = new V2Sending(rt);
        this.newerBindings = new NewerBindings(this);
    }

    /** Newer SDKs' bindings of operations the shipped model binds otherwise (see {@link NewerBindings}). */
    @Override
    public WireResponse before(RequestContext context, WireRequest request) {
        return newerBindings.answer(context, request);
    }

    @Override
    public SesRuntime runtime() {
        return rt;
    }

    @Override
    SesRuntime rt() {
        return rt;
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    @Override
    ResourceTags tags() {
        return tags;
    }

    @Override
    public void close() {
        rt.close();
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof SesException s ? SesErrors.v2(s) : null;
    }

    private static Scope scope(RequestContext ctx) {
        return Scope.of(ctx);
    }

    // ---- tags ----

    private Map<String, String> tagsOf(Scope s, String arn) {
        return tags.of(s, arn);
    }

    private void putTags(Scope s, String arn, List<Tag> list) {
        tags.put(s, arn, list);
    }

    private static List<Tag> tagList(Map<String, String> m) {
        return m.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        Scope s = scope(ctx);
        tags.requireExisting(s, r.resourceArn());
        tags.put(s, r.resourceArn(), r.tags());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        Scope s = scope(ctx);
        tags.requireExisting(s, r.resourceArn());
        tags.remove(s, r.resourceArn(), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest r) {
        Scope s = scope(ctx);
        tags.requireExisting(s, r.resourceArn());
        return ListTagsForResourceResponse.builder().tags(tags.list(s, r.resourceArn())).build();
    }

    // ---- identities ----

    private static String v2Status(String v1) {
        return switch (v1) {
            case "Success" -> "SUCCESS";
            case "Failed" -> "FAILED";
            case "TemporaryFailure" -> "TEMPORARY_FAILURE";
            case "NotStarted" -> "NOT_STARTED";
            default -> "PENDING";
        };
    }

    private DkimAttributes dkim(Scope s, Identity i) {
        Identity d = i.isDomain() ? i : rt.identities().find(s, Addresses.domain(i.name)).orElse(null);
        DkimAttributes.Builder b = DkimAttributes.builder().signingEnabled(d != null && d.dkimEnabled)
                .status(d == null ? "NOT_STARTED" : v2Status(d.dkimStatus));
        if (d != null && !d.dkimTokens.isEmpty()) {
            b.tokens(d.dkimTokens).signingAttributesOrigin(d.dkimOrigin).currentSigningKeyLength(d.dkimKeyLength)
                    .nextSigningKeyLength(d.dkimKeyLength).lastKeyGenerationTimestamp(Instant.ofEpochMilli(d.createdMs));
        }
        return b.build();
    }

    public CreateEmailIdentityResponse createEmailIdentity(RequestContext ctx, CreateEmailIdentityRequest r) {
        Scope s = scope(ctx);
        String name = r.emailIdentity();
        Identity i;
        if (Addresses.isEmail(name)) {
            i = rt.identities().verifyEmail(s, name, true);
        } else {
            DkimSigningAttributes d = r.dkimSigningAttributes();
            i = rt.identities().verifyDomain(s, name, true, true, d == null ? null : d.domainSigningSelector(),
                    d == null ? null : d.domainSigningPrivateKey(), d == null ? null : d.nextSigningKeyLengthAsString());
        }
        if (r.configurationSetName() != null) {
            rt.configSets().get(s, r.configurationSetName());
            i = rt.identities().update(s, i.name, x -> x.configurationSet = r.configurationSetName());
        }
        putTags(s, s.arn("identity/" + i.name), r.tags());
        return CreateEmailIdentityResponse.builder().identityType(i.isDomain() ? IdentityType.DOMAIN : IdentityType.EMAIL_ADDRESS)
                .verifiedForSendingStatus(i.verified()).dkimAttributes(dkim(s, i)).build();
    }

    public GetEmailIdentityResponse getEmailIdentity(RequestContext ctx, GetEmailIdentityRequest r) {
        Scope s = scope(ctx);
        Identity i = rt.identities().find(s, r.emailIdentity())
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Email identity " + r.emailIdentity() + " does not exist."));
        return GetEmailIdentityResponse.builder().identityType(i.isDomain() ? IdentityType.DOMAIN : IdentityType.EMAIL_ADDRESS)
                .feedbackForwardingStatus(i.feedbackForwarding).verifiedForSendingStatus(i.verified()).dkimAttributes(dkim(s, i))
                .mailFromAttributes(MailFromAttributes.builder().mailFromDomain(i.mailFromDomain)
                        .mailFromDomainStatus(i.mailFromDomain == null ? "FAILED" : "SUCCESS")
                        .behaviorOnMxFailure(i.mailFromBehavior.equals("RejectMessage") ? "REJECT_MESSAGE" : "USE_DEFAULT_VALUE").build())
                .policies(i.policies).tags(tagList(tagsOf(s, s.arn("identity/" + i.name)))).configurationSetName(i.configurationSet)
                .verificationStatus(v2Status(i.status)).build();
    }

    public ListEmailIdentitiesResponse listEmailIdentities(RequestContext ctx, ListEmailIdentitiesRequest r) {
        return listEmailIdentities(ctx, r.nextToken(), r.pageSize(), Map.of());
    }

    /**
     * One page of identities, narrowed by newer SDKs' {@code Filter}: IDENTITY_NAME_CONTAINS,
     * IDENTITY_TYPE (EMAIL_ADDRESS, DOMAIN) and VERIFICATION_STATUS (v2 status names).
     */
    ListEmailIdentitiesResponse listEmailIdentities(RequestContext ctx, String nextToken, Integer pageSize, Map<String, String> filter) {
        List<IdentityInfo> all = rt.identities().list(scope(ctx)).stream().map(i -> IdentityInfo.builder().identityName(i.name)
                .identityType(i.isDomain() ? IdentityType.DOMAIN : IdentityType.EMAIL_ADDRESS).sendingEnabled(i.verified())
                .verificationStatus(v2Status(i.status)).build())
                .filter(i -> !filter.containsKey("IDENTITY_NAME_CONTAINS") || i.identityName().contains(filter.get("IDENTITY_NAME_CONTAINS")))
                .filter(i -> !filter.containsKey("IDENTITY_TYPE") || i.identityTypeAsString().equals(filter.get("IDENTITY_TYPE")))
                .filter(i -> !filter.containsKey("VERIFICATION_STATUS") || i.verificationStatusAsString().equals(filter.get("VERIFICATION_STATUS")))
                .toList();
        Paging.Page<IdentityInfo> page = Paging.page(all, nextToken, pageSize, 100);
        return ListEmailIdentitiesResponse.builder().emailIdentities(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteEmailIdentityResponse deleteEmailIdentity(RequestContext ctx, DeleteEmailIdentityRequest r) {
        if (!rt.identities().delete(scope(ctx), r.emailIdentity())) {
            throw SesException.notFound("InvalidParameterValue", "Email identity " + r.emailIdentity() + " does not exist.");
        }
        return DeleteEmailIdentityResponse.builder().build();
    }

    public PutEmailIdentityDkimAttributesResponse putEmailIdentityDkimAttributes(RequestContext ctx, PutEmailIdentityDkimAttributesRequest r) {
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> {
            if (Boolean.TRUE.equals(r.signingEnabled()) && i.isDomain() && i.dkimTokens.isEmpty()) {
                throw SesException.invalid("DKIM is not set up for " + i.name + ".");
            }
            i.dkimEnabled = Boolean.TRUE.equals(r.signingEnabled());
        });
        return PutEmailIdentityDkimAttributesResponse.builder().build();
    }

    public PutEmailIdentityDkimSigningAttributesResponse putEmailIdentityDkimSigningAttributes(RequestContext ctx,
                                                                                              PutEmailIdentityDkimSigningAttributesRequest r) {
        Scope s = scope(ctx);
        rt.identities().require(s, r.emailIdentity());
        DkimSigningAttributes d = r.signingAttributes();
        boolean external = "EXTERNAL".equals(r.signingAttributesOriginAsString());
        if (external && (d == null || d.domainSigningPrivateKey() == null || d.domainSigningSelector() == null)) {
            throw SesException.invalid("DomainSigningSelector and DomainSigningPrivateKey are required for EXTERNAL signing.");
        }
        if (!external) {
            rt.identities().update(s, r.emailIdentity(), i -> {
                i.dkimOrigin = "AWS_SES";
                i.dkimPrivateKey = null;
                i.dkimTokens = new ArrayList<>();
            });
        }
        Identity i = rt.identities().verifyDomain(s, r.emailIdentity(), false, !external, external ? d.domainSigningSelector() : null,
                external ? d.domainSigningPrivateKey() : null, d == null ? null : d.nextSigningKeyLengthAsString());
        return PutEmailIdentityDkimSigningAttributesResponse.builder().dkimStatus(v2Status(i.dkimStatus)).dkimTokens(i.dkimTokens).build();
    }

    public PutEmailIdentityMailFromAttributesResponse putEmailIdentityMailFromAttributes(RequestContext ctx,
                                                                                        PutEmailIdentityMailFromAttributesRequest r) {
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> {
            i.mailFromDomain = r.mailFromDomain();
            if (r.behaviorOnMxFailureAsString() != null) {
                i.mailFromBehavior = r.behaviorOnMxFailureAsString().equals("REJECT_MESSAGE") ? "RejectMessage" : "UseDefaultValue";
            }
        });
        return PutEmailIdentityMailFromAttributesResponse.builder().build();
    }

    public PutEmailIdentityFeedbackAttributesResponse putEmailIdentityFeedbackAttributes(RequestContext ctx,
                                                                                        PutEmailIdentityFeedbackAttributesRequest r) {
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> i.feedbackForwarding = Boolean.TRUE.equals(r.emailForwardingEnabled()));
        return PutEmailIdentityFeedbackAttributesResponse.builder().build();
    }

    public PutEmailIdentityConfigurationSetAttributesResponse putEmailIdentityConfigurationSetAttributes(
            RequestContext ctx, PutEmailIdentityConfigurationSetAttributesRequest r) {
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> i.configurationSet = r.configurationSetName());
        return PutEmailIdentityConfigurationSetAttributesResponse.builder().build();
    }

    public CreateEmailIdentityPolicyResponse createEmailIdentityPolicy(RequestContext ctx, CreateEmailIdentityPolicyRequest r) {
        SesV1Provider.checkPolicy(r.policy());
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> {
            if (i.policies.containsKey(r.policyName())) {
                throw SesException.exists("AlreadyExistsException", "Policy " + r.policyName() + " already exists.");
            }
            i.policies.put(r.policyName(), r.policy());
        });
        return CreateEmailIdentityPolicyResponse.builder().build();
    }

    public UpdateEmailIdentityPolicyResponse updateEmailIdentityPolicy(RequestContext ctx, UpdateEmailIdentityPolicyRequest r) {
        SesV1Provider.checkPolicy(r.policy());
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> {
            if (!i.policies.containsKey(r.policyName())) {
                throw SesException.notFound("InvalidParameterValue", "Policy " + r.policyName() + " does not exist.");
            }
            i.policies.put(r.policyName(), r.policy());
        });
        return UpdateEmailIdentityPolicyResponse.builder().build();
    }

    public DeleteEmailIdentityPolicyResponse deleteEmailIdentityPolicy(RequestContext ctx, DeleteEmailIdentityPolicyRequest r) {
        rt.identities().update(scope(ctx), r.emailIdentity(), i -> i.policies.remove(r.policyName()));
        return DeleteEmailIdentityPolicyResponse.builder().build();
    }

    public GetEmailIdentityPoliciesResponse getEmailIdentityPolicies(RequestContext ctx, GetEmailIdentityPoliciesRequest r) {
        return GetEmailIdentityPoliciesResponse.builder().policies(rt.identities().require(scope(ctx), r.emailIdentity()).policies).build();
    }

    // ---- sending ----

    public SendEmailResponse sendEmail(RequestContext ctx, SendEmailRequest r) {
        return SendEmailResponse.builder().messageId(sending.sendEmail(ctx, r)).build();
    }

    public SendBulkEmailResponse sendBulkEmail(RequestContext ctx, SendBulkEmailRequest r) {
        return SendBulkEmailResponse.builder().bulkEmailEntryResults(sending.sendBulk(ctx, r)).build();
    }

    public SendCustomVerificationEmailResponse sendCustomVerificationEmail(RequestContext ctx, SendCustomVerificationEmailRequest r) {
        Scope s = scope(ctx);
        CustomTemplates.Custom c = rt.customTemplates().get(s, r.templateName());
        rt.identities().verifyEmail(s, r.emailAddress(), false, new EmailTemplate(c.name(), c.subject(), c.from(), c.content(), 0));
        return SendCustomVerificationEmailResponse.builder().messageId(io.haneul.ses.domain.EventJson.messageId(rt.clock().instant())).build();
    }

    // ---- templates ----

    private static EmailTemplate template(String name, EmailTemplateContent c) {
        if (c == null) {
            throw SesException.invalid("TemplateContent is required.");
        }
        return new EmailTemplate(name, c.subject(), c.text(), c.html(), 0);
    }

    public CreateEmailTemplateResponse createEmailTemplate(RequestContext ctx, CreateEmailTemplateRequest r) {
        rt.templates().create(scope(ctx), template(r.templateName(), r.templateContent()));
        return CreateEmailTemplateResponse.builder().build();
    }

    public UpdateEmailTemplateResponse updateEmailTemplate(RequestContext ctx, UpdateEmailTemplateRequest r) {
        rt.templates().update(scope(ctx), template(r.templateName(), r.templateContent()));
        return UpdateEmailTemplateResponse.builder().build();
    }

    public GetEmailTemplateResponse getEmailTemplate(RequestContext ctx, GetEmailTemplateRequest r) {
        EmailTemplate t = rt.templates().get(scope(ctx), r.templateName());
        return GetEmailTemplateResponse.builder().templateName(t.name)
                .templateContent(EmailTemplateContent.builder().subject(t.subject).text(t.text).html(t.html).build()).build();
    }

    public DeleteEmailTemplateResponse deleteEmailTemplate(RequestContext ctx, DeleteEmailTemplateRequest r) {
        Scope s = scope(ctx);
        rt.templates().get(s, r.templateName());
        rt.templates().delete(s, r.templateName());
        tags.drop(s, s.arn("template/" + r.templateName()));
        return DeleteEmailTemplateResponse.builder().build();
    }

    public ListEmailTemplatesResponse listEmailTemplates(RequestContext ctx, ListEmailTemplatesRequest r) {
        Paging.Page<EmailTemplate> page = Paging.page(rt.templates().list(scope(ctx)), r.nextToken(), r.pageSize(), 10);
        return ListEmailTemplatesResponse.builder().templatesMetadata(page.items().stream().map(t -> EmailTemplateMetadata.builder()
                .templateName(t.name).createdTimestamp(Instant.ofEpochMilli(t.createdMs)).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public TestRenderEmailTemplateResponse testRenderEmailTemplate(RequestContext ctx, TestRenderEmailTemplateRequest r) {
        EmailTemplate t = rt.templates().get(scope(ctx), r.templateName());
        return TestRenderEmailTemplateResponse.builder().renderedTemplate(rt.templates().testRender(t, r.templateData())).build();
    }

    // ---- custom verification templates ----

    public CreateCustomVerificationEmailTemplateResponse createCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              CreateCustomVerificationEmailTemplateRequest r) {
        rt.customTemplates().create(scope(ctx), r.templateName(), r.fromEmailAddress(), r.templateSubject(), r.templateContent(),
                r.successRedirectionURL(), r.failureRedirectionURL(), false);
        return CreateCustomVerificationEmailTemplateResponse.builder().build();
    }

    public UpdateCustomVerificationEmailTemplateResponse updateCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              UpdateCustomVerificationEmailTemplateRequest r) {
        rt.customTemplates().create(scope(ctx), r.templateName(), r.fromEmailAddress(), r.templateSubject(), r.templateContent(),
                r.successRedirectionURL(), r.failureRedirectionURL(), true);
        return UpdateCustomVerificationEmailTemplateResponse.builder().build();
    }

    public GetCustomVerificationEmailTemplateResponse getCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                        GetCustomVerificationEmailTemplateRequest r) {
        CustomTemplates.Custom c = rt.customTemplates().get(scope(ctx), r.templateName());
        return GetCustomVerificationEmailTemplateResponse.builder().templateName(c.name()).fromEmailAddress(c.from())
                .templateSubject(c.subject()).templateContent(c.content()).successRedirectionURL(c.success())
                .failureRedirectionURL(c.failure()).build();
    }

    public DeleteCustomVerificationEmailTemplateResponse deleteCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              DeleteCustomVerificationEmailTemplateRequest r) {
        rt.customTemplates().delete(scope(ctx), r.templateName());
        return DeleteCustomVerificationEmailTemplateResponse.builder().build();
    }

    public ListCustomVerificationEmailTemplatesResponse listCustomVerificationEmailTemplates(RequestContext ctx,
                                                                                            ListCustomVerificationEmailTemplatesRequest r) {
        Paging.Page<CustomTemplates.Custom> page = Paging.page(rt.customTemplates().list(scope(ctx)), r.nextToken(), r.pageSize(), 50);
        return ListCustomVerificationEmailTemplatesResponse.builder().customVerificationEmailTemplates(page.items().stream()
                .map(c -> CustomVerificationEmailTemplateMetadata.builder().templateName(c.name()).fromEmailAddress(c.from())
                        .templateSubject(c.subject()).successRedirectionURL(c.success()).failureRedirectionURL(c.failure()).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    // ---- configuration sets ----

    public CreateConfigurationSetResponse createConfigurationSet(RequestContext ctx, CreateConfigurationSetRequest r) {
        Scope s = scope(ctx);
        ConfigSet cs = V1Mapping.configSet(r.configurationSetName());
        if (r.trackingOptions() != null) {
            cs.trackingSet = true;
            cs.trackingDomain = r.trackingOptions().customRedirectDomain();
            cs.httpsPolicy = r.trackingOptions().httpsPolicyAsString();
        }
        if (r.deliveryOptions() != null) {
            cs.tlsPolicy = r.deliveryOptions().tlsPolicyAsString() == null ? "OPTIONAL" : r.deliveryOptions().tlsPolicyAsString();
            cs.sendingPoolName = r.deliveryOptions().sendingPoolName();
            cs.maxDeliverySeconds = r.deliveryOptions().maxDeliverySeconds();
        }
        if (r.reputationOptions() != null) {
            cs.reputationMetricsEnabled = Boolean.TRUE.equals(r.reputationOptions().reputationMetricsEnabled());
        }
        if (r.sendingOptions() != null && r.sendingOptions().sendingEnabled() != null) {
            cs.sendingEnabled = r.sendingOptions().sendingEnabled();
        }
        if (r.suppressionOptions() != null) {
            cs.suppressedReasons = new ArrayList<>(r.suppressionOptions().suppressedReasonsAsStrings());
        }
        rt.configSets().create(s, cs);
        putTags(s, s.arn("configuration-set/" + cs.name), r.tags());
        return CreateConfigurationSetResponse.builder().build();
    }

    public GetConfigurationSetResponse getConfigurationSet(RequestContext ctx, GetConfigurationSetRequest r) {
        Scope s = scope(ctx);
        ConfigSet cs = rt.configSets().get(s, r.configurationSetName());
        GetConfigurationSetResponse.Builder b = GetConfigurationSetResponse.builder().configurationSetName(cs.name)
                .deliveryOptions(DeliveryOptions.builder().tlsPolicy(cs.tlsPolicy).sendingPoolName(cs.sendingPoolName)
                        .maxDeliverySeconds(cs.maxDeliverySeconds).build())
                .reputationOptions(ReputationOptions.builder().reputationMetricsEnabled(cs.reputationMetricsEnabled)
                        .lastFreshStart(cs.lastFreshStartMs == null ? null : Instant.ofEpochMilli(cs.lastFreshStartMs)).build())
                .sendingOptions(SendingOptions.builder().sendingEnabled(cs.sendingEnabled).build())
                .tags(tagList(tagsOf(s, s.arn("configuration-set/" + cs.name))));
        if (cs.trackingSet) {
            b.trackingOptions(TrackingOptions.builder().customRedirectDomain(cs.trackingDomain).httpsPolicy(cs.httpsPolicy).build());
        }
        if (cs.suppressedReasons != null) {
            b.suppressionOptions(SuppressionOptions.builder().suppressedReasonsWithStrings(cs.suppressedReasons).build());
        }
        return b.build();
    }

    public ListConfigurationSetsResponse listConfigurationSets(RequestContext ctx, ListConfigurationSetsRequest r) {
        return listConfigurationSets(ctx, r.nextToken(), r.pageSize(), Map.of());
    }

    /** One page of configuration set names, narrowed by newer SDKs' {@code Filter} (CONFIGURATION_SET_NAME_CONTAINS). */
    ListConfigurationSetsResponse listConfigurationSets(RequestContext ctx, String nextToken, Integer pageSize, Map<String, String> filter) {
        String contains = filter.get("CONFIGURATION_SET_NAME_CONTAINS");
        List<String> names = rt.configSets().list(scope(ctx)).stream().map(c -> c.name)
                .filter(n -> contains == null || n.contains(contains)).toList();
        Paging.Page<String> page = Paging.page(names, nextToken, pageSize, 100);
        return ListConfigurationSetsResponse.builder().configurationSets(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteConfigurationSetResponse deleteConfigurationSet(RequestContext ctx, DeleteConfigurationSetRequest r) {
        rt.configSets().delete(scope(ctx), r.configurationSetName());
        return DeleteConfigurationSetResponse.builder().build();
    }

    private static io.haneul.ses.domain.EventDestination destination(String name, EventDestinationDefinition e) {
        if (e == null) {
            throw SesException.invalid("EventDestination is required.");
        }
        io.haneul.ses.domain.EventDestination d = new io.haneul.ses.domain.EventDestination();
        d.name = name;
        d.enabled = Boolean.TRUE.equals(e.enabled());
        d.types = new ArrayList<>(e.matchingEventTypesAsStrings().stream().map(io.haneul.ses.domain.EventDestination::fromV2).toList());
        if (e.snsDestination() != null) {
            d.snsTopicArn = e.snsDestination().topicArn();
        }
        if (e.kinesisFirehoseDestination() != null) {
            d.firehoseRoleArn = e.kinesisFirehoseDestination().iamRoleArn();
            d.firehoseStreamArn = e.kinesisFirehoseDestination().deliveryStreamArn();
        }
        if (e.cloudWatchDestination() != null) {
            d.cloudWatchDimensions = new ArrayList<>();
            for (CloudWatchDimensionConfiguration c : e.cloudWatchDestination().dimensionConfigurations()) {
                d.addCloudWatchDimension(c.dimensionName(), c.dimensionValueSourceAsString(), c.defaultDimensionValue());
            }
        }
        if (e.eventBridgeDestination() != null) {
            d.eventBridgeBusArn = e.eventBridgeDestination().eventBusArn();
        }
        if (e.pinpointDestination() != null) {
            d.pinpointAppArn = e.pinpointDestination().applicationArn();
        }
        return d;
    }

    private static EventDestination destination(io.haneul.ses.domain.EventDestination d) {
        EventDestination.Builder b = EventDestination.builder().name(d.name).enabled(d.enabled)
                .matchingEventTypesWithStrings(d.types.stream().map(io.haneul.ses.domain.EventDestination::toV2).toList());
        if (d.snsTopicArn != null) {
            b.snsDestination(SnsDestination.builder().topicArn(d.snsTopicArn).build());
        }
        if (d.firehoseStreamArn != null) {
            b.kinesisFirehoseDestination(KinesisFirehoseDestination.builder().iamRoleArn(d.firehoseRoleArn)
                    .deliveryStreamArn(d.firehoseStreamArn).build());
        }
        if (d.cloudWatchDimensions != null) {
            b.cloudWatchDestination(CloudWatchDestination.builder().dimensionConfigurations(d.cloudWatchDimensions.stream()
                    .map(m -> CloudWatchDimensionConfiguration.builder().dimensionName(m.get("name")).dimensionValueSource(m.get("source"))
                            .defaultDimensionValue(m.get("default")).build()).toList()).build());
        }
        if (d.eventBridgeBusArn != null) {
            b.eventBridgeDestination(EventBridgeDestination.builder().eventBusArn(d.eventBridgeBusArn).build());
        }
        if (d.pinpointAppArn != null) {
            b.pinpointDestination(PinpointDestination.builder().applicationArn(d.pinpointAppArn).build());
        }
        return b.build();
    }

    public CreateConfigurationSetEventDestinationResponse createConfigurationSetEventDestination(RequestContext ctx,
                                                                                                CreateConfigurationSetEventDestinationRequest r) {
        rt.configSets().addDestination(scope(ctx), r.configurationSetName(), destination(r.eventDestinationName(), r.eventDestination()));
        return CreateConfigurationSetEventDestinationResponse.builder().build();
    }

    public UpdateConfigurationSetEventDestinationResponse updateConfigurationSetEventDestination(RequestContext ctx,
                                                                                                UpdateConfigurationSetEventDestinationRequest r) {
        rt.configSets().updateDestination(scope(ctx), r.configurationSetName(), destination(r.eventDestinationName(), r.eventDestination()));
        return UpdateConfigurationSetEventDestinationResponse.builder().build();
    }

    public DeleteConfigurationSetEventDestinationResponse deleteConfigurationSetEventDestination(RequestContext ctx,
                                                                                                DeleteConfigurationSetEventDestinationRequest r) {
        rt.configSets().deleteDestination(scope(ctx), r.configurationSetName(), r.eventDestinationName());
        return DeleteConfigurationSetEventDestinationResponse.builder().build();
    }

    public GetConfigurationSetEventDestinationsResponse getConfigurationSetEventDestinations(RequestContext ctx,
                                                                                            GetConfigurationSetEventDestinationsRequest r) {
        return GetConfigurationSetEventDestinationsResponse.builder().eventDestinations(rt.configSets().get(scope(ctx),
                r.configurationSetName()).destinations.stream().map(SesV2Provider::destination).toList()).build();
    }

    public PutConfigurationSetTrackingOptionsResponse putConfigurationSetTrackingOptions(RequestContext ctx,
                                                                                        PutConfigurationSetTrackingOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            cs.trackingSet = true;
            cs.trackingDomain = r.customRedirectDomain();
            cs.httpsPolicy = r.httpsPolicyAsString();
        });
        return PutConfigurationSetTrackingOptionsResponse.builder().build();
    }

    public PutConfigurationSetDeliveryOptionsResponse putConfigurationSetDeliveryOptions(RequestContext ctx,
                                                                                        PutConfigurationSetDeliveryOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            cs.tlsPolicy = r.tlsPolicyAsString() == null ? "OPTIONAL" : r.tlsPolicyAsString();
            cs.sendingPoolName = r.sendingPoolName();
            cs.maxDeliverySeconds = r.maxDeliverySeconds();
            cs.deliveryOptionsCleared = false;
        });
        return PutConfigurationSetDeliveryOptionsResponse.builder().build();
    }

    public PutConfigurationSetReputationOptionsResponse putConfigurationSetReputationOptions(RequestContext ctx,
                                                                                            PutConfigurationSetReputationOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.reputationMetricsEnabled = Boolean.TRUE.equals(r.reputationMetricsEnabled()));
        return PutConfigurationSetReputationOptionsResponse.builder().build();
    }

    public PutConfigurationSetSendingOptionsResponse putConfigurationSetSendingOptions(RequestContext ctx,
                                                                                      PutConfigurationSetSendingOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.sendingEnabled = !Boolean.FALSE.equals(r.sendingEnabled()));
        return PutConfigurationSetSendingOptionsResponse.builder().build();
    }

    public PutConfigurationSetSuppressionOptionsResponse putConfigurationSetSuppressionOptions(RequestContext ctx,
                                                                                              PutConfigurationSetSuppressionOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.suppressedReasons = r.hasSuppressedReasons()
                ? new ArrayList<>(r.suppressedReasonsAsStrings()) : null);
        return PutConfigurationSetSuppressionOptionsResponse.builder().build();
    }

    // ---- suppression list ----

    public PutSuppressedDestinationResponse putSuppressedDestination(RequestContext ctx, PutSuppressedDestinationRequest r) {
        rt.accounts().suppress(scope(ctx), r.emailAddress(), r.reasonAsString());
        return PutSuppressedDestinationResponse.builder().build();
    }

    public GetSuppressedDestinationResponse getSuppressedDestination(RequestContext ctx, GetSuppressedDestinationRequest r) {
        Accounts.Suppressed x = rt.accounts().suppressed(scope(ctx), r.emailAddress());
        return GetSuppressedDestinationResponse.builder().suppressedDestination(SuppressedDestination.builder().emailAddress(x.email())
                .reason(x.reason()).lastUpdateTime(Instant.ofEpochMilli(x.lastUpdateMs()))
                .attributes(x.messageId() == null ? null : SuppressedDestinationAttributes.builder().messageId(x.messageId()).build())
                .build()).build();
    }

    public DeleteSuppressedDestinationResponse deleteSuppressedDestination(RequestContext ctx, DeleteSuppressedDestinationRequest r) {
        rt.accounts().unsuppress(scope(ctx), r.emailAddress());
        return DeleteSuppressedDestinationResponse.builder().build();
    }

    public ListSuppressedDestinationsResponse listSuppressedDestinations(RequestContext ctx, ListSuppressedDestinationsRequest r) {
        List<Accounts.Suppressed> all = rt.accounts().suppressedList(scope(ctx), r.reasonsAsStrings(),
                r.startDate() == null ? null : r.startDate().toEpochMilli(), r.endDate() == null ? null : r.endDate().toEpochMilli());
        Paging.Page<Accounts.Suppressed> page = Paging.page(all, r.nextToken(), r.pageSize(), 1000);
        return ListSuppressedDestinationsResponse.builder().suppressedDestinationSummaries(page.items().stream()
                .map(x -> SuppressedDestinationSummary.builder().emailAddress(x.email()).reason(x.reason())
                        .lastUpdateTime(Instant.ofEpochMilli(x.lastUpdateMs())).build()).toList()).nextToken(page.nextToken()).build();
    }

    public PutAccountSuppressionAttributesResponse putAccountSuppressionAttributes(RequestContext ctx, PutAccountSuppressionAttributesRequest r) {
        rt.accounts().update(scope(ctx), a -> a.suppressedReasons = new ArrayList<>(r.suppressedReasonsAsStrings()));
        return PutAccountSuppressionAttributesResponse.builder().build();
    }

    // ---- account ----

    /** The SDK's GetAccountResponse with the pricing attributes it lacks ({@link AccountPricingApi}). */
    public ExtendedResponse getAccount(RequestContext ctx, GetAccountRequest r) {
        Scope s = scope(ctx);
        AccountSettings a = rt.accounts().settings(s);
        Accounts.Quota q = rt.accounts().quota(s);
        GetAccountResponse.Builder b = GetAccountResponse.builder().dedicatedIpAutoWarmupEnabled(a.dedicatedIpAutoWarmup)
                .enforcementStatus("HEALTHY").productionAccessEnabled(!rt.accounts().sandbox(s))
                .sendQuota(SendQuota.builder().max24HourSend(q.max24HourSend()).maxSendRate(q.maxSendRate())
                        .sentLast24Hours(q.sentLast24Hours()).build())
                .sendingEnabled(a.sendingEnabled)
                .suppressionAttributes(SuppressionAttributes.builder().suppressedReasonsWithStrings(a.suppressedReasons).build());
        if (!a.details.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> extra = (List<String>) a.details.getOrDefault("additionalContactEmailAddresses", List.of());
            b.details(AccountDetails.builder().mailType((String) a.details.get("mailType")).websiteURL((String) a.details.get("websiteURL"))
                    .contactLanguage((String) a.details.get("contactLanguage")).useCaseDescription((String) a.details.get("useCaseDescription"))
                    .additionalContactEmailAddresses(extra).build());
        }
        if (!a.vdm.isEmpty()) {
            VdmAttributes.Builder v = VdmAttributes.builder().vdmEnabled((String) a.vdm.get("enabled"));
            if (a.vdm.get("engagementMetrics") != null) {
                v.dashboardAttributes(d -> d.engagementMetrics((String) a.vdm.get("engagementMetrics")));
            }
            if (a.vdm.get("optimizedSharedDelivery") != null) {
                v.guardianAttributes(g -> g.optimizedSharedDelivery((String) a.vdm.get("optimizedSharedDelivery")));
            }
            b.vdmAttributes(v.build());
        }
        return new ExtendedResponse(b.build(), pricing.pricingAttributes(a));
    }

    public PutAccountSendingAttributesResponse putAccountSendingAttributes(RequestContext ctx, PutAccountSendingAttributesRequest r) {
        rt.accounts().update(scope(ctx), a -> a.sendingEnabled = !Boolean.FALSE.equals(r.sendingEnabled()));
        return PutAccountSendingAttributesResponse.builder().build();
    }

    public PutAccountDetailsResponse putAccountDetails(RequestContext ctx, PutAccountDetailsRequest r) {
        rt.accounts().update(scope(ctx), a -> {
            a.details.put("mailType", r.mailTypeAsString());
            a.details.put("websiteURL", r.websiteURL());
            a.details.put("contactLanguage", r.contactLanguageAsString());
            a.details.put("useCaseDescription", r.useCaseDescription());
            a.details.put("additionalContactEmailAddresses", r.additionalContactEmailAddresses());
            if (r.productionAccessEnabled() != null) {
                a.productionAccess = r.productionAccessEnabled();
            }
        });
        return PutAccountDetailsResponse.builder().build();
    }

    public PutAccountDedicatedIpWarmupAttributesResponse putAccountDedicatedIpWarmupAttributes(RequestContext ctx,
                                                                                              PutAccountDedicatedIpWarmupAttributesRequest r) {
        rt.accounts().update(scope(ctx), a -> a.dedicatedIpAutoWarmup = Boolean.TRUE.equals(r.autoWarmupEnabled()));
        return PutAccountDedicatedIpWarmupAttributesResponse.builder().build();
    }

    // ---- contact lists ----

    private static List<Contacts.Topic> topics(List<Topic> topics) {
        return topics.stream().map(t -> new Contacts.Topic(t.topicName(), t.displayName(), t.description(),
                t.defaultSubscriptionStatusAsString())).toList();
    }

    private static List<Topic> topicsOut(List<Contacts.Topic> topics) {
        return topics.stream().map(t -> Topic.builder().topicName(t.name()).displayName(t.displayName()).description(t.description())
                .defaultSubscriptionStatus(t.defaultStatus()).build()).toList();
    }

    public CreateContactListResponse createContactList(RequestContext ctx, CreateContactListRequest r) {
        Scope s = scope(ctx);
        Contacts.ContactList l = new Contacts.ContactList();
        l.name = r.contactListName();
        l.description = r.description();
        l.topics = new ArrayList<>(topics(r.topics()));
        rt.contacts().createList(s, l);
        putTags(s, s.arn("contact-list/" + l.name), r.tags());
        return CreateContactListResponse.builder().build();
    }

    public GetContactListResponse getContactList(RequestContext ctx, GetContactListRequest r) {
        Scope s = scope(ctx);
        Contacts.ContactList l = rt.contacts().requireList(s, r.contactListName());
        return GetContactListResponse.builder().contactListName(l.name).description(l.description).topics(topicsOut(l.topics))
                .createdTimestamp(Instant.ofEpochMilli(l.createdMs)).lastUpdatedTimestamp(Instant.ofEpochMilli(l.updatedMs))
                .tags(tagList(tagsOf(s, s.arn("contact-list/" + l.name)))).build();
    }

    public ListContactListsResponse listContactLists(RequestContext ctx, ListContactListsRequest r) {
        Paging.Page<Contacts.ContactList> page = Paging.page(rt.contacts().lists(scope(ctx)), r.nextToken(), r.pageSize(), 100);
        return ListContactListsResponse.builder().contactLists(page.items().stream().map(l -> ContactList.builder()
                .contactListName(l.name).lastUpdatedTimestamp(Instant.ofEpochMilli(l.updatedMs)).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public UpdateContactListResponse updateContactList(RequestContext ctx, UpdateContactListRequest r) {
        rt.contacts().updateList(scope(ctx), r.contactListName(), r.description(), r.hasTopics() ? topics(r.topics()) : null);
        return UpdateContactListResponse.builder().build();
    }

    public DeleteContactListResponse deleteContactList(RequestContext ctx, DeleteContactListRequest r) {
        rt.contacts().deleteList(scope(ctx), r.contactListName());
        return DeleteContactListResponse.builder().build();
    }

    private static Contacts.Contact contact(String list, String email, List<TopicPreference> prefs, Boolean unsubscribeAll, String attrs) {
        Contacts.Contact c = new Contacts.Contact();
        c.list = list;
        c.email = email;
        prefs.forEach(p -> c.preferences.put(p.topicName(), p.subscriptionStatusAsString()));
        c.unsubscribeAll = Boolean.TRUE.equals(unsubscribeAll);
        c.attributes = attrs;
        return c;
    }

    private static List<TopicPreference> prefs(Map<String, String> m) {
        return m.entrySet().stream().map(e -> TopicPreference.builder().topicName(e.getKey()).subscriptionStatus(e.getValue()).build())
                .toList();
    }

    private static List<TopicPreference> defaults(Contacts.ContactList l) {
        return l.topics.stream().map(t -> TopicPreference.builder().topicName(t.name()).subscriptionStatus(t.defaultStatus()).build())
                .toList();
    }

    public CreateContactResponse createContact(RequestContext ctx, CreateContactRequest r) {
        if (!Addresses.valid(Addresses.bare(r.emailAddress()))) {
            throw SesException.invalid("Invalid email address " + r.emailAddress() + ".");
        }
        rt.contacts().createContact(scope(ctx), contact(r.contactListName(), r.emailAddress(), r.topicPreferences(), r.unsubscribeAll(),
                r.attributesData()));
        return CreateContactResponse.builder().build();
    }

    public GetContactResponse getContact(RequestContext ctx, GetContactRequest r) {
        Scope s = scope(ctx);
        Contacts.ContactList l = rt.contacts().requireList(s, r.contactListName());
        Contacts.Contact c = rt.contacts().contact(s, r.contactListName(), r.emailAddress());
        return GetContactResponse.builder().contactListName(c.list).emailAddress(c.email).topicPreferences(prefs(c.preferences))
                .topicDefaultPreferences(defaults(l)).unsubscribeAll(c.unsubscribeAll).attributesData(c.attributes)
                .createdTimestamp(Instant.ofEpochMilli(c.createdMs)).lastUpdatedTimestamp(Instant.ofEpochMilli(c.updatedMs)).build();
    }

    public ListContactsResponse listContacts(RequestContext ctx, ListContactsRequest r) {
        Scope s = scope(ctx);
        Contacts.ContactList l = rt.contacts().requireList(s, r.contactListName());
        List<Contacts.Contact> all = rt.contacts().contacts(s, r.contactListName());
        if (r.filter() != null && r.filter().filteredStatusAsString() != null) {
            String status = r.filter().filteredStatusAsString();
            String topic = r.filter().topicFilter() == null ? null : r.filter().topicFilter().topicName();
            all = all.stream().filter(c -> topic == null ? (status.equals("OPT_OUT") == c.unsubscribeAll)
                    : status.equals(c.preferences.getOrDefault(topic, l.topics.stream().filter(t -> t.name().equals(topic))
                    .map(Contacts.Topic::defaultStatus).findFirst().orElse("OPT_OUT")))).toList();
        }
        Paging.Page<Contacts.Contact> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListContactsResponse.builder().contacts(page.items().stream().map(c -> Contact.builder().emailAddress(c.email)
                .topicPreferences(prefs(c.preferences)).topicDefaultPreferences(defaults(l)).unsubscribeAll(c.unsubscribeAll)
                .lastUpdatedTimestamp(Instant.ofEpochMilli(c.updatedMs)).build()).toList()).nextToken(page.nextToken()).build();
    }

    public UpdateContactResponse updateContact(RequestContext ctx, UpdateContactRequest r) {
        rt.contacts().updateContact(scope(ctx), contact(r.contactListName(), r.emailAddress(), r.topicPreferences(), r.unsubscribeAll(),
                r.attributesData()), r.unsubscribeAll() != null);
        return UpdateContactResponse.builder().build();
    }

    public DeleteContactResponse deleteContact(RequestContext ctx, DeleteContactRequest r) {
        rt.contacts().deleteContact(scope(ctx), r.contactListName(), r.emailAddress());
        return DeleteContactResponse.builder().build();
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
