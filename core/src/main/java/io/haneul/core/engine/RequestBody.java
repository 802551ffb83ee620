package io.haneul.core.engine;

import io.haneul.core.auth.AuthException;
import io.haneul.core.auth.AwsChunkedDecoder;
import io.haneul.core.auth.BodyVerificationException;
import io.haneul.core.auth.ContentSha256InputStream;
import io.haneul.core.auth.PayloadMode;
import io.haneul.core.auth.SigV4Identity;
import io.haneul.core.auth.TrailingChecksum;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.error.CommonErrors;
import io.haneul.core.wire.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request body that was not read into memory (S3 objects): the provider reads it as a stream,
 * already decoded from aws-chunked and checked against what the signature declared (chunk
 * signatures, trailing checksums, {@code x-amz-content-sha256}). Verification completes only at end
 * of stream, so a consumer must treat the bytes as unverified until {@code read} returns -1 (write
 * to a temporary file, then commit). Verification failures surface as
 * {@link BodyVerificationException}; {@link #toAwsError} turns them into S3's error.
 *
 * <p>Operations without a streaming input (S3's XML configuration bodies) get the body buffered by
 * the engine, up to {@code bufferLimit} bytes and within the server's {@link BodyBudget}.
 */
public final class RequestBody {

    private final InputStream stream;
    private final AwsChunkedDecoder decoder;
    private final long length;
    private final long bufferLimit;
    private final BodyBudget budget;
    private BufferedBody buffered;

    private RequestBody(InputStream stream, AwsChunkedDecoder decoder, long length, long bufferLimit, BodyBudget budget) {
        this.stream = stream;
        this.decoder = decoder;
        this.length = length;
        this.bufferLimit = bufferLimit;
        this.budget = budget;
    }

    /** As {@link #of(InputStream, Headers, SigV4Identity, long, BodyBudget)}, buffering outside any budget. */
    public static RequestBody of(InputStream raw, Headers headers, SigV4Identity identity, long bufferLimit) {
        return of(raw, headers, identity, bufferLimit, null);
    }

    /**
     * Wraps the body as received.
     *
     * @param raw         the body bytes as they arrive
     * @param headers     the request headers (x-amz-content-sha256, x-amz-trailer, lengths)
     * @param identity    the verified signature, or null when the request was not verified (permissive
     *                    mode): then an aws-chunked body is decoded and its trailing checksums checked,
     *                    but chunk signatures and a declared SHA-256 are not
     * @param bufferLimit the most bytes {@link #readAll} buffers
     * @param budget      the server's budget {@link #readAll} reserves what it buffers in (until
     *                    {@link #release}), or null for none
     */
    public static RequestBody of(InputStream raw, Headers headers, SigV4Identity identity, long bufferLimit, BodyBudget budget) {
        PayloadMode mode = identity != null ? identity.payloadMode()
                : PayloadMode.fromHeaderValue(strip(headers.first("x-amz-content-sha256"))).orElse(PayloadMode.SIGNED);
        if (mode.isChunked()) {
            SigV4Identity decoding = identity != null ? identity
                    // Unverified: the unsigned-trailer framing reads every framing (chunk signatures are skipped).
                    : new SigV4Identity(null, null, null, "s3", PayloadMode.STREAMING_UNSIGNED_TRAILER, false, Optional.empty(), null);
            long decodedLength = parseLength(headers.first("x-amz-decoded-content-length"));
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(raw, decoding, trailers(headers), decodedLength);
            return new RequestBody(decoder, decoder, decodedLength, bufferLimit, budget);
        }
        InputStream in = identity == null ? raw : ContentSha256InputStream.wrap(raw, identity);
        return new RequestBody(in, null, parseLength(headers.first("Content-Length")), bufferLimit, budget);
    }

    /** The decoded body. Read it once. */
    public InputStream stream() {
        return stream;
    }

    /** The decoded length the client declared, or -1 when unknown. */
    public long length() {
        return length;
    }

    /** Whether the body came aws-chunked. */
    public boolean chunked() {
        return decoder != null;
    }

    /** The trailing checksum, verified, once the stream was read to its end; empty otherwise or when none was sent. */
    public Optional<TrailingChecksum> trailingChecksum() {
        return decoder == null ? Optional.empty() : decoder.checksum();
    }

    /**
     * Reads the whole (decoded, verified) body into memory.
     *
     * @throws AwsErrorException RequestEntityTooLarge beyond the buffer limit, ServiceUnavailable when
     *                           the budget has no room for it, or the verification error
     */
    public byte[] readAll() {
        try {
            if (budget != null) {
                return readWithinBudget();
            }
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bufferLimit + 1));
            if (bytes.length > bufferLimit) {
                throw CommonErrors.tooLarge(bufferLimit);
            }
            return bytes;
        } catch (IOException e) {
            AwsErrorException aws = toAwsError(e);
            if (aws != null) {
                throw aws;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the body into memory reserved in the budget first: its declared length at once, else step by step. */
    private byte[] readWithinBudget() throws IOException {
        try {
            buffered = BufferedBody.read(stream, length, bufferLimit, budget, BodyBudget.WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommonErrors.busy();
        }
        return switch (buffered.outcome()) {
            case READ -> buffered.bytes();
            case TOO_LARGE -> throw CommonErrors.tooLarge(Math.min(bufferLimit, budget.largestBody()));
            case BUSY -> throw CommonErrors.busy();
        };
    }

    /** Gives back what {@link #readAll} reserved in the budget; call once the request has been answered. */
    public void release() {
        if (buffered != null) {
            buffered.close();
        }
    }

    /** The AWS error a body verification failure stands for, or null when {@code e} is not one. */
    public static AwsErrorException toAwsError(Throwable e) {
        Throwable t = e;
        while (t != null) {
            AuthException auth = t instanceof BodyVerificationException b ? b.error() : t instanceof AuthException a ? a : null;
            if (auth != null) {
                return new AwsErrorException(auth.code(), auth.getMessage(), auth.status(), true, Map.copyOf(auth.details()));
            }
            t = t.getCause();
        }
        return null;
    }

    private static List<String> trailers(Headers headers) {
        List<String> names = new ArrayList<>();
        for (String v : headers.all("x-amz-trailer")) {
            for (String name : v.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new AwsErrorException("InvalidArgument", "Invalid length " + value, 400);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
