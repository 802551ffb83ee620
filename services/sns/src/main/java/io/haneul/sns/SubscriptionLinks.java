package io.haneul.sns;

import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.wire.WireRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SNS calls AWS accepts without a signature even when every other call must be signed: the
 * SubscribeURL (ConfirmSubscription with the mailed or posted token) and the UnsubscribeURL, where
 * the token or subscription ARN is the credential and the caller acts as the resource's owner.
 */
final class SubscriptionLinks implements ApiAddressing {

    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("^arn:aws[\\w-]*:sns:[\\w-]+:(\\d{12}):");

    /** The owning account when the request is such a link (a GET with no signature anywhere), else empty. */
    @Override
    public Optional<String> unsignedCaller(WireRequest request) {
        if (!"GET".equals(request.method()) || request.header("Authorization") != null
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

    /** AWS's UnsubscribeURL names no {@code Version}: the link itself says it is SNS's. */
    @Override
    public boolean claimsUnplaced(WireRequest request) {
        return unsignedCaller(request).isPresent();
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }
}
