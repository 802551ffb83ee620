package io.haneul.ses.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * SES SMTP credentials: the user name is the access key id, the password is derived from the secret
 * access key as AWS documents it (an HMAC-SHA256 chain over the fixed date "11111111", the region,
 * "ses", "aws4_request" and "SendRawEmail", prefixed with version byte 0x04, Base64-encoded).
 */
public final class SmtpPassword {

    private static final byte VERSION = 0x04;

    private SmtpPassword() {
    }

    public static String derive(String secretAccessKey, String region) {
        byte[] sig = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), "11111111");
        sig = hmac(sig, region);
        sig = hmac(sig, "ses");
        sig = hmac(sig, "aws4_request");
        sig = hmac(sig, "SendRawEmail");
        byte[] out = new byte[sig.length + 1];
        out[0] = VERSION;
        System.arraycopy(sig, 0, out, 1, sig.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /** Constant-time comparison of a submitted password with the one derived for the region. */
    public static boolean matches(String password, String secretAccessKey, String region) {
        return password != null && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                derive(secretAccessKey, region).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
