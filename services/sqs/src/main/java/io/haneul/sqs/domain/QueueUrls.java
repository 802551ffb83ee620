package io.haneul.sqs.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queue URLs, {@code <base>/<account>/<name>}: AWS's are {@code https://sqs.<region>.amazonaws.com/<account>/<name>},
 * ours use whatever host the client called.
 *
 * <p>Parsing ignores scheme, host and port (a client may reach the server under any name) and also
 * accepts the bare path {@code /<account>/<name>}, which the query protocol posts to. Anything else —
 * a missing or non-12-digit account, extra path segments, a query string, a name no queue could
 * have — is answered like AWS answers an unknown queue: {@code QueueDoesNotExist}.
 */
public final class QueueUrls {

    /** Where a queue URL points. */
    public record Location(String accountId, String queueName) {
    }

    private static final Pattern URL = Pattern.compile(
            "(?:(?i:https?)://[^/?#\\s]+)?/(\\d{12})/([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)");

    private QueueUrls() {
    }

    /** {@code <baseUrl>/<account>/<name>}; a trailing slash on {@code baseUrl} is dropped. */
    public static String build(String baseUrl, String accountId, String queueName) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/" + accountId + "/" + queueName;
    }

    /**
     * The account and name a queue URL (or its path) points at.
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
        return new Location(m.group(1), m.group(2));
    }
}
