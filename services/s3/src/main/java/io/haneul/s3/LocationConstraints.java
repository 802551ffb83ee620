package io.haneul.s3;

import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * The location constraints CreateBucket accepts: the regions of the model's
 * {@code BucketLocationConstraint} (with the legacy {@code EU}). {@code us-east-1} is not one (a bucket
 * there is created without a constraint), nor is {@code aws-global}, the SDKs' name for the global
 * endpoint: AWS answers both with {@code InvalidLocationConstraint}.
 */
final class LocationConstraints {

    private LocationConstraints() {
    }

    /** True when {@code constraint} names a region a bucket can be created in with a constraint. */
    static boolean valid(String constraint) {
        return BucketLocationConstraint.fromValue(constraint) != BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION;
    }
}
