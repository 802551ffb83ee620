package io.haneul.it.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AWS Signature Version 4 written out by hand from the published algorithm, independent of the
 * server's verifier and of the SDKs, so tests can sign with any date: header-signed requests and
 * presigned (query-string) URLs for a non-S3 service at path {@code /}.
 */
public final class HandSigner {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;

    public HandSigner(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /** The {@code Authorization} and {@code X-Amz-Date} headers for a POST of a form body to {@code /}. */
    public Map<String, String> signPost(String host, String contentType, byte[] body, Instant when) {
        String amzDate = AMZ_DATE.format(when);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String signedHeaders = "content-type;host;x-amz-date";
        String canonical = "POST\n/\n\n" + "content-type:" + contentType + "\n" + "host:" + host + "\n"
                + "x-amz-date:" + amzDate + "\n\n" + signedHeaders + "\n" + sha256Hex(body);
        String signature = signature(amzDate, scope, canonical);
        return Map.of("Content-Type", contentType, "X-Amz-Date", amzDate, "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + signature);
    }

    /**
     * The {@code Authorization} and {@code X-Amz-Date} headers for any request without a body, signed
     * over the host only; {@code canonicalQuery} must already be in SigV4's canonical form (e.g. {@code a=&b=1}).
     */
    public Map<String, String> signHeaders(String method, String host, String path, String canonicalQuery, Instant when) {
        String amzDate = AMZ_DATE.format(when);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String canonical = method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\nx-amz-date:" + amzDate
                + "\n\nhost;x-amz-date\n" + sha256Hex(new byte[0]);
        return Map.of("X-Amz-Date", amzDate, "Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=host;x-amz-date, Signature=" + signature(amzDate, scope, canonical));
    }

    /** A presigned GET query string (without '?') carrying {@code params} plus the X-Amz-* fields. */
    public String presignGet(String host, Map<String, String> params, Instant when, long expiresSeconds) {
        String amzDate = AMZ_DATE.format(when);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        TreeMap<String, String> q = new TreeMap<>();
        params.forEach((k, v) -> q.put(encode(k), encode(v)));
        q.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        q.put("X-Amz-Credential", encode(accessKey + "/" + scope));
        q.put("X-Amz-Date", amzDate);
        q.put("X-Amz-Expires", Long.toString(expiresSeconds));
        q.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = q.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        String canonical = "GET\n/\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + sha256Hex(new byte[0]);
        return canonicalQuery + "&X-Amz-Signature=" + signature(amzDate, scope, canonical);
    }

    private String signature(String amzDate, String scope, String canonicalRequest) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
