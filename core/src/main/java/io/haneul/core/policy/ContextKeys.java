package io.haneul.core.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request (its request context): names compare case-insensitively, as
 * IAM's do, and a key may hold several values (for the {@code ForAnyValue:}/{@code ForAllValues:}
 * qualifiers). A key that is absent is not in the map; which keys a request carries is up to the
 * service that builds it, from what it knows of the request.
 */
public final class ContextKeys {

    public static final String SOURCE_ARN = "aws:SourceArn";
    public static final String SOURCE_ACCOUNT = "aws:SourceAccount";
    public static final String SOURCE_OWNER = "aws:SourceOwner";
    public static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
    public static final String PRINCIPAL_ARN = "aws:PrincipalArn";
    public static final String SOURCE_IP = "aws:SourceIp";
    public static final String SECURE_TRANSPORT = "aws:SecureTransport";
    public static final String CURRENT_TIME = "aws:CurrentTime";
    public static final String EPOCH_TIME = "aws:EpochTime";

    private final Map<String, List<String>> values;

    private ContextKeys(Map<String, List<String>> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The keys of a caller's own request, as every resource policy sees them: who calls
     * ({@code aws:PrincipalAccount}, {@code aws:PrincipalArn}), when ({@code aws:CurrentTime}), over
     * what ({@code aws:SecureTransport}) and from where ({@code aws:SourceIp}); a service adds its own.
     */
    public static Builder ofCall(PolicyPrincipal caller, Instant now, String scheme, String sourceIp) {
        return new Builder().principal(caller).time(now).scheme(scheme).put(SOURCE_IP, sourceIp);
    }

    /** The key's values, or null when the request does not carry it. */
    public List<String> get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** Builds a context; a null or empty value leaves the key absent. */
    public static final class Builder {

        private final Map<String, List<String>> values = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            if (value != null) {
                values.put(key.toLowerCase(Locale.ROOT), List.of(value));
            }
            return this;
        }

        public Builder putAll(String key, List<String> list) {
            if (list != null && !list.isEmpty()) {
                values.put(key.toLowerCase(Locale.ROOT), List.copyOf(list));
            }
            return this;
        }

        /** {@code aws:CurrentTime} and {@code aws:EpochTime}, from the server's clock. */
        public Builder time(Instant now) {
            put(CURRENT_TIME, now.toString());
            return put(EPOCH_TIME, String.valueOf(now.getEpochSecond()));
        }

        /** {@code aws:SecureTransport}: whether the client reached us over TLS. */
        public Builder scheme(String scheme) {
            return scheme == null ? this : put(SECURE_TRANSPORT, String.valueOf("https".equalsIgnoreCase(scheme)));
        }

        /** The caller's account and ARN ({@code aws:PrincipalAccount}, {@code aws:PrincipalArn}) when it has them. */
        public Builder principal(PolicyPrincipal principal) {
            put(PRINCIPAL_ACCOUNT, principal.account());
            return put(PRINCIPAL_ARN, principal.arn());
        }

        public ContextKeys build() {
            return new ContextKeys(values);
        }
    }
}
