package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.S3Exception;
import software.amazon.awssdk.services.s3.model.AbacStatus;
import software.amazon.awssdk.services.s3.model.BucketAbacStatus;
import software.amazon.awssdk.services.s3.model.GetBucketAbacRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAbacResponse;
import software.amazon.awssdk.services.s3.model.PutBucketAbacRequest;
import software.amazon.awssdk.services.s3.model.PutBucketAbacResponse;

/**
 * A bucket's attribute-based access control status (PutBucketAbac, GetBucketAbac), kept and returned.
 * Haneul's bucket policies do not evaluate tag conditions, so the status changes no decision (docs/s3.md).
 */
public final class BucketAbacApi {

    private final BucketConfigurations configs;

    BucketAbacApi(BucketConfigurations configs) {
        this.configs = configs;
    }

    public PutBucketAbacResponse putBucketAbac(RequestContext ctx, PutBucketAbacRequest r) {
        AbacStatus status = r.abacStatus();
        if (status == null || status.status() == null || status.status() == BucketAbacStatus.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.malformedXml();
        }
        configs.put(ctx, r.bucket(), Kind.ABAC, status);
        return PutBucketAbacResponse.builder().build();
    }

    /** The status set, or Disabled, which every bucket starts with. */
    public GetBucketAbacResponse getBucketAbac(RequestContext ctx, GetBucketAbacRequest r) {
        AbacStatus status = configs.get(ctx, r.bucket(), Kind.ABAC, AbacStatus.class)
                .orElse(AbacStatus.builder().status(BucketAbacStatus.DISABLED).build());
        return GetBucketAbacResponse.builder().abacStatus(status).build();
    }
}
