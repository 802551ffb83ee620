package io.haneul.ses.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The signature a click-tracking link carries: an HMAC-SHA256, with the server's link secret, over
 * the message id, the target link and the link's tags.
 *
 * <p>Why: the click route answers with a redirect to the link it is given and records a click event
 * for the message. Unsigned, it would redirect anywhere for anyone (an open redirect on the server's
 * host) and let anyone inject clicks with made-up links or tags into another account's event stream.
 * Only links Haneul itself wrote into a tracked message verify. The secret is persisted by the SES
 * store, so links stay valid across restarts and on every node sharing one database.
 */
public final class ClickSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret at least 32 random bytes */
    public ClickSignature(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The signature (URL-safe base64, no padding) of a link in a message; {@code tags} may be null. */
    public String sign(String messageId, String link, String tags) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(messageId, link, tags));
    }

    /** Whether {@code signature} is this server's signature of the link (compared in constant time). */
    public boolean verifies(String messageId, String link, String tags, String signature) {
        if (signature == null || messageId == null || link == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(messageId, link, tags), presented);
    }

    /** Each part length-prefixed, so that no two different (id, link, tags) triples sign the same bytes. */
    private byte[] mac(String messageId, String link, String tags) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (String part : new String[] {messageId, link, tags == null ? "" : tags}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
