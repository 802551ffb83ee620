package io.haneul.transcoder.domain;

import io.haneul.core.spi.ObjectStorage;
import software.amazon.awssdk.services.elastictranscoder.model.Encryption;

/**
 * A job's {@code Encryption} settings (input, output, thumbnails, captions) as Haneul can honour them.
 * {@code s3} and {@code s3-aws-kms} are S3's server-side encryption: outputs are written with SSE-S3
 * ({@code AES256}) or SSE-KMS under the pipeline's AwsKmsKeyArn (S3's default key when it has none),
 * and inputs so encrypted are read as any other object. The {@code aes-*} modes are the job's own
 * encryption and decryption ({@link AesKey}): their files are stored with the bucket's default.
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
}
