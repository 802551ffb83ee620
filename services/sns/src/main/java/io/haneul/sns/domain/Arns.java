package io.haneul.sns.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and building of the ARNs SNS uses: topics, subscriptions, platform applications and endpoints, SQS queues. */
public final class Arns {

    private static final Pattern SNS = Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):(\\d{12}):(.+)");
    private static final Pattern SQS = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,80}(\\.fifo)?)");

    private Arns() {
    }

    /** Region, account and the resource part (after the account) of an SNS ARN. */
    public record SnsArn(String region, String account, String resource) {
        public String arn() {
            return "arn:aws:sns:" + region + ":" + account + ":" + resource;
        }
    }

    /** An SQS queue named by ARN. */
    public record QueueArn(String region, String account, String name) {
        public boolean fifo() {
            return name.endsWith(".fifo");
        }
    }

    public static Optional<SnsArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = SNS.matcher(arn);
        return m.matches() ? Optional.of(new SnsArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /**
     * A topic ARN (resource without ':' or '/'), else InvalidParameter naming {@code parameter}; with
     * fewer than the six elements of an ARN, in AWS's words:
     * {@code Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1}.
     */
    public static SnsArn topic(String arn, String parameter) {
        int elements = arn == null ? 1 : arn.split(":", -1).length;
        if (elements < 6) {
            throw SnsException.invalidParameter(parameter + " Reason: An ARN must have at least 6 elements, not " + elements);
        }
        return parse(arn).filter(a -> a.resource().matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?"))
                .orElseThrow(() -> SnsException.invalidParameter(parameter));
    }

    /**
     * A topic ARN of the region the request was signed for; a topic of another region is
     * InvalidParameter, as AWS answers a client of one region naming another's topic.
     */
    public static SnsArn topicInRegion(String arn, String parameter, String region) {
        SnsArn parsed = topic(arn, parameter);
        if (region != null && !region.equals(parsed.region())) {
            throw SnsException.invalidParameter(parameter);
        }
        return parsed;
    }

    public static String topicArn(String region, String account, String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    /** The topic ARN a subscription ARN belongs to ({@code <topicArn>:<id>}), or empty. */
    public static Optional<String> topicOfSubscription(String subscriptionArn) {
        return parse(subscriptionArn).filter(a -> a.resource().matches("[A-Za-z0-9_.-]{1,256}:[0-9a-f-]{36}"))
                .map(a -> a.arn().substring(0, a.arn().lastIndexOf(':')));
    }

    public static Optional<QueueArn> queue(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = SQS.matcher(arn);
        return m.matches() ? Optional.of(new QueueArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public static String accountRoot(String account) {
        return "arn:aws:iam::" + account + ":root";
    }
}
