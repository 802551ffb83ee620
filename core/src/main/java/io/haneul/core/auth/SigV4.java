package io.haneul.core.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SigV4 building blocks: encoding, canonical request parts, hashing and the signing key. */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    // ---- encoding ----

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }

    /** RFC 3986 encoding as SigV4 defines it: only unreserved characters stay; optionally '/' too. */
    static String uriEncode(byte[] bytes, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte value : bytes) {
            int b = value & 0xFF;
            if (unreserved(b) || (keepSlash && b == '/')) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    static String uriEncode(String s, boolean keepSlash) {
        return uriEncode(s.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    /** Percent-decodes to bytes; malformed escapes are kept literally; '+' stays '+'. */
    static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length) {
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    static String decodeToString(String s) {
        return new String(percentDecode(s), StandardCharsets.UTF_8);
    }

    // ---- canonical request parts ----

    /**
     * Candidate canonical URIs, most likely first. S3 signs the path single-encoded and un-normalized;
     * other services normalize it and encode it twice. The first candidate re-encodes the decoded path
     * with SigV4's rules; a second, different candidate uses the bytes as sent, for clients that encode
     * a few characters differently.
     */
    static List<String> canonicalUris(String rawPath, boolean s3) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        Set<String> candidates = new LinkedHashSet<>();
        if (s3) {
            candidates.add(uriEncode(percentDecode(path), true));
            candidates.add(path);
        } else {
            String normalized = removeDotSegments(path);
            String single = uriEncode(percentDecode(normalized), true);
            candidates.add(uriEncode(single, true));
            candidates.add(uriEncode(normalized, true));
        }
        return List.copyOf(candidates);
    }

    /** RFC 3986 section 5.2.4 on a raw path; an empty result becomes "/". */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        boolean leading = path.startsWith("/");
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        Deque<String> out = new ArrayDeque<>();
        for (String seg : path.split("/", -1)) {
            if (seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.addLast(seg);
        }
        List<String> segs = new ArrayList<>(out);
        while (!segs.isEmpty() && segs.getFirst().isEmpty()) {
            segs.removeFirst();
        }
        while (!segs.isEmpty() && segs.getLast().isEmpty()) {
            segs.removeLast();
        }
        String joined = String.join("/", segs);
        String result = (leading ? "/" : "") + joined + (trailing && !joined.isEmpty() ? "/" : "");
        return result.isEmpty() ? "/" : result;
    }

    /** A query parameter as sent and as canonicalized. */
    record QueryParam(String rawName, String name, String value, String encodedName, String encodedValue) {
    }

    static List<QueryParam> parseQuery(String rawQuery) {
        List<QueryParam> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            byte[] name = percentDecode(rawName);
            byte[] value = percentDecode(rawValue);
            params.add(new QueryParam(rawName, new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8),
                    uriEncode(name, false), uriEncode(value, false)));
        }
        return params;
    }

    /** Sorted by encoded name, then encoded value; {@code excludeName} (decoded) is left out. */
    static String canonicalQuery(List<QueryParam> params, String excludeName) {
        return params.stream()
                .filter(p -> excludeName == null || !p.name().equals(excludeName))
                .sorted((a, b) -> {
                    int c = a.encodedName().compareTo(b.encodedName());
                    return c != 0 ? c : a.encodedValue().compareTo(b.encodedValue());
                })
                .map(p -> p.encodedName() + "=" + p.encodedValue())
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
    }

    /** Trims and collapses runs of whitespace into one space. */
    static String canonicalHeaderValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
        StringBuilder sb = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headerValues(name);
            sb.append(name.toLowerCase(java.util.Locale.ROOT)).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(canonicalHeaderValue(values.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String canonicalRequest(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                                   String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n'
                + payloadHash;
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    }

    // ---- crypto ----

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String s) {
        return hex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(ByteBuffer data) {
        MessageDigest md = sha256();
        md.update(data.duplicate());
        return hex(md.digest());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, TERMINATOR);
    }

    static String sign(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    /** Constant-time comparison of two hex signatures. */
    static boolean sameSignature(String expected, String provided) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isSha256Hex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
