package io.haneul.sqs.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link ReceiptHandle} into the opaque string clients see and back: URL-safe base64 of
 * the fields followed by a truncated HMAC-SHA256 under a per-server secret, so a malformed, altered
 * or forged handle is told apart from a stale one without any lookup.
 *
 * <p>Layout: version byte, queue id (8), row id (8), nonce (8), message id length (2) and UTF-8
 * bytes, then 16 bytes of tag. Thread-safe.
 */
public final class ReceiptHandleCodec {

    private static final byte VERSION = 1;
    private static final int TAG_LENGTH = 16;
    private static final int FIXED = 1 + 8 + 8 + 8 + 2;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret the server's secret, at least 16 bytes; copied */
    public ReceiptHandleCodec(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("receipt handle secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
    }

    /** The handle string for one receive. */
    public String encode(ReceiptHandle handle) {
        byte[] id = handle.messageId().getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("message id too long");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED + id.length + TAG_LENGTH);
        b.put(VERSION).putLong(handle.queueId()).putLong(handle.rowId()).putLong(handle.nonce())
                .putShort((short) id.length).put(id);
        byte[] body = Arrays.copyOf(b.array(), FIXED + id.length);
        b.put(tag(body));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * The receive a handle names.
     *
     * @throws SqsException MissingParameter when absent, ReceiptHandleIsInvalid when malformed or forged
     */
    public ReceiptHandle decode(String handle) {
        if (handle == null || handle.isEmpty()) {
            throw SqsException.missingParameter("ReceiptHandle");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(handle);
        } catch (IllegalArgumentException e) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        if (raw.length < FIXED + TAG_LENGTH || raw[0] != VERSION) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        int bodyLength = raw.length - TAG_LENGTH;
        byte[] body = Arrays.copyOf(raw, bodyLength);
        if (!MessageDigest.isEqual(tag(body), Arrays.copyOfRange(raw, bodyLength, raw.length))) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        b.get();
        long queueId = b.getLong();
        long rowId = b.getLong();
        long nonce = b.getLong();
        int idLength = Short.toUnsignedInt(b.getShort());
        if (idLength != b.remaining()) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        byte[] id = new byte[idLength];
        b.get(id);
        return new ReceiptHandle(queueId, rowId, new String(id, StandardCharsets.UTF_8), nonce);
    }

    /**
     * Decodes a handle presented to queue {@code queueId}; one from another queue is invalid here.
     *
     * @throws SqsException ReceiptHandleIsInvalid
     */
    public ReceiptHandle decodeFor(String handle, long queueId) {
        ReceiptHandle h = decode(handle);
        if (h.queueId() != queueId) {
            throw SqsException.receiptHandleIsInvalid(handle);
        }
        return h;
    }

    // initialised MACs kept for reuse: creating and keying one costs more than the HMAC itself
    private final java.util.concurrent.ConcurrentLinkedQueue<Mac> macs = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private byte[] tag(byte[] body) {
        Mac mac = macs.poll();
        try {
            if (mac == null) {
                mac = Mac.getInstance(HMAC);
                mac.init(key);
            }
            byte[] tag = Arrays.copyOf(mac.doFinal(body), TAG_LENGTH);
            macs.offer(mac);
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
        }
    }
}
