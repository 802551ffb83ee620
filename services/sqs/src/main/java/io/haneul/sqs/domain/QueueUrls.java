package io.haneul.sqs.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queue URLs, {@code <base>/<account>/<name>}: AWS's are {@code https://sqs.<region>.amazonaws.com/<account>/<name>},
 * ours use whatever host the client called. Since one host serves every region, a queue outside
 * {@code us-east-1} has the region in its path, {@code <base>/queue/<region>/<account>/<name>} (LocalStack's
 * form), so two queues of one name in two regions never share a URL; us-east-1 keeps the short form.
 *
 * <p>Parsing ignores scheme, host and port (a client may reach the server under any name) and also
 * accepts the bare path {@code /<account>/<name>}, which the query protocol posts to. Anything else —
 * a missing or non-12-digit account, extra path segments, a query string, a name no queue could
 * have — is answered like AWS answers an unknown queue: {@code QueueDoesNotExist}.
 */
public final class QueueUrls {

    /** Where a queue URL points; {@code region} is null when the URL does not name one (the caller's region). */
    public record Location(String accountId, String queueName, String region) {
        public Location(String accountId, String queueName) {
            this(accountId, queueName, null);
        }
    }

    /** The region whose queues keep the short URL form. */
    public static final String SHORT_FORM_REGION = "us-east-1";

    private static final Pattern URL = Pattern.compile(
            "(?:(?i:https?)://[^/?#\\s]+)?(?:/queue/([a-z]{2}(?:-[a-z]+)+-\\d))?/(\\d{12})/([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)");

    private QueueUrls() {
    }

    /** {@code <baseUrl>/<account>/<name>}; a trailing slash on {@code baseUrl} is dropped. */
    public static String build(String baseUrl, String accountId, String queueName) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/" + accountId + "/" + queueName;
    }

    /** The URL of a queue of {@code region}: the short form in us-east-1, {@code /queue/<region>/...} elsewhere. */
    public static String build(String baseUrl, String region, String accountId, String queueName) {
        if (region == null || region.equals(SHORT_FORM_REGION)) {
            return build(baseUrl, accountId, queueName);
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return build(base + "/queue/" + region, accountId, queueName);
    }

    /**
     * The account and name (and region, in the long form) a queue URL (or its path) points at.
     *
     * @throws SqsException MissingParameter when absent, QueueDoesNotExist when malformed
     */
    public static Location parse(String url) {
        if (url == null || url.isEmpty()) {
            throw SqsException.missingParameter("QueueUrl");
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw SqsException.queueDoesNotExist();
        }
        return new Location(m.group(2), m.group(3), m.group(1));
    }
}
