package io.haneul.ses;

import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.ReceiptRuleSet;
import io.haneul.ses.domain.SimpleMail;
import software.amazon.awssdk.services.ses.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between the v1 SDK model classes and SES's domain records. */
final class V1Mapping {

    private V1Mapping() {
    }

    static io.haneul.ses.domain.EventDestination destination(EventDestination e) {
        if (e == null) {
            throw io.haneul.ses.domain.SesException.invalid("EventDestination is required.");
        }
        io.haneul.ses.domain.EventDestination d = new io.haneul.ses.domain.EventDestination();
        d.name = e.name();
        d.enabled = Boolean.TRUE.equals(e.enabled());
        d.types = new ArrayList<>(e.matchingEventTypesAsStrings());
        if (e.snsDestination() != null) {
            d.snsTopicArn = e.snsDestination().topicARN();
        }
        if (e.kinesisFirehoseDestination() != null) {
            d.firehoseRoleArn = e.kinesisFirehoseDestination().iamRoleARN();
            d.firehoseStreamArn = e.kinesisFirehoseDestination().deliveryStreamARN();
        }
        if (e.cloudWatchDestination() != null) {
            d.cloudWatchDimensions = new ArrayList<>();
            for (CloudWatchDimensionConfiguration c : e.cloudWatchDestination().dimensionConfigurations()) {
                d.addCloudWatchDimension(c.dimensionName(), c.dimensionValueSourceAsString(), c.defaultDimensionValue());
            }
        }
        return d;
    }

    static EventDestination destination(io.haneul.ses.domain.EventDestination d) {
        EventDestination.Builder b = EventDestination.builder().name(d.name).enabled(d.enabled).matchingEventTypesWithStrings(d.types);
        if (d.snsTopicArn != null) {
            b.snsDestination(SNSDestination.builder().topicARN(d.snsTopicArn).build());
        }
        if (d.firehoseStreamArn != null) {
            b.kinesisFirehoseDestination(KinesisFirehoseDestination.builder().iamRoleARN(d.firehoseRoleArn)
                    .deliveryStreamARN(d.firehoseStreamArn).build());
        }
        if (d.cloudWatchDimensions != null) {
            b.cloudWatchDestination(CloudWatchDestination.builder().dimensionConfigurations(d.cloudWatchDimensions.stream()
                    .map(m -> CloudWatchDimensionConfiguration.builder().dimensionName(m.get("name")).dimensionValueSource(m.get("source"))
                            .defaultDimensionValue(m.get("default")).build()).toList()).build());
        }
        return b.build();
    }

    static EmailTemplate template(Template t) {
        if (t == null) {
            throw io.haneul.ses.domain.SesException.invalid("Template is required.");
        }
        return new EmailTemplate(t.templateName(), t.subjectPart(), t.textPart(), t.htmlPart(), 0);
    }

    static Template template(EmailTemplate t) {
        return Template.builder().templateName(t.name).subjectPart(t.subject).textPart(t.text).htmlPart(t.html).build();
    }

    static ReceiptRuleSet.Rule rule(ReceiptRule r) {
        if (r == null) {
            throw io.haneul.ses.domain.SesException.invalid("Rule is required.");
        }
        ReceiptRuleSet.Rule rule = new ReceiptRuleSet.Rule();
        rule.name = r.name();
        rule.enabled = Boolean.TRUE.equals(r.enabled());
        rule.tlsPolicy = r.tlsPolicyAsString() == null ? "Optional" : r.tlsPolicyAsString();
        rule.recipients = new ArrayList<>(r.recipients());
        rule.scanEnabled = Boolean.TRUE.equals(r.scanEnabled());
        for (ReceiptAction a : r.actions()) {
            ReceiptRuleSet.Action x = new ReceiptRuleSet.Action();
            if (a.s3Action() != null) {
                x.type = "S3";
                x.topicArn = a.s3Action().topicArn();
                x.bucketName = a.s3Action().bucketName();
                x.objectKeyPrefix = a.s3Action().objectKeyPrefix();
                x.kmsKeyArn = a.s3Action().kmsKeyArn();
                x.iamRoleArn = a.s3Action().iamRoleArn();
            } else if (a.snsAction() != null) {
                x.type = "SNS";
                x.topicArn = a.snsAction().topicArn();
                x.encoding = a.snsAction().encodingAsString();
            } else if (a.bounceAction() != null) {
                x.type = "Bounce";
                x.topicArn = a.bounceAction().topicArn();
                x.smtpReplyCode = a.bounceAction().smtpReplyCode();
                x.statusCode = a.bounceAction().statusCode();
                x.message = a.bounceAction().message();
                x.sender = a.bounceAction().sender();
            } else if (a.addHeaderAction() != null) {
                x.type = "AddHeader";
                x.headerName = a.addHeaderAction().headerName();
                x.headerValue = a.addHeaderAction().headerValue();
            } else if (a.stopAction() != null) {
                x.type = "Stop";
                x.scope = a.stopAction().scopeAsString();
                x.topicArn = a.stopAction().topicArn();
            } else if (a.lambdaAction() != null) {
                x.type = "Lambda";
                x.topicArn = a.lambdaAction().topicArn();
                x.functionArn = a.lambdaAction().functionArn();
                x.invocationType = a.lambdaAction().invocationTypeAsString();
            } else if (a.workmailAction() != null) {
                x.type = "WorkMail";
                x.topicArn = a.workmailAction().topicArn();
                x.organizationArn = a.workmailAction().organizationArn();
            } else {
                throw io.haneul.ses.domain.SesException.invalid("A receipt action must name one action.");
            }
            rule.actions.add(x);
        }
        return rule;
    }

    static ReceiptRule rule(ReceiptRuleSet.Rule r) {
        List<ReceiptAction> actions = new ArrayList<>();
        for (ReceiptRuleSet.Action x : r.actions) {
            ReceiptAction.Builder a = ReceiptAction.builder();
            switch (x.type) {
                case "S3" -> a.s3Action(S3Action.builder().topicArn(x.topicArn).bucketName(x.bucketName).objectKeyPrefix(x.objectKeyPrefix)
                        .kmsKeyArn(x.kmsKeyArn).iamRoleArn(x.iamRoleArn).build());
                case "SNS" -> a.snsAction(SNSAction.builder().topicArn(x.topicArn).encoding(x.encoding).build());
                case "Bounce" -> a.bounceAction(BounceAction.builder().topicArn(x.topicArn).smtpReplyCode(x.smtpReplyCode)
                        .statusCode(x.statusCode).message(x.message).sender(x.sender).build());
                case "AddHeader" -> a.addHeaderAction(AddHeaderAction.builder().headerName(x.headerName).headerValue(x.headerValue).build());
                case "Stop" -> a.stopAction(StopAction.builder().scope(x.scope).topicArn(x.topicArn).build());
                case "Lambda" -> a.lambdaAction(LambdaAction.builder().topicArn(x.topicArn).functionArn(x.functionArn)
                        .invocationType(x.invocationType).build());
                default -> a.workmailAction(WorkmailAction.builder().topicArn(x.topicArn).organizationArn(x.organizationArn).build());
            }
            actions.add(a.build());
        }
        return ReceiptRule.builder().name(r.name).enabled(r.enabled).tlsPolicy(r.tlsPolicy).recipients(r.recipients).actions(actions)
                .scanEnabled(r.scanEnabled).build();
    }

    static SimpleMail simple(String source, Destination d, Message m, List<String> replyTo) {
        if (m == null || m.subject() == null) {
            throw io.haneul.ses.domain.SesException.invalid("Message and its Subject are required.");
        }
        Body body = m.body();
        return new SimpleMail(source, d == null ? List.of() : d.toAddresses(), d == null ? List.of() : d.ccAddresses(),
                replyTo == null ? List.of() : replyTo, m.subject().data(), m.subject().charset(),
                body == null || body.text() == null ? null : body.text().data(), body == null || body.text() == null ? null : body.text().charset(),
                body == null || body.html() == null ? null : body.html().data(), body == null || body.html() == null ? null : body.html().charset(),
                List.of(), List.of());
    }

    static Map<String, String> tags(List<MessageTag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (MessageTag t : tags) {
                out.put(t.name(), t.value());
            }
        }
        return out;
    }

    static ConfigSet configSet(String name) {
        ConfigSet cs = new ConfigSet();
        cs.name = name;
        return cs;
    }
}
