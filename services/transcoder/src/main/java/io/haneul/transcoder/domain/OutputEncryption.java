package io.haneul.transcoder.domain;

import io.haneul.core.spi.ObjectStorage;
import software.amazon.awssdk.services.elastictranscoder.model.Encryption;

/**
 * A job's {@code Encryption} settings (input, output, thumbnails, captions) as Haneul can honour them.
 * {@code s3} and {@code s3-aws-kms} are S3's server-side encryption: outputs are written with SSE-S3
 * ({@code AES256}) or SSE-KMS under the pipeline's AwsKmsKeyArn (S3's default key when it has none),
 * and inputs so encrypted are read as any other object. The {@code aes-*} modes hand Elastic Transcoder
 * a data key that is itself encrypted with KMS; Haneul has no KMS to decrypt it, so a job using them
 * fails as AWS's does when it cannot decrypt the key ({@code 4018}) rather than writing plain output.
 */
public final class OutputEncryption {

    private OutputEncryption() {
    }

    /** The S3 encryption for files written under these settings; null for none (S3's default) or an {@code aes-*} mode. */
    public static ObjectStorage.ServerSideEncryption serverSide(Encryption encryption, String pipelineKmsKeyArn) {
        if (encryption == null || encryption.mode() == null) {
            return null;
        }
        return switch (encryption.mode()) {
            case "s3" -> new ObjectStorage.ServerSideEncryption("AES256", null);
            case "s3-aws-kms" -> new ObjectStorage.ServerSideEncryption("aws:kms",
                    pipelineKmsKeyArn == null || pipelineKmsKeyArn.isEmpty() ? null : pipelineKmsKeyArn);
            default -> null;
        };
    }

    /** True for the modes whose data key needs KMS to decrypt ({@code aes-cbc-pkcs7}, {@code aes-ctr}, {@code aes-gcm}). */
    public static boolean needsKms(Encryption encryption) {
        return encryption != null && encryption.mode() != null && encryption.mode().startsWith("aes-");
    }

    /** The 4018 message for such settings (AWS's wording, with the reason Haneul cannot decrypt the key). */
    public static String undecryptableKey(Encryption encryption) {
        return "Elastic Transcoder was unable to decrypt the ciphered key with MD5=" + encryption.keyMd5()
                + " (mode " + encryption.mode() + ": Haneul has no KMS to decrypt the data key).";
    }
}
