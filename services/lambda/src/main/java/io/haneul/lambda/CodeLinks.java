package io.haneul.lambda;

import io.haneul.lambda.code.CodeUnpacker;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The download URLs of deployment packages ({@code Code.Location} of GetFunction,
 * {@code Content.Location} of the layer operations): like AWS's presigned S3 URLs they need no
 * signature of the caller's and expire after 10 minutes. The link names the package by hash and
 * carries an HMAC-SHA256 of the hash and the expiry under a key drawn when the server starts, so
 * links cannot be forged or extended, and links of a previous server start no longer work.
 */
final class CodeLinks {

    static final String PREFIX = "/_haneul/lambda/code/";
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    private final String endpoint;
    private final CodeUnpacker code;
    private final Clock clock;
    private final byte[] key = new byte[32];

    CodeLinks(String endpoint, CodeUnpacker code, Clock clock, SecureRandom random) {
        this.endpoint = endpoint;
        this.code = code;
        this.clock = clock;
        random.nextBytes(key);
    }

    /** A URL downloading the package with this {@code CodeSha256}, or empty when its zip was not kept. */
    Optional<String> link(String sha256Base64) {
        if (code.zipOf(sha256Base64).isEmpty()) {
            return Optional.empty();
        }
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64));
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return Optional.of(endpoint + PREFIX + hex + "?expires=" + expires + "&signature=" + sign(hex, expires));
    }

    /** The kept zip a link names, when its signature is right and it has not expired. */
    Optional<Path> resolve(String hex, String expires, String signature) {
        if (hex == null || !hex.matches("[0-9a-f]{64}") || expires == null || !expires.matches("\\d{1,12}") || signature == null) {
            return Optional.empty();
        }
        long at = Long.parseLong(expires);
        if (!MessageDigest.isEqual(sign(hex, at).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))
                || clock.instant().getEpochSecond() > at) {
            return Optional.empty();
        }
        return code.zipOf(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
    }

    private String sign(String hex, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((hex + "\n" + expires).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
