package io.haneul.core.codec;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the generated values must bow to what the SDK client itself does with a member before or
 * after the wire: each rule names the member, and why the SDK (not the codec) forces it. Nothing
 * here hides a codec behaviour; the known codec gaps are in {@link KnownCodecGaps}.
 */
final class GenerationRules {

    /** What to do with a member. */
    enum Action { GENERATE, LEAVE_UNSET }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> S3_COPY_SOURCE_PARTS = Set.of("SourceBucket", "SourceKey", "SourceVersionId");

    private final String service;
    private final boolean request;

    GenerationRules(String service, boolean request) {
        this.service = service;
        this.request = request;
    }

    Action action(Class<?> owner, SdkField<?> field) {
        String owned = ownerName(owner);
        String member = field.memberName();
        if (service.equals("s3")) {
            // The SDK turns these conveniences into CopySource (x-amz-copy-source) and refuses both at once.
            if (request && S3_COPY_SOURCE_PARTS.contains(member)
                    && (owned.equals("CopyObjectRequest") || owned.equals("UploadPartCopyRequest"))) {
                return Action.LEAVE_UNSET;
            }
            // With it the SDK validates the body against the checksum headers; the generic codec carries no body.
            if (request && member.equals("ChecksumMode") && owned.equals("GetObjectRequest")) {
                return Action.LEAVE_UNSET;
            }
            // With "url" the SDK URL-decodes keys and prefixes, which the provider then must have encoded.
            if (!request && member.equals("EncodingType")) {
                return Action.LEAVE_UNSET;
            }
        }
        // EndpointId picks a multi-region endpoint, signed with SigV4a, which needs the CRT.
        if (service.equals("sesv2") && request && member.equals("EndpointId")) {
            return Action.LEAVE_UNSET;
        }
        return Action.GENERATE;
    }

    /** The model class a builder builds, e.g. {@code CopyObjectRequest} for its {@code BuilderImpl}. */
    private static String ownerName(Class<?> owner) {
        Class<?> c = owner.getEnclosingClass() != null ? owner.getEnclosingClass() : owner;
        return c.getSimpleName();
    }

    /** Values a string member is limited to, or null for any. */
    List<String> choices(Class<?> owner, SdkField<?> field) {
        // The S3 client checks the name of a bucket it creates is DNS-compatible (no '+', '%', space...).
        if (service.equals("s3") && request && field.memberName().equals("Bucket")
                && ownerName(owner).equals("CreateBucketRequest")) {
            return List.of("codec-test-bucket");
        }
        // SDK 2.40.2 computes these request checksums itself; CRC64NVME needs the CRT, and for the
        // XXHASH algorithms it knows nothing of, it sends CRC32 instead.
        if (service.equals("s3") && request && field.memberName().equals("ChecksumAlgorithm")
                && field.marshallingType() == MarshallingType.STRING) {
            return List.of("CRC32", "CRC32C", "SHA1", "SHA256");
        }
        return null;
    }

    /** Adjusts a filled builder, whose members were set to {@code values}: members that share one header must agree. */
    void finish(SdkPojo builder, Map<SdkField<?>, Object> values) {
        // S3's Expires header is read into both Expires (a timestamp) and ExpiresString.
        SdkField<?> instant = null;
        SdkField<?> text = null;
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.location() == MarshallLocation.HEADER && f.locationName().equals("Expires")) {
                if (f.marshallingType() == MarshallingType.INSTANT) {
                    instant = f;
                } else if (f.marshallingType() == MarshallingType.STRING) {
                    text = f;
                }
            }
        }
        if (instant != null && text != null) {
            Object value = values.get(instant);
            text.set(builder, value == null ? null : HTTP_DATE.format((Instant) value));
        }
    }
}
