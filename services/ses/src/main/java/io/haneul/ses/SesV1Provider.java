package io.haneul.ses;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.Identity;
import io.haneul.ses.domain.ReceiptRuleSet;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.store.SesStore;
import software.amazon.awssdk.services.ses.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SES v1 (query protocol, 2010-12-01): identities and DKIM, sending (simple, raw, templated,
 * bulk), templates, configuration sets, receipt rules, quota and statistics. Thin: it maps the
 * SDK's classes onto the shared {@link SesRuntime}.
 */
public final class SesV1Provider implements ErrorTranslator, SesRuntimeHolder, AutoCloseable {

    private final SesRuntime rt;
    private final V1Sending sending;

    SesV1Provider(SesRuntime rt) {
        this.rt = rt;
        this.sending = new V1Sending(rt);
    }

    @Override
    public SesRuntime runtime() {
        return rt;
    }

    @Override
    public void close() {
        rt.close();
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof SesException s ? SesErrors.v1(s) : null;
    }

    private static Scope scope(RequestContext ctx) {
        return Scope.of(ctx);
    }

    // ---- identities ----

    public VerifyEmailIdentityResponse verifyEmailIdentity(RequestContext ctx, VerifyEmailIdentityRequest r) {
        rt.identities().verifyEmail(scope(ctx), r.emailAddress(), false);
        return VerifyEmailIdentityResponse.builder().build();
    }

    public VerifyEmailAddressResponse verifyEmailAddress(RequestContext ctx, VerifyEmailAddressRequest r) {
        rt.identities().verifyEmail(scope(ctx), r.emailAddress(), false);
        return VerifyEmailAddressResponse.builder().build();
    }

    public VerifyDomainIdentityResponse verifyDomainIdentity(RequestContext ctx, VerifyDomainIdentityRequest r) {
        Identity i = rt.identities().verifyDomain(scope(ctx), r.domain(), false, false, null, null, null);
        return VerifyDomainIdentityResponse.builder().verificationToken(i.verificationToken).build();
    }

    public VerifyDomainDkimResponse verifyDomainDkim(RequestContext ctx, VerifyDomainDkimRequest r) {
        return VerifyDomainDkimResponse.builder().dkimTokens(rt.identities().verifyDomainDkim(scope(ctx), r.domain())).build();
    }

    public ListIdentitiesResponse listIdentities(RequestContext ctx, ListIdentitiesRequest r) {
        String type = r.identityTypeAsString();
        List<String> names = rt.identities().list(scope(ctx)).stream().filter(i -> type == null || type.equals(i.type))
                .map(i -> i.name).toList();
        Paging.Page<String> page = Paging.page(names, r.nextToken(), r.maxItems(), 1000);
        return ListIdentitiesResponse.builder().identities(page.items()).nextToken(page.nextToken()).build();
    }

    public ListVerifiedEmailAddressesResponse listVerifiedEmailAddresses(RequestContext ctx, ListVerifiedEmailAddressesRequest r) {
        return ListVerifiedEmailAddressesResponse.builder().verifiedEmailAddresses(rt.identities().list(scope(ctx)).stream()
                .filter(i -> !i.isDomain() && i.verified()).map(i -> i.name).toList()).build();
    }

    public DeleteIdentityResponse deleteIdentity(RequestContext ctx, DeleteIdentityRequest r) {
        rt.identities().delete(scope(ctx), r.identity());
        return DeleteIdentityResponse.builder().build();
    }

    public DeleteVerifiedEmailAddressResponse deleteVerifiedEmailAddress(RequestContext ctx, DeleteVerifiedEmailAddressRequest r) {
        rt.identities().delete(scope(ctx), r.emailAddress());
        return DeleteVerifiedEmailAddressResponse.builder().build();
    }

    public GetIdentityVerificationAttributesResponse getIdentityVerificationAttributes(RequestContext ctx,
                                                                                      GetIdentityVerificationAttributesRequest r) {
        Map<String, IdentityVerificationAttributes> out = new LinkedHashMap<>();
        rt.identities().byName(scope(ctx), r.identities()).forEach((name, i) -> out.put(name, IdentityVerificationAttributes.builder()
                .verificationStatus(i.status).verificationToken(i.verificationToken).build()));
        return GetIdentityVerificationAttributesResponse.builder().verificationAttributes(out).build();
    }

    public GetIdentityDkimAttributesResponse getIdentityDkimAttributes(RequestContext ctx, GetIdentityDkimAttributesRequest r) {
        Map<String, IdentityDkimAttributes> out = new LinkedHashMap<>();
        Scope s = scope(ctx);
        for (String name : r.identities()) {
            Identity i = rt.identities().find(s, name).orElse(null);
            if (i == null) {
                continue;
            }
            Identity domain = i.isDomain() ? i : rt.identities().find(s, Addresses.domain(i.name)).orElse(null);
            IdentityDkimAttributes.Builder b = IdentityDkimAttributes.builder()
                    .dkimEnabled(domain != null && domain.dkimEnabled)
                    .dkimVerificationStatus(domain == null ? "NotStarted" : domain.dkimStatus);
            if (i.isDomain() && !i.dkimTokens.isEmpty()) {
                b.dkimTokens(i.dkimTokens);
            }
            out.put(name, b.build());
        }
        return GetIdentityDkimAttributesResponse.builder().dkimAttributes(out).build();
    }

    public SetIdentityDkimEnabledResponse setIdentityDkimEnabled(RequestContext ctx, SetIdentityDkimEnabledRequest r) {
        Scope s = scope(ctx);
        Identity i = rt.identities().require(s, r.identity());
        if (!i.isDomain() && Boolean.TRUE.equals(r.dkimEnabled())) {
            Identity d = rt.identities().find(s, Addresses.domain(i.name)).orElse(null);
            if (d == null || d.dkimTokens.isEmpty()) {
                throw SesException.invalid("Domain " + Addresses.domain(i.name) + " is not verified for DKIM signing.");
            }
            return SetIdentityDkimEnabledResponse.builder().build();
        }
        if (i.isDomain() && Boolean.TRUE.equals(r.dkimEnabled()) && i.dkimTokens.isEmpty()) {
            throw SesException.invalid("Domain " + i.name + " is not verified for DKIM signing.");
        }
        rt.identities().update(s, r.identity(), x -> x.dkimEnabled = Boolean.TRUE.equals(r.dkimEnabled()));
        return SetIdentityDkimEnabledResponse.builder().build();
    }

    public GetIdentityMailFromDomainAttributesResponse getIdentityMailFromDomainAttributes(RequestContext ctx,
                                                                                          GetIdentityMailFromDomainAttributesRequest r) {
        Map<String, IdentityMailFromDomainAttributes> out = new LinkedHashMap<>();
        rt.identities().byName(scope(ctx), r.identities()).forEach((name, i) -> out.put(name, IdentityMailFromDomainAttributes.builder()
                .mailFromDomain(i.mailFromDomain == null ? "" : i.mailFromDomain)
                .mailFromDomainStatus(i.mailFromDomain == null ? "Failed" : "Success").behaviorOnMXFailure(i.mailFromBehavior).build()));
        return GetIdentityMailFromDomainAttributesResponse.builder().mailFromDomainAttributes(out).build();
    }

    public SetIdentityMailFromDomainResponse setIdentityMailFromDomain(RequestContext ctx, SetIdentityMailFromDomainRequest r) {
        rt.identities().update(scope(ctx), r.identity(), i -> {
            if (r.mailFromDomain() != null && !r.mailFromDomain().toLowerCase().endsWith("." + Addresses.domain(i.name))) {
                throw SesException.invalid("Provided MAIL-FROM domain '" + r.mailFromDomain() + "' is not subdomain of the domain of the identity '"
                        + i.name + "'.");
            }
            i.mailFromDomain = r.mailFromDomain();
            if (r.behaviorOnMXFailureAsString() != null) {
                i.mailFromBehavior = r.behaviorOnMXFailureAsString();
            }
        });
        return SetIdentityMailFromDomainResponse.builder().build();
    }

    public GetIdentityNotificationAttributesResponse getIdentityNotificationAttributes(RequestContext ctx,
                                                                                      GetIdentityNotificationAttributesRequest r) {
        Map<String, IdentityNotificationAttributes> out = new LinkedHashMap<>();
        rt.identities().byName(scope(ctx), r.identities()).forEach((name, i) -> out.put(name, IdentityNotificationAttributes.builder()
                .bounceTopic(i.topics.get("Bounce")).complaintTopic(i.topics.get("Complaint")).deliveryTopic(i.topics.get("Delivery"))
                .forwardingEnabled(i.feedbackForwarding)
                .headersInBounceNotificationsEnabled(Boolean.TRUE.equals(i.headersInNotifications.get("Bounce")))
                .headersInComplaintNotificationsEnabled(Boolean.TRUE.equals(i.headersInNotifications.get("Complaint")))
                .headersInDeliveryNotificationsEnabled(Boolean.TRUE.equals(i.headersInNotifications.get("Delivery"))).build()));
        return GetIdentityNotificationAttributesResponse.builder().notificationAttributes(out).build();
    }

    public SetIdentityNotificationTopicResponse setIdentityNotificationTopic(RequestContext ctx, SetIdentityNotificationTopicRequest r) {
        rt.identities().update(scope(ctx), r.identity(), i -> {
            if (r.snsTopic() == null || r.snsTopic().isEmpty()) {
                i.topics.remove(r.notificationTypeAsString());
            } else {
                i.topics.put(r.notificationTypeAsString(), r.snsTopic());
            }
        });
        return SetIdentityNotificationTopicResponse.builder().build();
    }

    public SetIdentityFeedbackForwardingEnabledResponse setIdentityFeedbackForwardingEnabled(RequestContext ctx,
                                                                                            SetIdentityFeedbackForwardingEnabledRequest r) {
        rt.identities().update(scope(ctx), r.identity(), i -> {
            if (!Boolean.TRUE.equals(r.forwardingEnabled()) && (!i.topics.containsKey("Bounce") || !i.topics.containsKey("Complaint"))) {
                throw SesException.invalid("Feedback forwarding cannot be disabled for identity " + i.name
                        + " unless Bounce and Complaint notification topics are set.");
            }
            i.feedbackForwarding = Boolean.TRUE.equals(r.forwardingEnabled());
        });
        return SetIdentityFeedbackForwardingEnabledResponse.builder().build();
    }

    public SetIdentityHeadersInNotificationsEnabledResponse setIdentityHeadersInNotificationsEnabled(RequestContext ctx,
                                                                                                    SetIdentityHeadersInNotificationsEnabledRequest r) {
        Scope s = scope(ctx);
        if (rt.identities().find(s, r.identity()).isEmpty()) {
            // SES answers an unknown identity here as a rejected message, not as a bad parameter
            throw SesException.rejected("Identity " + r.identity() + " is not verified or does not exist.");
        }
        rt.identities().update(s, r.identity(), i -> i.headersInNotifications.put(r.notificationTypeAsString(),
                Boolean.TRUE.equals(r.enabled())));
        return SetIdentityHeadersInNotificationsEnabledResponse.builder().build();
    }

    public PutIdentityPolicyResponse putIdentityPolicy(RequestContext ctx, PutIdentityPolicyRequest r) {
        checkPolicy(r.policy());
        rt.identities().update(scope(ctx), r.identity(), i -> i.policies.put(r.policyName(), r.policy()));
        return PutIdentityPolicyResponse.builder().build();
    }

    static void checkPolicy(String policy) {
        try {
            if (!Docs.JSON.readTree(policy).isObject()) {
                throw new SesException("InvalidPolicyException", "BadRequestException", "Policy is not a JSON object.");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SesException("InvalidPolicyException", "BadRequestException", "Policy is not valid JSON.");
        }
    }

    public DeleteIdentityPolicyResponse deleteIdentityPolicy(RequestContext ctx, DeleteIdentityPolicyRequest r) {
        rt.identities().update(scope(ctx), r.identity(), i -> i.policies.remove(r.policyName()));
        return DeleteIdentityPolicyResponse.builder().build();
    }

    public GetIdentityPoliciesResponse getIdentityPolicies(RequestContext ctx, GetIdentityPoliciesRequest r) {
        Identity i = rt.identities().require(scope(ctx), r.identity());
        Map<String, String> out = new LinkedHashMap<>();
        r.policyNames().forEach(n -> {
            if (i.policies.containsKey(n)) {
                out.put(n, i.policies.get(n));
            }
        });
        return GetIdentityPoliciesResponse.builder().policies(out).build();
    }

    public ListIdentityPoliciesResponse listIdentityPolicies(RequestContext ctx, ListIdentityPoliciesRequest r) {
        return ListIdentityPoliciesResponse.builder()
                .policyNames(new ArrayList<>(rt.identities().require(scope(ctx), r.identity()).policies.keySet())).build();
    }

    // ---- sending ----

    public SendEmailResponse sendEmail(RequestContext ctx, SendEmailRequest r) {
        return SendEmailResponse.builder().messageId(sending.sendEmail(ctx, r)).build();
    }

    public SendRawEmailResponse sendRawEmail(RequestContext ctx, SendRawEmailRequest r) {
        return SendRawEmailResponse.builder().messageId(sending.sendRawEmail(ctx, r)).build();
    }

    public SendTemplatedEmailResponse sendTemplatedEmail(RequestContext ctx, SendTemplatedEmailRequest r) {
        return SendTemplatedEmailResponse.builder().messageId(sending.sendTemplatedEmail(ctx, r)).build();
    }

    public SendBulkTemplatedEmailResponse sendBulkTemplatedEmail(RequestContext ctx, SendBulkTemplatedEmailRequest r) {
        return SendBulkTemplatedEmailResponse.builder().status(sending.sendBulk(ctx, r)).build();
    }

    public SendBounceResponse sendBounce(RequestContext ctx, SendBounceRequest r) {
        return SendBounceResponse.builder().messageId(sending.sendBounce(ctx, r)).build();
    }

    public SendCustomVerificationEmailResponse sendCustomVerificationEmail(RequestContext ctx, SendCustomVerificationEmailRequest r) {
        return SendCustomVerificationEmailResponse.builder()
                .messageId(sending.sendCustomVerification(ctx, r.emailAddress(), r.templateName())).build();
    }

    // ---- templates ----

    public CreateTemplateResponse createTemplate(RequestContext ctx, CreateTemplateRequest r) {
        rt.templates().create(scope(ctx), V1Mapping.template(r.template()));
        return CreateTemplateResponse.builder().build();
    }

    public UpdateTemplateResponse updateTemplate(RequestContext ctx, UpdateTemplateRequest r) {
        rt.templates().update(scope(ctx), V1Mapping.template(r.template()));
        return UpdateTemplateResponse.builder().build();
    }

    public GetTemplateResponse getTemplate(RequestContext ctx, GetTemplateRequest r) {
        return GetTemplateResponse.builder().template(V1Mapping.template(rt.templates().get(scope(ctx), r.templateName()))).build();
    }

    public DeleteTemplateResponse deleteTemplate(RequestContext ctx, DeleteTemplateRequest r) {
        rt.templates().delete(scope(ctx), r.templateName());
        return DeleteTemplateResponse.builder().build();
    }

    public ListTemplatesResponse listTemplates(RequestContext ctx, ListTemplatesRequest r) {
        Paging.Page<EmailTemplate> page = Paging.page(rt.templates().list(scope(ctx)), r.nextToken(), r.maxItems(), 100);
        return ListTemplatesResponse.builder().templatesMetadata(page.items().stream().map(t -> TemplateMetadata.builder().name(t.name)
                .createdTimestamp(Instant.ofEpochMilli(t.createdMs)).build()).toList()).nextToken(page.nextToken()).build();
    }

    public TestRenderTemplateResponse testRenderTemplate(RequestContext ctx, TestRenderTemplateRequest r) {
        EmailTemplate t = rt.templates().get(scope(ctx), r.templateName());
        return TestRenderTemplateResponse.builder().renderedTemplate(rt.templates().testRender(t, r.templateData())).build();
    }

    // ---- custom verification templates ----

    public CreateCustomVerificationEmailTemplateResponse createCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              CreateCustomVerificationEmailTemplateRequest r) {
        sending.customTemplates().create(scope(ctx), r.templateName(), r.fromEmailAddress(), r.templateSubject(), r.templateContent(),
                r.successRedirectionURL(), r.failureRedirectionURL(), false);
        return CreateCustomVerificationEmailTemplateResponse.builder().build();
    }

    public UpdateCustomVerificationEmailTemplateResponse updateCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              UpdateCustomVerificationEmailTemplateRequest r) {
        sending.customTemplates().create(scope(ctx), r.templateName(), r.fromEmailAddress(), r.templateSubject(), r.templateContent(),
                r.successRedirectionURL(), r.failureRedirectionURL(), true);
        return UpdateCustomVerificationEmailTemplateResponse.builder().build();
    }

    public GetCustomVerificationEmailTemplateResponse getCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                        GetCustomVerificationEmailTemplateRequest r) {
        CustomTemplates.Custom c = sending.customTemplates().get(scope(ctx), r.templateName());
        return GetCustomVerificationEmailTemplateResponse.builder().templateName(c.name()).fromEmailAddress(c.from())
                .templateSubject(c.subject()).templateContent(c.content()).successRedirectionURL(c.success())
                .failureRedirectionURL(c.failure()).build();
    }

    public DeleteCustomVerificationEmailTemplateResponse deleteCustomVerificationEmailTemplate(RequestContext ctx,
                                                                                              DeleteCustomVerificationEmailTemplateRequest r) {
        sending.customTemplates().delete(scope(ctx), r.templateName());
        return DeleteCustomVerificationEmailTemplateResponse.builder().build();
    }

    public ListCustomVerificationEmailTemplatesResponse listCustomVerificationEmailTemplates(RequestContext ctx,
                                                                                            ListCustomVerificationEmailTemplatesRequest r) {
        Paging.Page<CustomTemplates.Custom> page = Paging.page(sending.customTemplates().list(scope(ctx)), r.nextToken(), r.maxResults(), 50);
        return ListCustomVerificationEmailTemplatesResponse.builder().customVerificationEmailTemplates(page.items().stream()
                .map(c -> CustomVerificationEmailTemplate.builder().templateName(c.name()).fromEmailAddress(c.from())
                        .templateSubject(c.subject()).successRedirectionURL(c.success()).failureRedirectionURL(c.failure()).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    // ---- configuration sets ----

    public CreateConfigurationSetResponse createConfigurationSet(RequestContext ctx, CreateConfigurationSetRequest r) {
        if (r.configurationSet() == null) {
            throw SesException.invalid("ConfigurationSet is required.");
        }
        rt.configSets().create(scope(ctx), V1Mapping.configSet(r.configurationSet().name()));
        return CreateConfigurationSetResponse.builder().build();
    }

    public DeleteConfigurationSetResponse deleteConfigurationSet(RequestContext ctx, DeleteConfigurationSetRequest r) {
        rt.configSets().delete(scope(ctx), r.configurationSetName());
        return DeleteConfigurationSetResponse.builder().build();
    }

    public DescribeConfigurationSetResponse describeConfigurationSet(RequestContext ctx, DescribeConfigurationSetRequest r) {
        ConfigSet cs = rt.configSets().get(scope(ctx), r.configurationSetName());
        List<String> attrs = r.configurationSetAttributeNamesAsStrings();
        DescribeConfigurationSetResponse.Builder b = DescribeConfigurationSetResponse.builder()
                .configurationSet(ConfigurationSet.builder().name(cs.name).build());
        if (attrs.contains("eventDestinations")) {
            b.eventDestinations(cs.destinations.stream().map(V1Mapping::destination).toList());
        }
        if (attrs.contains("trackingOptions") && cs.trackingSet) {
            b.trackingOptions(TrackingOptions.builder().customRedirectDomain(cs.trackingDomain).build());
        }
        if (attrs.contains("deliveryOptions") && !cs.deliveryOptionsCleared) {
            b.deliveryOptions(DeliveryOptions.builder().tlsPolicy(cs.tlsPolicy.equals("REQUIRE") ? "Require" : "Optional").build());
        }
        if (attrs.contains("reputationOptions")) {
            b.reputationOptions(ReputationOptions.builder().sendingEnabled(cs.sendingEnabled).reputationMetricsEnabled(cs.reputationMetricsEnabled)
                    .lastFreshStart(cs.lastFreshStartMs == null ? null : Instant.ofEpochMilli(cs.lastFreshStartMs)).build());
        }
        return b.build();
    }

    public ListConfigurationSetsResponse listConfigurationSets(RequestContext ctx, ListConfigurationSetsRequest r) {
        Paging.Page<ConfigSet> page = Paging.page(rt.configSets().list(scope(ctx)), r.nextToken(), r.maxItems(), 1000);
        return ListConfigurationSetsResponse.builder().configurationSets(page.items().stream()
                .map(c -> ConfigurationSet.builder().name(c.name).build()).toList()).nextToken(page.nextToken()).build();
    }

    public CreateConfigurationSetEventDestinationResponse createConfigurationSetEventDestination(RequestContext ctx,
                                                                                                CreateConfigurationSetEventDestinationRequest r) {
        rt.configSets().addDestination(scope(ctx), r.configurationSetName(), V1Mapping.destination(r.eventDestination()));
        return CreateConfigurationSetEventDestinationResponse.builder().build();
    }

    public UpdateConfigurationSetEventDestinationResponse updateConfigurationSetEventDestination(RequestContext ctx,
                                                                                                UpdateConfigurationSetEventDestinationRequest r) {
        rt.configSets().updateDestination(scope(ctx), r.configurationSetName(), V1Mapping.destination(r.eventDestination()));
        return UpdateConfigurationSetEventDestinationResponse.builder().build();
    }

    public DeleteConfigurationSetEventDestinationResponse deleteConfigurationSetEventDestination(RequestContext ctx,
                                                                                                DeleteConfigurationSetEventDestinationRequest r) {
        rt.configSets().deleteDestination(scope(ctx), r.configurationSetName(), r.eventDestinationName());
        return DeleteConfigurationSetEventDestinationResponse.builder().build();
    }

    public CreateConfigurationSetTrackingOptionsResponse createConfigurationSetTrackingOptions(RequestContext ctx,
                                                                                              CreateConfigurationSetTrackingOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            if (cs.trackingSet) {
                throw SesException.exists("TrackingOptionsAlreadyExistsException",
                        "Tracking options already exist for configuration set " + cs.name + ".");
            }
            cs.trackingSet = true;
            cs.trackingDomain = r.trackingOptions() == null ? null : r.trackingOptions().customRedirectDomain();
        });
        return CreateConfigurationSetTrackingOptionsResponse.builder().build();
    }

    public UpdateConfigurationSetTrackingOptionsResponse updateConfigurationSetTrackingOptions(RequestContext ctx,
                                                                                              UpdateConfigurationSetTrackingOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            if (!cs.trackingSet) {
                throw SesException.notFound("TrackingOptionsDoesNotExistException",
                        "Tracking options do not exist for configuration set " + cs.name + ".");
            }
            cs.trackingDomain = r.trackingOptions() == null ? null : r.trackingOptions().customRedirectDomain();
        });
        return UpdateConfigurationSetTrackingOptionsResponse.builder().build();
    }

    public DeleteConfigurationSetTrackingOptionsResponse deleteConfigurationSetTrackingOptions(RequestContext ctx,
                                                                                              DeleteConfigurationSetTrackingOptionsRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            if (!cs.trackingSet) {
                throw SesException.notFound("TrackingOptionsDoesNotExistException",
                        "Tracking options do not exist for configuration set " + cs.name + ".");
            }
            cs.trackingSet = false;
            cs.trackingDomain = null;
        });
        return DeleteConfigurationSetTrackingOptionsResponse.builder().build();
    }

    public PutConfigurationSetDeliveryOptionsResponse putConfigurationSetDeliveryOptions(RequestContext ctx,
                                                                                        PutConfigurationSetDeliveryOptionsRequest r) {
        // no DeliveryOptions clears them: DescribeConfigurationSet then reports none
        DeliveryOptions o = r.deliveryOptions();
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> {
            cs.tlsPolicy = o != null && "Require".equals(o.tlsPolicyAsString()) ? "REQUIRE" : "OPTIONAL";
            cs.deliveryOptionsCleared = o == null;
            if (o == null) {
                cs.sendingPoolName = null;
                cs.maxDeliverySeconds = null;
            }
        });
        return PutConfigurationSetDeliveryOptionsResponse.builder().build();
    }

    public UpdateConfigurationSetReputationMetricsEnabledResponse updateConfigurationSetReputationMetricsEnabled(
            RequestContext ctx, UpdateConfigurationSetReputationMetricsEnabledRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.reputationMetricsEnabled = Boolean.TRUE.equals(r.enabled()));
        return UpdateConfigurationSetReputationMetricsEnabledResponse.builder().build();
    }

    public UpdateConfigurationSetSendingEnabledResponse updateConfigurationSetSendingEnabled(RequestContext ctx,
                                                                                            UpdateConfigurationSetSendingEnabledRequest r) {
        rt.configSets().update(scope(ctx), r.configurationSetName(), cs -> cs.sendingEnabled = Boolean.TRUE.equals(r.enabled()));
        return UpdateConfigurationSetSendingEnabledResponse.builder().build();
    }

    // ---- account ----

    public GetSendQuotaResponse getSendQuota(RequestContext ctx, GetSendQuotaRequest r) {
        Accounts.Quota q = rt.accounts().quota(scope(ctx));
        return GetSendQuotaResponse.builder().max24HourSend(q.max24HourSend()).maxSendRate(q.maxSendRate())
                .sentLast24Hours(q.sentLast24Hours()).build();
    }

    public GetSendStatisticsResponse getSendStatistics(RequestContext ctx, GetSendStatisticsRequest r) {
        List<SendDataPoint> points = new ArrayList<>();
        for (SesStore.StatBucket b : rt.accounts().statistics(scope(ctx))) {
            points.add(SendDataPoint.builder().timestamp(Instant.ofEpochMilli(b.startMs())).deliveryAttempts(b.attempts())
                    .bounces(b.bounces()).complaints(b.complaints()).rejects(b.rejects()).build());
        }
        return GetSendStatisticsResponse.builder().sendDataPoints(points).build();
    }

    public GetAccountSendingEnabledResponse getAccountSendingEnabled(RequestContext ctx, GetAccountSendingEnabledRequest r) {
        return GetAccountSendingEnabledResponse.builder().enabled(rt.accounts().settings(scope(ctx)).sendingEnabled).build();
    }

    public UpdateAccountSendingEnabledResponse updateAccountSendingEnabled(RequestContext ctx, UpdateAccountSendingEnabledRequest r) {
        rt.accounts().update(scope(ctx), a -> a.sendingEnabled = Boolean.TRUE.equals(r.enabled()));
        return UpdateAccountSendingEnabledResponse.builder().build();
    }

    // ---- receipt rules ----

    public CreateReceiptRuleSetResponse createReceiptRuleSet(RequestContext ctx, CreateReceiptRuleSetRequest r) {
        rt.receiving().createRuleSet(scope(ctx), r.ruleSetName());
        return CreateReceiptRuleSetResponse.builder().build();
    }

    public CloneReceiptRuleSetResponse cloneReceiptRuleSet(RequestContext ctx, CloneReceiptRuleSetRequest r) {
        rt.receiving().cloneRuleSet(scope(ctx), r.ruleSetName(), r.originalRuleSetName());
        return CloneReceiptRuleSetResponse.builder().build();
    }

    public DeleteReceiptRuleSetResponse deleteReceiptRuleSet(RequestContext ctx, DeleteReceiptRuleSetRequest r) {
        rt.receiving().deleteRuleSet(scope(ctx), r.ruleSetName());
        return DeleteReceiptRuleSetResponse.builder().build();
    }

    public DescribeReceiptRuleSetResponse describeReceiptRuleSet(RequestContext ctx, DescribeReceiptRuleSetRequest r) {
        ReceiptRuleSet set = rt.receiving().ruleSet(scope(ctx), r.ruleSetName());
        return DescribeReceiptRuleSetResponse.builder().metadata(metadata(set))
                .rules(set.rules.stream().map(V1Mapping::rule).toList()).build();
    }

    private static ReceiptRuleSetMetadata metadata(ReceiptRuleSet set) {
        return ReceiptRuleSetMetadata.builder().name(set.name).createdTimestamp(Instant.ofEpochMilli(set.createdMs)).build();
    }

    public ListReceiptRuleSetsResponse listReceiptRuleSets(RequestContext ctx, ListReceiptRuleSetsRequest r) {
        Paging.Page<ReceiptRuleSet> page = Paging.page(rt.receiving().ruleSets(scope(ctx)), r.nextToken(), null, 100);
        return ListReceiptRuleSetsResponse.builder().ruleSets(page.items().stream().map(SesV1Provider::metadata).toList())
                .nextToken(page.nextToken()).build();
    }

    public SetActiveReceiptRuleSetResponse setActiveReceiptRuleSet(RequestContext ctx, SetActiveReceiptRuleSetRequest r) {
        rt.receiving().setActive(scope(ctx), r.ruleSetName());
        return SetActiveReceiptRuleSetResponse.builder().build();
    }

    public DescribeActiveReceiptRuleSetResponse describeActiveReceiptRuleSet(RequestContext ctx, DescribeActiveReceiptRuleSetRequest r) {
        return rt.receiving().active(scope(ctx)).map(set -> DescribeActiveReceiptRuleSetResponse.builder().metadata(metadata(set))
                .rules(set.rules.stream().map(V1Mapping::rule).toList()).build())
                .orElseGet(() -> DescribeActiveReceiptRuleSetResponse.builder().build());
    }

    public ReorderReceiptRuleSetResponse reorderReceiptRuleSet(RequestContext ctx, ReorderReceiptRuleSetRequest r) {
        rt.receiving().reorder(scope(ctx), r.ruleSetName(), r.ruleNames());
        return ReorderReceiptRuleSetResponse.builder().build();
    }

    public CreateReceiptRuleResponse createReceiptRule(RequestContext ctx, CreateReceiptRuleRequest r) {
        rt.receiving().createRule(scope(ctx), r.ruleSetName(), V1Mapping.rule(r.rule()), r.after());
        return CreateReceiptRuleResponse.builder().build();
    }

    public UpdateReceiptRuleResponse updateReceiptRule(RequestContext ctx, UpdateReceiptRuleRequest r) {
        rt.receiving().updateRule(scope(ctx), r.ruleSetName(), V1Mapping.rule(r.rule()));
        return UpdateReceiptRuleResponse.builder().build();
    }

    public DeleteReceiptRuleResponse deleteReceiptRule(RequestContext ctx, DeleteReceiptRuleRequest r) {
        rt.receiving().deleteRule(scope(ctx), r.ruleSetName(), r.ruleName());
        return DeleteReceiptRuleResponse.builder().build();
    }

    public DescribeReceiptRuleResponse describeReceiptRule(RequestContext ctx, DescribeReceiptRuleRequest r) {
        return DescribeReceiptRuleResponse.builder().rule(V1Mapping.rule(rt.receiving().rule(scope(ctx), r.ruleSetName(), r.ruleName())))
                .build();
    }

    public SetReceiptRulePositionResponse setReceiptRulePosition(RequestContext ctx, SetReceiptRulePositionRequest r) {
        rt.receiving().setPosition(scope(ctx), r.ruleSetName(), r.ruleName(), r.after());
        return SetReceiptRulePositionResponse.builder().build();
    }

    public CreateReceiptFilterResponse createReceiptFilter(RequestContext ctx, CreateReceiptFilterRequest r) {
        ReceiptFilter f = r.filter();
        if (f == null || f.ipFilter() == null) {
            throw SesException.invalid("Filter is required.");
        }
        Scope s = scope(ctx);
        boolean created = rt.docs().store().db().write(c -> rt.docs().insert(c, s, Docs.FILTER, f.name(),
                Map.of("name", f.name(), "policy", f.ipFilter().policyAsString(), "cidr", f.ipFilter().cidr()), rt.clock().millis()));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Filter already exists: " + f.name());
        }
        return CreateReceiptFilterResponse.builder().build();
    }

    public DeleteReceiptFilterResponse deleteReceiptFilter(RequestContext ctx, DeleteReceiptFilterRequest r) {
        rt.docs().delete(scope(ctx), Docs.FILTER, r.filterName());
        return DeleteReceiptFilterResponse.builder().build();
    }

    @SuppressWarnings("unchecked")
    public ListReceiptFiltersResponse listReceiptFilters(RequestContext ctx, ListReceiptFiltersRequest r) {
        List<ReceiptFilter> out = new ArrayList<>();
        for (Map<String, String> m : rt.docs().list(scope(ctx), Docs.FILTER, Map.class)) {
            out.add(ReceiptFilter.builder().name(m.get("name"))
                    .ipFilter(ReceiptIpFilter.builder().policy(m.get("policy")).cidr(m.get("cidr")).build()).build());
        }
        return ListReceiptFiltersResponse.builder().filters(out).build();
    }
}
