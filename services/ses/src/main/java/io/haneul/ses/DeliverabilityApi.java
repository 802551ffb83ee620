package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The deliverability dashboard, test reports and message insights, computed from the mail sent here
 * ({@link SentMail}): a message reaches the inbox when SES reports its Delivery and the spam folder
 * when the recipient complains; a bounce is missing. One mailbox provider stands for all:
 * {@value #ISP}. A campaign is the mail of one sender with one subject (its id is a hash of both).
 * A test report sends its content, as SES does to its seed list, to the mailbox simulator's
 * success address and reports where that message went.
 */
public final class DeliverabilityApi {

    static final String ISP = "Haneul";
    private static final String SEED = "success@simulator.amazonses.com";

    /** A stored test report. */
    public static final class Report {
        public String id;
        public String name;
        public String from;
        public String subject;
        public String messageId;
        public long createdMs;
    }

    private final SesRuntime rt;
    private final ResourceTags tags;
    private final SentMail sent;
    private final V2Sending sending;

    DeliverabilityApi(SesRuntime rt, ResourceTags tags) {
        this.rt = rt;
        this.tags = tags;
        this.sent = new SentMail(rt.store());
        this.sending = new V2Sending(rt);
    }

    // ---- test reports ----

    public CreateDeliverabilityTestReportResponse createDeliverabilityTestReport(RequestContext ctx, CreateDeliverabilityTestReportRequest r) {
        Scope s = Scope.of(ctx);
        if (r.hasTags()) {
            ResourceTags.check(r.tags());
        }
        String messageId = sending.sendEmail(ctx, SendEmailRequest.builder().fromEmailAddress(r.fromEmailAddress())
                .destination(d -> d.toAddresses(SEED)).content(r.content()).build());
        Report rep = new Report();
        rep.id = UUID.randomUUID().toString();
        rep.name = r.reportName();
        rep.from = r.fromEmailAddress();
        rep.messageId = messageId;
        rep.subject = sent.message(s, messageId).map(SentMail.Sent::subject).orElse(null);
        rep.createdMs = rt.clock().millis();
        rt.docs().put(s, Docs.TEST_REPORT, rep.id, rep, rep.createdMs);
        tags.put(s, s.arn("deliverability-test-report/" + rep.id), r.tags());
        return CreateDeliverabilityTestReportResponse.builder().reportId(rep.id)
                .deliverabilityTestStatus(DeliverabilityTestStatus.COMPLETED).build();
    }

    private DeliverabilityTestReport report(Report r) {
        return DeliverabilityTestReport.builder().reportId(r.id).reportName(r.name).fromEmailAddress(r.from).subject(r.subject)
                .createDate(Instant.ofEpochMilli(r.createdMs)).deliverabilityTestStatus(DeliverabilityTestStatus.COMPLETED).build();
    }

    public GetDeliverabilityTestReportResponse getDeliverabilityTestReport(RequestContext ctx, GetDeliverabilityTestReportRequest r) {
        Scope s = Scope.of(ctx);
        Report rep = rt.docs().get(s, Docs.TEST_REPORT, r.reportId(), Report.class)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Report " + r.reportId() + " does not exist."));
        PlacementStatistics placement = sent.message(s, rep.messageId).map(m -> placement(s, m))
                .orElse(PlacementStatistics.builder().inboxPercentage(0.0).spamPercentage(0.0).missingPercentage(100.0)
                        .spfPercentage(0.0).dkimPercentage(0.0).build());
        return GetDeliverabilityTestReportResponse.builder().deliverabilityTestReport(report(rep)).overallPlacement(placement)
                .ispPlacements(IspPlacement.builder().ispName(ISP).placementStatistics(placement).build())
                .tags(tags.list(s, s.arn("deliverability-test-report/" + rep.id))).build();
    }

    /** Where a message went, in percent of its recipients; DKIM when its domain signs, SPF always (SES's MAIL FROM). */
    private PlacementStatistics placement(Scope s, SentMail.Sent m) {
        double n = Math.max(1, m.recipients().size());
        long spam = m.count("COMPLAINT");
        long inbox = m.count("DELIVERY") - spam;
        long missing = m.recipients().size() - inbox - spam;
        boolean dkim = rt.identities().find(s, m.sourceDomain()).map(i -> i.dkimEnabled && i.verified()).orElse(false);
        return PlacementStatistics.builder().inboxPercentage(100 * inbox / n).spamPercentage(100 * spam / n)
                .missingPercentage(100 * missing / n).spfPercentage(100.0).dkimPercentage(dkim ? 100.0 : 0.0).build();
    }

    public ListDeliverabilityTestReportsResponse listDeliverabilityTestReports(RequestContext ctx, ListDeliverabilityTestReportsRequest r) {
        List<Report> all = rt.docs().list(Scope.of(ctx), Docs.TEST_REPORT, Report.class).stream()
                .sorted(java.util.Comparator.comparingLong((Report x) -> x.createdMs)).toList();
        Paging.Page<Report> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListDeliverabilityTestReportsResponse.builder().deliverabilityTestReports(page.items().stream().map(this::report).toList())
                .nextToken(page.nextToken()).build();
    }

    // ---- domain statistics and campaigns ----

    private static VolumeStatistics volume(long inbox, long spam) {
        return VolumeStatistics.builder().inboxRawCount(inbox).spamRawCount(spam).projectedInbox(inbox).projectedSpam(spam).build();
    }

    private static DomainIspPlacement isp(long inbox, long spam) {
        double n = Math.max(1, inbox + spam);
        return DomainIspPlacement.builder().ispName(ISP).inboxRawCount(inbox).spamRawCount(spam)
                .inboxPercentage(inbox + spam == 0 ? 0.0 : 100 * inbox / n).spamPercentage(inbox + spam == 0 ? 0.0 : 100 * spam / n).build();
    }

    private void requireDomain(Scope s, String domain) {
        if (rt.identities().find(s, domain).isEmpty()) {
            throw SesException.notFound("InvalidParameterValue", "Domain " + domain + " is not an identity of this account.");
        }
    }

    private List<SentMail.Sent> ofDomain(Scope s, String domain, Instant from, Instant to) {
        String d = domain.toLowerCase(Locale.ROOT);
        return sent.since(s, from.toEpochMilli(), to.toEpochMilli()).stream().filter(m -> m.sourceDomain().equals(d)).toList();
    }

    public GetDomainStatisticsReportResponse getDomainStatisticsReport(RequestContext ctx, GetDomainStatisticsReportRequest r) {
        Scope s = Scope.of(ctx);
        requireDomain(s, r.domain());
        if (r.startDate().isAfter(r.endDate())) {
            throw SesException.invalid("StartDate must be before EndDate.");
        }
        if (r.endDate().isAfter(r.startDate().plus(30, ChronoUnit.DAYS))) {
            // AWS: the EndDate has to be less than or equal to 30 days after the StartDate
            throw SesException.invalid("EndDate must be within 30 days of StartDate.");
        }
        TreeMap<Instant, long[]> days = new TreeMap<>();
        for (Instant d = r.startDate().truncatedTo(ChronoUnit.DAYS); !d.isAfter(r.endDate()); d = d.plus(1, ChronoUnit.DAYS)) {
            days.put(d, new long[2]);
        }
        long inbox = 0;
        long spam = 0;
        for (SentMail.Sent m : ofDomain(s, r.domain(), r.startDate(), r.endDate())) {
            long sp = m.count("COMPLAINT");
            long in = m.count("DELIVERY") - sp;
            long[] day = days.computeIfAbsent(Instant.ofEpochMilli(m.sentMs()).truncatedTo(ChronoUnit.DAYS), k -> new long[2]);
            day[0] += in;
            day[1] += sp;
            inbox += in;
            spam += sp;
        }
        List<DailyVolume> daily = new ArrayList<>();
        days.forEach((d, v) -> daily.add(DailyVolume.builder().startDate(d).volumeStatistics(volume(v[0], v[1]))
                .domainIspPlacements(isp(v[0], v[1])).build()));
        return GetDomainStatisticsReportResponse.builder().dailyVolumes(daily).overallVolume(OverallVolume.builder()
                .volumeStatistics(volume(inbox, spam)).readRatePercent(0.0).domainIspPlacements(isp(inbox, spam)).build()).build();
    }

    static String campaignId(String from, String subject) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((from.toLowerCase(Locale.ROOT) + "\n" + subject)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The campaigns of some messages: one per sender and subject, in order of first appearance. */
    private static Map<String, DomainDeliverabilityCampaign> campaigns(List<SentMail.Sent> mail) {
        Map<String, List<SentMail.Sent>> groups = new LinkedHashMap<>();
        for (SentMail.Sent m : mail) {
            groups.computeIfAbsent(campaignId(m.source(), String.valueOf(m.subject())), k -> new ArrayList<>()).add(m);
        }
        Map<String, DomainDeliverabilityCampaign> out = new LinkedHashMap<>();
        groups.forEach((id, ms) -> {
            long spam = ms.stream().mapToLong(m -> m.count("COMPLAINT")).sum();
            long inbox = ms.stream().mapToLong(m -> m.count("DELIVERY")).sum() - spam;
            long volume = ms.stream().mapToLong(m -> m.recipients().size()).sum();
            SentMail.Sent first = ms.getFirst();
            out.put(id, DomainDeliverabilityCampaign.builder().campaignId(id).fromAddress(first.source()).subject(first.subject())
                    .firstSeenDateTime(Instant.ofEpochMilli(first.sentMs())).lastSeenDateTime(Instant.ofEpochMilli(ms.getLast().sentMs()))
                    .inboxCount(inbox).spamCount(spam).projectedVolume(volume).readRate(0.0).deleteRate(0.0).readDeleteRate(0.0)
                    .esps(ISP).sendingIps(List.of()).build());
        });
        return out;
    }

    public ListDomainDeliverabilityCampaignsResponse listDomainDeliverabilityCampaigns(RequestContext ctx,
                                                                                      ListDomainDeliverabilityCampaignsRequest r) {
        Scope s = Scope.of(ctx);
        requireDomain(s, r.subscribedDomain());
        if (r.startDate().isAfter(r.endDate())) {
            throw SesException.invalid("StartDate must be before EndDate.");
        }
        List<DomainDeliverabilityCampaign> all = new ArrayList<>(campaigns(ofDomain(s, r.subscribedDomain(), r.startDate(), r.endDate()))
                .values());
        Paging.Page<DomainDeliverabilityCampaign> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListDomainDeliverabilityCampaignsResponse.builder().domainDeliverabilityCampaigns(page.items())
                .nextToken(page.nextToken()).build();
    }

    public GetDomainDeliverabilityCampaignResponse getDomainDeliverabilityCampaign(RequestContext ctx,
                                                                                  GetDomainDeliverabilityCampaignRequest r) {
        Scope s = Scope.of(ctx);
        DomainDeliverabilityCampaign c = campaigns(sent.since(s, 0, Long.MAX_VALUE)).get(r.campaignId());
        if (c == null) {
            throw SesException.notFound("InvalidParameterValue", "Campaign " + r.campaignId() + " does not exist.");
        }
        return GetDomainDeliverabilityCampaignResponse.builder().domainDeliverabilityCampaign(c).build();
    }

    // ---- message insights ----

    public GetMessageInsightsResponse getMessageInsights(RequestContext ctx, GetMessageInsightsRequest r) {
        Scope s = Scope.of(ctx);
        SentMail.Sent m = sent.message(s, r.messageId())
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Message " + r.messageId() + " does not exist."));
        Instant at = Instant.ofEpochMilli(m.sentMs());
        List<EmailInsights> insights = m.recipients().stream().map(x -> EmailInsights.builder().destination(x.address()).isp(ISP)
                .events(x.events().stream().map(e -> InsightsEvent.builder().timestamp(at).type(e).build()).toList()).build()).toList();
        return GetMessageInsightsResponse.builder().messageId(m.messageId()).fromEmailAddress(m.source()).subject(m.subject())
                .emailTags(m.tags().entrySet().stream().map(e -> MessageTag.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .insights(insights).build();
    }
}
