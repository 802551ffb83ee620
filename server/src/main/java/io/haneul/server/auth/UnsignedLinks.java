package io.haneul.server.auth;

import io.haneul.core.wire.WireRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests AWS accepts without a signature in their headers even when every other request must be
 * signed: SNS's SubscribeURL (ConfirmSubscription with the emailed or posted token) and UnsubscribeURL,
 * where the token or subscription ARN is the credential and the caller acts as the resource's owner;
 * and S3's browser-form uploads, which carry their signature in the form.
 */
public final class UnsignedLinks {

    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("^arn:aws[\\w-]*:sns:[\\w-]+:(\\d{12}):");

    private UnsignedLinks() {
    }

    /** The owning account when the request is such a link, else empty. */
    public static Optional<String> ownerOf(String serviceId, WireRequest request) {
        if (!"sns".equals(serviceId) || !"GET".equals(request.method()) || request.header("Authorization") != null
                || request.rawQuery().contains("X-Amz-Signature")) {
            return Optional.empty();
        }
        Map<String, List<String>> q = request.queryParameters();
        String action = first(q, "Action");
        String arn = "ConfirmSubscription".equals(action) && first(q, "Token") != null ? first(q, "TopicArn")
                : "Unsubscribe".equals(action) ? first(q, "SubscriptionArn") : null;
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ACCOUNT_IN_ARN.matcher(arn);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * An S3 browser-form upload (POST of multipart/form-data to a bucket, nothing else in the target):
     * its signature is a form field over the policy, verified by S3 once the body is read.
     *
     * @param pathStyle the request as S3 routes it (virtual-hosted requests rewritten to path style)
     */
    public static boolean isBrowserForm(String serviceId, WireRequest pathStyle) {
        return "s3".equals(serviceId) && pathStyle.header("Authorization") == null && !pathStyle.rawQuery().contains("X-Amz-Credential")
                && io.haneul.core.routing.ServiceResolver.isS3BrowserForm(pathStyle);
    }

    /** A request to an S3 website host ({@code <bucket>.s3-website...}), which only the website endpoint answers. */
    public static boolean isWebsite(String serviceId, WireRequest request) {
        return "s3".equals(serviceId) && io.haneul.core.routing.ServiceResolver.s3WebsiteBucket(request.hostName()) != null;
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }
}
