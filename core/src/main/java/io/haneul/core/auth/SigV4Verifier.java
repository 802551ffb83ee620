package io.haneul.core.auth;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 on a request, from the Authorization header or from presigned-URL
 * query parameters, and answers failures with the error codes, messages and statuses the real
 * service uses (per {@link AuthDialect}).
 *
 * <p>Rules: S3 (signing name {@code s3}) signs the path single-encoded and un-normalized; other services
 * normalize it and encode it twice. The canonical query is sorted by encoded name then value; header
 * values are trimmed with inner whitespace runs collapsed. {@code x-amz-content-sha256} may name a
 * streaming/unsigned mode or carry a hex digest, which S3 checks against the body when the body is
 * available. Header-signed requests must be within 15 minutes of the server clock; presigned URLs are
 * valid from {@code X-Amz-Date} for {@code X-Amz-Expires} seconds (at most 7 days).
 *
 * <p>Thread-safe and stateless apart from its collaborators. The payload must be supplied
 * ({@link SignedRequest#payload()}) for non-S3 requests that carry no {@code x-amz-content-sha256};
 * pass an empty array for an empty body.
 */
public final class SigV4Verifier {

    /** Allowed difference between request time and server time for header-signed requests. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** Longest validity of a presigned URL, in seconds (7 days). */
    public static final long MAX_PRESIGNED_EXPIRES = 604_800;

    /**
     * S3 Express One Zone's signing name: requests signed with a session of CreateSession present its
     * token in {@code x-amz-s3session-token} (presigned: {@code X-Amz-S3session-Token}), not as STS's.
     */
    private static final String S3EXPRESS = "s3express";
    private static final String S3_SESSION_TOKEN = "x-amz-s3session-token";
    private static final String S3_SESSION_QUERY = "X-Amz-S3session-Token";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final CredentialsStore credentials;
    private final Clock clock;
    private final Function<String, AuthDialect> dialects;

    /** A verifier using {@link AuthDialect#forService(String)} to choose error codes. */
    public SigV4Verifier(CredentialsStore credentials, Clock clock) {
        this(credentials, clock, AuthDialect::forService);
    }

    /**
     * @param dialects maps a signing name (credential-scope service) to the errors to answer with
     */
    public SigV4Verifier(CredentialsStore credentials, Clock clock, Function<String, AuthDialect> dialects) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
    }

    /** Verifies the request; see {@link #verify(SignedRequest, String)}. */
    public SigV4Identity verify(SignedRequest request) {
        return verify(request, (String) null);
    }

    /**
     * Verifies the request.
     *
     * @param serviceHint the signing name the router expects, used to pick the error dialect only when the
     *                    request names no usable service itself (no or malformed authentication); may be null
     * @return the verified identity
     * @throws AuthException when authentication is missing, malformed, expired or wrong
     */
    public SigV4Identity verify(SignedRequest request, String serviceHint) {
        return verify(request, serviceHint, null, true);
    }

    /**
     * The endpoint a request reached, which its credential scope must name as AWS's endpoints require:
     * a signature made for another service (or for another region than the host names) is refused
     * even when it is otherwise valid, so a signature is never usable beyond the API it was made for.
     *
     * @param service the signing name of the API the request reached
     * @param region  the region the request's host names, or null when the host names none
     */
    public record Endpoint(String service, String region) {
    }

    /**
     * Verifies the request as a call to {@code endpoint}: as {@link #verify(SignedRequest, String)},
     * and its credential scope must name the endpoint's service (and region, where the host names one).
     */
    public SigV4Identity verify(SignedRequest request, Endpoint endpoint) {
        return verify(request, endpoint.service(), endpoint, true);
    }

    /**
     * Every check {@link #verify(SignedRequest, Endpoint)} makes that does not need the payload (the
     * form of the authentication, the date window, the scope against {@code endpoint}, the access key,
     * the session token, the signed-headers list and a declared payload hash), with the same errors;
     * returns normally when only the signature over the payload's hash is left to check. Lets a
     * caller refuse a request before reading its body, without computing a signature twice.
     *
     * @param endpoint the API the request reaches, or null when none is known yet (only the
     *                 authentication's own form and the key are checked)
     */
    public void verifyAllButSignature(SignedRequest request, Endpoint endpoint) {
        verify(request, endpoint == null ? null : endpoint.service(), endpoint, false);
    }

    /** @param signature false: stop before computing the signature (see {@link #verifyAllButSignature}); returns null then */
    private SigV4Identity verify(SignedRequest request, String serviceHint, Endpoint endpoint, boolean signature) {
        if (request.headerValues("Authorization").size() > 1) {
            throw AuthErrors.malformed(dialectOf(serviceHint), "Only one Authorization header may be sent.");
        }
        List<SigV4.QueryParam> query = SigV4.parseQuery(request.rawQuery());
        Optional<String> authorization = request.firstHeader("Authorization");
        boolean presigned = query.stream().anyMatch(p -> p.name().equals("X-Amz-Algorithm")
                || p.name().equals("X-Amz-Credential") || p.name().equals("X-Amz-Signature"));
        if (authorization.isPresent()) {
            if (presigned && dialectOf(serviceOf(authorization.get(), serviceHint)) == AuthDialect.S3) {
                throw AuthErrors.bothAuthMechanisms();
            }
            return verifyHeader(request, query, authorization.get(), serviceHint, endpoint, signature);
        }
        if (presigned) {
            return verifyPresigned(request, query, serviceHint, endpoint, signature);
        }
        throw AuthErrors.missingAuthentication(dialectOf(serviceHint));
    }

    // ---- Authorization header ----

    private SigV4Identity verifyHeader(SignedRequest request, List<SigV4.QueryParam> query, String header, String hint,
                                       Endpoint endpoint, boolean signature) {
        AuthorizationHeader auth;
        try {
            auth = AuthorizationHeader.parse(header);
        } catch (AuthorizationHeader.ParseException e) {
            AuthDialect d = dialectOf(serviceOf(header, hint));
            throw e.unsupported ? AuthErrors.unsupportedAlgorithm(d, e.getMessage()) : AuthErrors.malformed(d, e.getMessage());
        }
        CredentialScope scope = parseScope(auth.credential(), false, hint);
        AuthDialect d = dialectOf(scope.service());
        checkEndpoint(scope, endpoint, false);
        String amzDate;
        Instant requestTime;
        Optional<String> xAmzDate = request.firstHeader("X-Amz-Date");
        Optional<String> date = xAmzDate.isPresent() ? xAmzDate : request.firstHeader("Date");
        if (date.isEmpty()) {
            throw AuthErrors.missingDate(d, SecretRedactor.authorization(header));
        }
        try {
            if (xAmzDate.isPresent()) {
                amzDate = xAmzDate.get().strip();
                requestTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
            } else {
                requestTime = parseHttpDate(date.get().strip());
                amzDate = AMZ_DATE.format(requestTime.atOffset(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            throw AuthErrors.badDate(d, date.get());
        }
        if (!amzDate.startsWith(scope.date())) {
            throw AuthErrors.scopeDateMismatch(d, scope.date(), amzDate, false);
        }
        checkSkew(d, amzDate, requestTime);
        Credentials creds = lookup(d, scope);
        Optional<String> token = request.firstHeader("X-Amz-Security-Token");
        checkSessionToken(d, creds, (S3EXPRESS.equals(scope.service()) ? request.firstHeader(S3_SESSION_TOKEN).or(() -> token) : token)
                .orElse(null));
        return verifySignature(request, d, scope, creds, amzDate, query, auth.signedHeaders(), auth.signature(), false, signature);
    }

    // ---- presigned URL ----

    private SigV4Identity verifyPresigned(SignedRequest request, List<SigV4.QueryParam> query, String hint, Endpoint endpoint,
                                          boolean signature) {
        Map<String, String> p = new LinkedHashMap<>();
        String repeated = null;
        for (SigV4.QueryParam q : query) {
            if (q.name().startsWith("X-Amz-") && p.putIfAbsent(q.name(), q.value()) != null && repeated == null) {
                repeated = q.name();
            }
        }
        String credential = p.get("X-Amz-Credential");
        AuthDialect early = dialectOf(serviceOfCredential(credential, hint));
        if (repeated != null) {
            // a second X-Amz-Signature (or credential, date...) appended to a signed URL is never ignored
            throw AuthErrors.malformedQuery(early, "The query parameter " + repeated + " must appear only once.");
        }
        List<String> required = early == AuthDialect.S3
                ? List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires")
                : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders");
        if (required.stream().anyMatch(k -> p.get(k) == null || p.get(k).isEmpty())) {
            throw AuthErrors.malformedQuery(early, early == AuthDialect.S3
                    ? "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature,"
                    + " X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
                    : "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date',"
                    + " 'X-Amz-SignedHeaders' and 'X-Amz-Signature'.");
        }
        if (!p.get("X-Amz-Algorithm").equals(SigV4.ALGORITHM)) {
            throw early == AuthDialect.S3
                    ? AuthErrors.malformedQuery(early, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
                    : AuthErrors.unsupportedAlgorithm(early, p.get("X-Amz-Algorithm"));
        }
        CredentialScope scope = parseScope(credential, true, hint);
        AuthDialect d = dialectOf(scope.service());
        checkEndpoint(scope, endpoint, true);
        String amzDate = p.get("X-Amz-Date");
        Instant requestTime;
        try {
            requestTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw d == AuthDialect.S3
                    ? AuthErrors.malformedQuery(d, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
                    : AuthErrors.badDate(d, amzDate);
        }
        long expires = parseExpires(d, p.get("X-Amz-Expires"));
        if (!amzDate.startsWith(scope.date())) {
            throw AuthErrors.scopeDateMismatch(d, scope.date(), amzDate, true);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (requestTime.isAfter(now.plus(MAX_SKEW))) {
            throw AuthErrors.presignedNotYetValid(d, notYetCurrent(amzDate, now));
        }
        Instant expiry = requestTime.plusSeconds(expires);
        if (now.isAfter(expiry)) {
            throw AuthErrors.presignedExpired(d, Long.toString(expires), now.toString(),
                    "Signature expired: " + format(expiry) + " is now earlier than " + format(now) + " (" + format(requestTime)
                            + " + " + expires + " sec.)");
        }
        Credentials creds = lookup(d, scope);
        checkSessionToken(d, creds, S3EXPRESS.equals(scope.service()) && p.containsKey(S3_SESSION_QUERY) ? p.get(S3_SESSION_QUERY)
                : p.get("X-Amz-Security-Token"));
        return verifySignature(request, d, scope, creds, amzDate, query, p.get("X-Amz-SignedHeaders"), p.get("X-Amz-Signature"),
                true, signature);
    }

    private static long parseExpires(AuthDialect d, String value) {
        if (value == null || value.isEmpty()) {
            return MAX_SKEW.toSeconds();
        }
        long expires;
        try {
            expires = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AuthErrors.malformedQuery(d, "X-Amz-Expires should be a number");
        }
        if (expires < 0) {
            throw AuthErrors.malformedQuery(d, "X-Amz-Expires must be non-negative");
        }
        if (expires > MAX_PRESIGNED_EXPIRES) {
            throw AuthErrors.malformedQuery(d, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return expires;
    }

    // ---- shared ----

    private SigV4Identity verifySignature(SignedRequest request, AuthDialect d, CredentialScope scope, Credentials creds,
                                          String amzDate, List<SigV4.QueryParam> query, String signedHeadersValue,
                                          String providedSignature, boolean presigned, boolean signature) {
        boolean s3 = d == AuthDialect.S3;
        List<String> signedHeaders = Arrays.stream(signedHeadersValue.split(";")).filter(h -> !h.isEmpty()).toList();
        if (signedHeaders.isEmpty()) {
            throw presigned ? AuthErrors.malformedQuery(d, "X-Amz-SignedHeaders must not be empty")
                    : AuthErrors.malformed(d, "Authorization header requires 'SignedHeaders' parameter.");
        }
        Payload payload = payloadHash(request, s3, presigned);
        if (!signature) {
            return null;
        }
        String canonicalQuery = SigV4.canonicalQuery(query, presigned ? "X-Amz-Signature" : null);
        String canonicalHeaders = SigV4.canonicalHeaders(request, signedHeaders);
        byte[] key = SigV4.signingKey(creds.secretAccessKey(), scope.date(), scope.region(), scope.service());
        String firstCanonical = null;
        String firstStringToSign = null;
        boolean matched = false;
        for (String uri : SigV4.canonicalUris(request.rawPath(), s3)) {
            String canonical = SigV4.canonicalRequest(request.method(), uri, canonicalQuery, canonicalHeaders, signedHeadersValue,
                    payload.hash);
            String stringToSign = SigV4.stringToSign(amzDate, scope.scope(), canonical);
            if (firstCanonical == null) {
                firstCanonical = canonical;
                firstStringToSign = stringToSign;
            }
            if (SigV4.sameSignature(SigV4.sign(key, stringToSign), providedSignature)) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", scope.accessKeyId());
            details.put("StringToSign", firstStringToSign);
            details.put("CanonicalRequest", SecretRedactor.canonicalRequest(firstCanonical));
            throw AuthErrors.signatureMismatch(d, details);
        }
        Optional<String> unverifiedDigest = Optional.empty();
        if (payload.mode == PayloadMode.SIGNED && payload.declared) {
            Optional<ByteBuffer> body = request.payload();
            if (body.isPresent()) {
                String computed = SigV4.sha256Hex(body.get());
                if (!computed.equalsIgnoreCase(payload.hash)) {
                    throw AuthErrors.contentSha256Mismatch(payload.hash, computed);
                }
            } else {
                unverifiedDigest = Optional.of(payload.hash.toLowerCase(Locale.ROOT));
            }
        }
        ChunkSigningContext chunkSigning = payload.mode.hasChunkSignatures()
                ? new ChunkSigningContext(key, amzDate, scope.scope(), providedSignature.toLowerCase(Locale.ROOT))
                : null;
        Arrays.fill(key, (byte) 0);
        return new SigV4Identity(scope.accessKeyId(), creds.accountId(), scope.region(), scope.service(), payload.mode, presigned,
                unverifiedDigest, chunkSigning);
    }

    /** The payload hash that goes into the canonical request, and whether it still needs checking. */
    private record Payload(String hash, PayloadMode mode, boolean declared) {
    }

    private static Payload payloadHash(SignedRequest request, boolean s3, boolean presigned) {
        String declared = request.firstHeader("x-amz-content-sha256").map(String::strip).orElse(null);
        if (declared != null) {
            Optional<PayloadMode> literal = PayloadMode.fromHeaderValue(declared);
            if (literal.isPresent()) {
                return new Payload(declared, literal.get(), false);
            }
        }
        if (s3) {
            if (declared == null) {
                if (presigned) {
                    return new Payload(PayloadMode.UNSIGNED.headerValue().orElseThrow(), PayloadMode.UNSIGNED, false);
                }
                throw AuthErrors.missingContentSha256();
            }
            if (!SigV4.isSha256Hex(declared)) {
                throw AuthErrors.invalidContentSha256();
            }
            return new Payload(declared, PayloadMode.SIGNED, true);
        }
        Optional<ByteBuffer> body = request.payload();
        if (body.isPresent()) {
            return new Payload(SigV4.sha256Hex(body.get()), PayloadMode.SIGNED, false);
        }
        if (declared != null && SigV4.isSha256Hex(declared)) {
            return new Payload(declared, PayloadMode.SIGNED, true);
        }
        throw new IllegalStateException("The request body is required to verify a non-S3 request without x-amz-content-sha256");
    }

    private CredentialScope parseScope(String credential, boolean presigned, String hint) {
        String[] parts = credential.split("/", -1);
        AuthDialect d = dialectOf(parts.length == 5 && !parts[3].isEmpty() ? parts[3] : hint);
        boolean wellFormed = parts.length == 5 && Arrays.stream(parts, 0, 4).noneMatch(String::isEmpty);
        if (!wellFormed) {
            String message = d == AuthDialect.S3
                    ? (presigned ? "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                    : "the Credential is mal-formed; ") + "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
                    : "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                    + credential + "'";
            throw presigned ? AuthErrors.malformedQuery(d, message) : AuthErrors.malformed(d, message);
        }
        if (!parts[4].equals(SigV4.TERMINATOR)) {
            String message = d == AuthDialect.S3
                    ? "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\"."
                    : "Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts[4] + "'.";
            throw presigned ? AuthErrors.malformedQuery(d, message) : AuthErrors.malformed(d, message);
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], presigned);
    }

    /** Refuses a scope made for another service, or for another region than the one the host names. */
    private void checkEndpoint(CredentialScope scope, Endpoint endpoint, boolean presigned) {
        if (endpoint == null) {
            return;
        }
        AuthDialect d = dialectOf(endpoint.service());
        if (!scope.service().equals(endpoint.service())) {
            throw AuthErrors.wrongService(d, scope.service(), endpoint.service(), presigned);
        }
        // S3 hosts carry bucket names, whose labels may look like regions: its region is the bucket's, not the host's
        if (d != AuthDialect.S3 && endpoint.region() != null && !scope.region().equals(endpoint.region())) {
            throw AuthErrors.wrongRegion(d, scope.region(), endpoint.region(), presigned);
        }
    }

    private void checkSkew(AuthDialect d, String amzDate, Instant requestTime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (requestTime.isBefore(now.minus(MAX_SKEW))) {
            throw AuthErrors.skewed(d, amzDate, now.toString(), "Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)", MAX_SKEW.toMillis());
        }
        if (requestTime.isAfter(now.plus(MAX_SKEW))) {
            throw AuthErrors.skewed(d, amzDate, now.toString(), notYetCurrent(amzDate, now), MAX_SKEW.toMillis());
        }
    }

    private static String notYetCurrent(String amzDate, Instant now) {
        return "Signature not yet current: " + amzDate + " is still later than " + format(now.plus(MAX_SKEW)) + " ("
                + format(now) + " + 15 min.)";
    }

    private Credentials lookup(AuthDialect d, CredentialScope scope) {
        return credentials.find(scope.accessKeyId(), scope.service()).orElseThrow(() -> AuthErrors.unknownAccessKey(d, scope.accessKeyId()));
    }

    private static void checkSessionToken(AuthDialect d, Credentials creds, String presented) {
        if (!creds.acceptsToken(presented)) {
            throw AuthErrors.invalidSessionToken(d);
        }
    }

    private AuthDialect dialectOf(String service) {
        AuthDialect d = service == null ? null : dialects.apply(service);
        return d == null ? AuthDialect.forService(service) : d;
    }

    private static String serviceOf(String authorization, String hint) {
        String credential = AuthorizationHeader.lenientCredential(authorization).orElse(null);
        return serviceOfCredential(credential, hint);
    }

    private static String serviceOfCredential(String credential, String hint) {
        if (credential != null) {
            String[] parts = credential.split("/", -1);
            if (parts.length == 5 && !parts[3].isEmpty()) {
                return parts[3];
            }
        }
        return hint;
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant parseHttpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        }
    }
}
