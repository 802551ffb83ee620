package io.haneul.core.auth;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes a {@code Content-Encoding: aws-chunked} body as a stream, never holding more than a line of
 * framing in memory. Supports the three framings SigV4 streaming uploads use:
 * <ul>
 *   <li>{@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: {@code hex-size;chunk-signature=sig CRLF data CRLF},
 *       each signature chained from the previous one, starting with the request's seed signature;</li>
 *   <li>{@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: the same plus trailing headers signed by
 *       {@code x-amz-trailer-signature};</li>
 *   <li>{@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: {@code hex-size CRLF data CRLF}, then trailing headers.</li>
 * </ul>
 * Trailing checksums declared in {@code x-amz-trailer} ({@code x-amz-checksum-crc32}, {@code -crc32c},
 * {@code -crc64nvme}, {@code -sha1}, {@code -sha256}, base64) are computed over the decoded bytes and
 * compared at end of stream; the verified value is then available from {@link #checksum()}.
 *
 * <p>A chunk's signature is checked as soon as its last byte has been read, before that last read
 * returns; failures surface as {@link BodyVerificationException} carrying S3's error
 * ({@code SignatureDoesNotMatch}, {@code BadDigest}, {@code InvalidRequest}, {@code IncompleteBody},
 * {@code MalformedTrailerError}). Since checksums can only be checked at the end, consumers must treat the
 * data as unverified until {@code read} returns -1 (e.g. write to a temporary file, then commit).
 * Not thread-safe.
 */
public final class AwsChunkedDecoder extends InputStream {

    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER_LINES = 64;
    private static final String CHUNK_SIGNATURE = "chunk-signature=";

    private final InputStream in;
    private final PayloadMode mode;
    private final ChunkSigningContext signing;
    private final long expectedDecodedLength;
    private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Digest> digests = new LinkedHashMap<>();
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final MessageDigest chunkSha = SigV4.sha256();

    private String previousSignature;
    private String chunkSignature;
    private long chunkRemaining;
    private boolean inChunk;
    private boolean done;
    private long decoded;
    private TrailingChecksum checksum;
    private AuthException failure;

    /**
     * @param encoded               the raw aws-chunked body
     * @param identity              the verified request identity (its payload mode selects the framing)
     * @param declaredTrailers      the names listed in {@code x-amz-trailer}
     * @param decodedContentLength  {@code x-amz-decoded-content-length}, or -1 when unknown
     * @throws IllegalArgumentException when the identity's payload mode is not aws-chunked
     */
    public AwsChunkedDecoder(InputStream encoded, SigV4Identity identity, Collection<String> declaredTrailers,
                             long decodedContentLength) {
        Objects.requireNonNull(encoded, "encoded");
        this.mode = identity.payloadMode();
        if (!mode.isChunked()) {
            throw new IllegalArgumentException("Payload mode " + mode + " is not aws-chunked");
        }
        if (mode.hasChunkSignatures() && identity.chunkSigning() == null) {
            throw new IllegalArgumentException("Identity carries no chunk signing context");
        }
        this.in = encoded instanceof BufferedInputStream ? encoded : new BufferedInputStream(encoded, 16 * 1024);
        this.signing = identity.chunkSigning();
        this.previousSignature = signing == null ? null : signing.seedSignature();
        this.expectedDecodedLength = decodedContentLength;
        for (String name : declaredTrailers) {
            ChecksumAlgorithm.fromHeaderName(name).ifPresent(a -> digests.put(a, a.newDigest()));
        }
    }

    /**
     * A decoder configured from the request's {@code x-amz-trailer} and
     * {@code x-amz-decoded-content-length} headers.
     */
    public static AwsChunkedDecoder of(InputStream encoded, SigV4Identity identity, SignedRequest request) {
        List<String> declared = new ArrayList<>();
        for (String v : request.headerValues("x-amz-trailer")) {
            for (String name : v.split(",")) {
                if (!name.isBlank()) {
                    declared.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        long length = -1;
        Optional<String> decodedLength = request.firstHeader("x-amz-decoded-content-length");
        if (decodedLength.isPresent()) {
            try {
                length = Long.parseLong(decodedLength.get().strip());
            } catch (NumberFormatException e) {
                throw new AuthException("InvalidArgument", "x-amz-decoded-content-length must be a number", 400);
            }
        }
        return new AwsChunkedDecoder(encoded, identity, declared, length);
    }

    /** The trailing checksum, once verified at end of stream; empty before that or when none was sent. */
    public Optional<TrailingChecksum> checksum() {
        return Optional.ofNullable(checksum);
    }

    /** Trailing headers received (lower-case names, signature excluded); complete at end of stream. */
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    /** Decoded bytes returned so far. */
    public long decodedLength() {
        return decoded;
    }

    /** Whether the whole body was decoded and verified. */
    public boolean isComplete() {
        return done;
    }

    @Override
    public int read() throws IOException {
        return io.haneul.core.io.InputStreams.readOneByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw new BodyVerificationException(failure);
        }
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (chunkRemaining == 0) {
                if (!startChunk()) {
                    finish();
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
            if (n < 0) {
                throw AuthErrors.incompleteBody();
            }
            chunkRemaining -= n;
            decoded += n;
            if (expectedDecodedLength >= 0 && decoded > expectedDecodedLength) {
                throw AuthErrors.decodedLengthMismatch();
            }
            if (signing != null) {
                chunkSha.update(b, off, n);
            }
            for (ChecksumAlgorithm.Digest d : digests.values()) {
                d.update(b, off, n);
            }
            if (chunkRemaining == 0) {
                endChunk();
            }
            return n;
        } catch (AuthException e) {
            failure = e;
            throw new BodyVerificationException(e);
        }
    }

    @Override
    public int available() throws IOException {
        return inChunk ? (int) Math.min(chunkRemaining, in.available()) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads a chunk header; false for the final (zero-size) chunk, whose trailer is then consumed. */
    private boolean startChunk() throws IOException {
        String line = readLine(false);
        String[] parts = line.split(";", -1);
        long size = parseSize(parts[0].strip());
        chunkSignature = null;
        for (int i = 1; i < parts.length; i++) {
            String ext = parts[i].strip();
            if (ext.startsWith(CHUNK_SIGNATURE)) {
                chunkSignature = ext.substring(CHUNK_SIGNATURE.length());
            }
        }
        if (signing != null && chunkSignature == null) {
            throw AuthErrors.malformedChunk("chunk-signature missing");
        }
        chunkSha.reset();
        if (size > 0) {
            chunkRemaining = size;
            inChunk = true;
            return true;
        }
        verifyChunkSignature();
        if (mode.hasTrailer()) {
            readTrailers();
        } else {
            String end = readLine(true);
            if (end != null && !end.isEmpty()) {
                throw AuthErrors.malformedChunk("unexpected data after the final chunk");
            }
        }
        return false;
    }

    private void endChunk() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr < 0 || lf < 0) {
            throw AuthErrors.incompleteBody();
        }
        if (cr != '\r' || lf != '\n') {
            throw AuthErrors.malformedChunk("chunk data not followed by CRLF");
        }
        inChunk = false;
        verifyChunkSignature();
    }

    private void verifyChunkSignature() {
        if (signing == null) {
            return;
        }
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope() + "\n" + previousSignature
                + "\n" + SigV4.EMPTY_SHA256 + "\n" + SigV4.hex(chunkSha.digest());
        String expected = SigV4.sign(signing.signingKey(), stringToSign);
        if (!SigV4.sameSignature(expected, chunkSignature)) {
            throw AuthErrors.chunkSignatureMismatch();
        }
        previousSignature = expected;
    }

    private void readTrailers() throws IOException {
        String trailerSignature = null;
        for (int count = 0; ; count++) {
            String line = readLine(true);
            if (line == null || line.isEmpty()) {
                break;
            }
            if (count >= MAX_TRAILER_LINES || trailerSignature != null) {
                throw AuthErrors.malformedTrailer();
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw AuthErrors.malformedTrailer();
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
            }
        }
        if (signing != null) {
            if (trailerSignature == null) {
                throw AuthErrors.malformedTrailer();
            }
            StringBuilder canonical = new StringBuilder();
            trailers.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                    + previousSignature + "\n" + SigV4.sha256Hex(canonical.toString());
            if (!SigV4.sameSignature(SigV4.sign(signing.signingKey(), stringToSign), trailerSignature)) {
                throw AuthErrors.chunkSignatureMismatch();
            }
        }
    }

    private void finish() {
        for (String name : trailers.keySet()) {
            Optional<ChecksumAlgorithm> a = ChecksumAlgorithm.fromHeaderName(name);
            if (a.isPresent() && !digests.containsKey(a.get())) {
                throw AuthErrors.malformedTrailer();
            }
        }
        for (Map.Entry<ChecksumAlgorithm, ChecksumAlgorithm.Digest> e : digests.entrySet()) {
            ChecksumAlgorithm algorithm = e.getKey();
            String value = trailers.get(algorithm.headerName());
            if (value == null) {
                throw AuthErrors.malformedTrailer();
            }
            byte[] declared;
            try {
                declared = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException ex) {
                throw AuthErrors.invalidChecksumValue(algorithm);
            }
            if (declared.length != algorithm.length()) {
                throw AuthErrors.invalidChecksumValue(algorithm);
            }
            if (!MessageDigest.isEqual(declared, e.getValue().finish())) {
                throw AuthErrors.badDigest(algorithm);
            }
            if (checksum == null) {
                checksum = new TrailingChecksum(algorithm, value);
            }
        }
        if (expectedDecodedLength >= 0 && decoded != expectedDecodedLength) {
            throw AuthErrors.decodedLengthMismatch();
        }
    }

    private static long parseSize(String hex) {
        if (hex.isEmpty() || hex.length() > 15) {
            throw AuthErrors.malformedChunk("invalid chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                throw AuthErrors.malformedChunk("invalid chunk size");
            }
            size = (size << 4) | d;
        }
        return size;
    }

    /** One CRLF-terminated line of ASCII framing; null at clean EOF when {@code eofAllowed}. */
    private String readLine(boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (line.size() == 0 && eofAllowed) {
                    return null;
                }
                throw AuthErrors.incompleteBody();
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw AuthErrors.malformedChunk("framing line too long");
            }
            line.write(c);
        }
    }
}
