package io.haneul.core.auth;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A server-neutral view of an HTTP request as far as SigV4 needs it: method, the raw path exactly as
 * sent (still percent-encoded), the raw query string, case-insensitive multi-valued headers and, when
 * the protocol layer has buffered it, the payload.
 *
 * <p>Why: signatures are computed over the bytes the client sent, so the verifier must see the path and
 * query before any decoding, and it must not depend on a particular HTTP server's request type. Behind
 * HTTP/2 the protocol layer must supply a {@code Host} header from {@code :authority}.
 *
 * <p>The payload is absent for streaming bodies (aws-chunked uploads, large S3 objects); the payload
 * array is taken over without copying and must not be modified afterwards.
 */
public final class SignedRequest {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] payload;

    private SignedRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.rawPath = b.rawPath == null ? "" : b.rawPath;
        this.rawQuery = b.rawQuery == null ? "" : b.rawQuery;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.payload = b.payload;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HTTP method as sent, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** Path exactly as sent, percent-encoded, without the query; may be empty. */
    public String rawPath() {
        return rawPath;
    }

    /** Query string exactly as sent, without the leading {@code '?'}; empty when none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** All headers; the map is case-insensitive and unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Names of the headers present, sorted case-insensitively. */
    public Set<String> headerNames() {
        return headers.keySet();
    }

    /** All values of a header (case-insensitive name), empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** The first value of a header (case-insensitive name). */
    public Optional<String> firstHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }

    /** The buffered payload as a read-only buffer, or empty when the body is streamed. */
    public Optional<ByteBuffer> payload() {
        return payload == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }

    /** Whether the payload was buffered. */
    public boolean hasPayload() {
        return payload != null;
    }

    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + SecretRedactor.query(rawQuery))
                + ", headers=" + SecretRedactor.headers(headers) + "]";
    }

    /** Builds a {@link SignedRequest}; header names are matched case-insensitively. */
    public static final class Builder {
        private String method;
        private String rawPath;
        private String rawQuery;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] payload;

        private Builder() {
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** The raw path, percent-encoded as sent, without query. */
        public Builder rawPath(String rawPath) {
            this.rawPath = rawPath;
            return this;
        }

        /** The raw query string as sent, with or without a leading {@code '?'}. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery != null && rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
            return this;
        }

        /** Splits a raw request target ({@code /path?query}) into path and query. */
        public Builder target(String rawTarget) {
            int q = rawTarget.indexOf('?');
            this.rawPath = q < 0 ? rawTarget : rawTarget.substring(0, q);
            this.rawQuery = q < 0 ? "" : rawTarget.substring(q + 1);
            return this;
        }

        /** Adds one value of a header. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value == null ? "" : value);
            return this;
        }

        /** Adds all values of all given headers. */
        public Builder headers(Map<String, ? extends List<String>> all) {
            all.forEach((name, values) -> values.forEach(v -> header(name, v)));
            return this;
        }

        /** The buffered body; taken over without copying. {@code null} for a streamed body. */
        public Builder payload(byte[] payload) {
            this.payload = payload;
            return this;
        }

        public SignedRequest build() {
            return new SignedRequest(this);
        }
    }
}
