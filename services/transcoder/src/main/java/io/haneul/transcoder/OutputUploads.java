package io.haneul.transcoder;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.transcoder.domain.AesKey;
import io.haneul.transcoder.domain.OutputEncryption;
import io.haneul.transcoder.domain.OutputGrants;
import io.haneul.transcoder.domain.OutputStorageClass;
import io.haneul.transcoder.engine.ProducedFile;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionFormat;
import software.amazon.awssdk.services.elastictranscoder.model.Encryption;
import software.amazon.awssdk.services.elastictranscoder.model.JobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import software.amazon.awssdk.services.elastictranscoder.model.PipelineOutputConfig;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes a job's produced files where the pipeline says: thumbnails to the ThumbnailConfig bucket, the
 * rest to the ContentConfig bucket, under the job's OutputKeyPrefix; each with the ACL of that
 * configuration's Permissions, in its StorageClass, and with the server-side encryption its output's
 * Encryption settings ask for, or encrypted with their aes-* key (media, segments, thumbnails and captions;
 * playlists and HLS key files never are).
 */
final class OutputUploads {

    /** Sidecar caption files' extensions by CaptionFormat, to find a caption file's Encryption setting. */
    private static final Map<String, String> CAPTION_EXTENSIONS = Map.of("srt", ".srt", "webvtt", ".vtt", "dfxp", ".dfxp");

    /** Where one kind of file goes: the bucket, the ACL it gets (empty: S3's default) and its storage class (null: STANDARD). */
    private record Destination(String bucket, List<ObjectStorage.Grant> grants, String storageClass) {
        static Destination of(PipelineOutputConfig config) {
            return new Destination(config.bucket(), OutputGrants.of(config), OutputStorageClass.of(config));
        }
    }

    private final Transfers transfers;
    private final String region;
    private final String prefix;
    private final Destination content;
    private final Destination thumbnails;
    private final String kmsKeyArn;

    OutputUploads(Transfers transfers, String region, Pipeline pipeline, String prefix) {
        this.transfers = transfers;
        this.region = region;
        this.prefix = prefix;
        this.content = Destination.of(pipeline.contentConfig());
        this.thumbnails = Destination.of(pipeline.thumbnailConfig());
        this.kmsKeyArn = pipeline.awsKmsKeyArn();
    }

    /**
     * @param output the output the files belong to (its Encryption settings), null for a playlist's files
     * @throws ObjectStorage.ObjectStorageException when S3 refuses a write or an ACL
     */
    void upload(List<ProducedFile> files, JobOutput output) {
        for (ProducedFile f : files) {
            Destination to = f.kind() == ProducedFile.Kind.THUMBNAIL ? thumbnails : content;
            Encryption encryption = encryptionOf(output, f);
            UnaryOperator<InputStream> encode = AesKey.isAes(encryption) ? AesKey.of(encryption)::encrypting : UnaryOperator.identity();
            transfers.upload(region, to.bucket(), prefix + f.key(), f, to.grants(),
                    OutputEncryption.serverSide(encryption, kmsKeyArn), to.storageClass(), encode);
        }
    }

    /**
     * The output with a generated key and initialization vector in each aes-* Encryption setting (output,
     * thumbnails, caption formats) that names none, as ReadJob then reports them; other settings as they are.
     */
    static JobOutput withGeneratedKeys(JobOutput o, SecureRandom random) {
        JobOutput.Builder b = o.toBuilder().encryption(generated(o.encryption(), random))
                .thumbnailEncryption(generated(o.thumbnailEncryption(), random));
        if (o.captions() != null && o.captions().hasCaptionFormats()) {
            List<CaptionFormat> formats = new ArrayList<>();
            for (CaptionFormat f : o.captions().captionFormats()) {
                formats.add(f.encryption() == null ? f : f.toBuilder().encryption(generated(f.encryption(), random)).build());
            }
            b.captions(o.captions().toBuilder().captionFormats(formats).build());
        }
        return b.build();
    }

    private static Encryption generated(Encryption e, SecureRandom random) {
        return AesKey.toGenerate(e) ? AesKey.generate(e.mode(), random).toEncryption() : e;
    }

    /** The Encryption an output asks for one of its files: thumbnails, sidecar captions (by format) or the rest. */
    private static Encryption encryptionOf(JobOutput o, ProducedFile f) {
        if (o == null) {
            return null; // master playlists: the bucket's default
        }
        return switch (f.kind()) {
            case THUMBNAIL -> o.thumbnailEncryption();
            case CAPTION -> o.captions() == null ? null : o.captions().captionFormats().stream()
                    .filter(c -> f.key().endsWith(CAPTION_EXTENSIONS.getOrDefault(c.format(), "." + c.format())))
                    .map(CaptionFormat::encryption).filter(Objects::nonNull).findFirst().orElse(null);
            case KEY -> null;
            case PLAYLIST -> AesKey.isAes(o.encryption()) ? null : o.encryption(); // a playlist is never aes-encrypted
            default -> o.encryption();
        };
    }
}
