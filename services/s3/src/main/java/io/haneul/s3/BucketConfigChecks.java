package io.haneul.s3;

import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import software.amazon.awssdk.services.s3.model.AccelerateConfiguration;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.Payer;
import software.amazon.awssdk.services.s3.model.RequestPaymentConfiguration;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.InventoryConfiguration;
import software.amazon.awssdk.services.s3.model.InventoryFormat;
import software.amazon.awssdk.services.s3.model.InventoryFrequency;
import software.amazon.awssdk.services.s3.model.InventoryIncludedObjectVersions;
import software.amazon.awssdk.services.s3.model.InventoryOptionalField;
import software.amazon.awssdk.services.s3.model.InventoryS3BucketDestination;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.WebsiteConfiguration;

import java.time.Instant;
import java.time.ZoneOffset;

/** The checks S3 makes on bucket configuration documents before it accepts one, with its error codes and messages. */
final class BucketConfigChecks {


    private BucketConfigChecks() {
    }

    static void lifecycle(BucketLifecycleConfiguration c) {
        if (c == null || c.rules().isEmpty() || c.rules().size() > 1000) {
            throw S3Exception.malformedXml();
        }
        BucketConfigurationOperations.uniqueIds(c.rules().stream().map(LifecycleRule::id).toList(),
                "Rule ID must be unique. Found same ID for more than one rule");
        for (LifecycleRule rule : c.rules()) {
            if (rule.id() != null && rule.id().length() > 255) {
                throw new S3Exception(S3Error.InvalidArgument, "ID length should not exceed allowed limit of 255");
            }
            boolean hasAction = rule.expiration() != null || rule.hasTransitions() && !rule.transitions().isEmpty()
                    || rule.noncurrentVersionExpiration() != null
                    || rule.hasNoncurrentVersionTransitions() && !rule.noncurrentVersionTransitions().isEmpty()
                    || rule.abortIncompleteMultipartUpload() != null;
            if (!hasAction) {
                throw new S3Exception(S3Error.InvalidRequest, "At least one action needs to be specified in a rule");
            }
            if (rule.noncurrentVersionExpiration() != null && rule.noncurrentVersionExpiration().noncurrentDays() != null
                    && rule.noncurrentVersionExpiration().noncurrentDays() <= 0) {
                throw new S3Exception(S3Error.InvalidArgument, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            }
            if (rule.abortIncompleteMultipartUpload() != null && rule.abortIncompleteMultipartUpload().daysAfterInitiation() != null
                    && rule.abortIncompleteMultipartUpload().daysAfterInitiation() <= 0) {
                throw new S3Exception(S3Error.InvalidArgument,
                        "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            }
            if (rule.hasTransitions() && rule.transitions().stream().anyMatch(t -> t.days() != null && t.days() < 0)) {
                throw new S3Exception(S3Error.InvalidArgument, "'Days' in Transition action must be nonnegative");
            }
            LifecycleExpiration e = rule.expiration();
            if (e != null) {
                if (e.days() != null && e.days() <= 0) {
                    throw new S3Exception(S3Error.InvalidArgument, "'Days' for Expiration action must be a positive integer");
                }
                if (e.date() != null && !isMidnightUtc(e.date())) {
                    throw new S3Exception(S3Error.InvalidArgument, "'Date' must be at midnight GMT");
                }
            }
        }
    }

    private static boolean isMidnightUtc(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0;
    }

    static void encryption(ServerSideEncryptionConfiguration c) {
        if (c == null || c.rules().isEmpty()) {
            throw S3Exception.malformedXml();
        }
        for (ServerSideEncryptionRule rule : c.rules()) {
            ServerSideEncryptionByDefault d = rule.applyServerSideEncryptionByDefault();
            if (d == null || d.sseAlgorithmAsString() == null) {
                throw S3Exception.malformedXml();
            }
            if (d.kmsMasterKeyID() != null && !d.sseAlgorithmAsString().startsWith("aws:kms")) {
                throw new S3Exception(S3Error.InvalidArgument,
                        "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
            }
        }
    }

    static void website(WebsiteConfiguration c) {
        if (c == null) {
            throw S3Exception.malformedXml();
        }
        boolean routing = c.indexDocument() != null || c.errorDocument() != null || c.hasRoutingRules() && !c.routingRules().isEmpty();
        if (c.redirectAllRequestsTo() != null) {
            if (routing) {
                throw new S3Exception(S3Error.InvalidArgument, "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.");
            }
            return;
        }
        if (c.indexDocument() == null) {
            throw new S3Exception(S3Error.InvalidArgument, "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty");
        }
        String suffix = c.indexDocument().suffix();
        if (suffix == null || suffix.isEmpty() || suffix.contains("/")) {
            throw new S3Exception(S3Error.InvalidArgument, "The IndexDocument Suffix is not well formed");
        }
        if (c.hasRoutingRules()) {
            for (software.amazon.awssdk.services.s3.model.RoutingRule rule : c.routingRules()) {
                if (rule.redirect() == null) {
                    throw S3Exception.malformedXml();
                }
                String code = rule.redirect().httpRedirectCode();
                if (code != null && !code.matches("3\\d\\d") || "300".equals(code)) {
                    throw new S3Exception(S3Error.InvalidArgument, "The provided HTTP redirect code (" + code
                            + ") is not valid. Valid codes are 3XX except 300.");
                }
                String onError = rule.condition() == null ? null : rule.condition().httpErrorCodeReturnedEquals();
                if (onError != null && !onError.matches("[45]\\d\\d")) {
                    throw new S3Exception(S3Error.InvalidArgument, "The provided HTTP error code (" + onError
                            + ") is not valid. Valid codes are 4XX or 5XX.");
                }
            }
        }
    }

    static void replication(ReplicationConfiguration c) {
        if (c == null || c.rules().isEmpty() || c.rules().size() > 1000) {
            throw S3Exception.malformedXml();
        }
        BucketConfigurationOperations.uniqueIds(c.rules().stream().map(ReplicationRule::id).toList(),
                "Rule Id must be unique. Found same ID for more than one rule");
        for (ReplicationRule rule : c.rules()) {
            if (rule.destination() == null || rule.destination().bucket() == null) {
                throw S3Exception.malformedXml();
            }
        }
    }

    static void objectLock(ObjectLockConfiguration c) {
        if (c == null || !"Enabled".equals(c.objectLockEnabledAsString())) {
            throw S3Exception.malformedXml(); // Object Lock, once on, cannot be turned off
        }
        if (c.rule() == null) {
            return;
        }
        DefaultRetention r = c.rule().defaultRetention();
        if (r == null || r.modeAsString() == null || (r.days() == null) == (r.years() == null)) {
            throw S3Exception.malformedXml();
        }
        Integer period = r.days() != null ? r.days() : r.years();
        if (period <= 0) {
            throw new S3Exception(S3Error.InvalidArgument, "Default retention period must be a positive integer value.");
        }
        if (r.days() != null ? r.days() > 36_500 : r.years() > 100) {
            throw new S3Exception(S3Error.InvalidArgument, "Default retention period is too large.");
        }
        if (!"GOVERNANCE".equals(r.modeAsString()) && !"COMPLIANCE".equals(r.modeAsString())) {
            throw S3Exception.malformedXml();
        }
    }

    /** Acceleration: Enabled or Suspended, else AWS's MalformedXML. */
    static void accelerate(AccelerateConfiguration c) {
        if (c == null || c.status() == null || c.status() == BucketAccelerateStatus.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.malformedXml();
        }
    }

    /** Request payment: Requester or BucketOwner, else AWS's MalformedXML. */
    static void requestPayment(RequestPaymentConfiguration c) {
        if (c == null || c.payer() == null || c.payer() == Payer.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.malformedXml();
        }
    }

    /** Ownership controls: exactly one rule naming a known ObjectOwnership, else AWS's MalformedXML. */
    static void ownership(OwnershipControls c) {
        if (c == null || c.rules().size() != 1 || c.rules().getFirst().objectOwnership() == null
                || c.rules().getFirst().objectOwnership() == ObjectOwnership.UNKNOWN_TO_SDK_VERSION) {
            throw S3Exception.malformedXml();
        }
    }

    /**
     * Inventory: the members the schema requires (destination bucket and format, enabled flag, included
     * versions, schedule) with the model's values, else AWS's MalformedXML.
     */
    static void inventory(InventoryConfiguration c) {
        if (c == null || c.isEnabled() == null || c.destination() == null || c.destination().s3BucketDestination() == null) {
            throw S3Exception.malformedXml();
        }
        InventoryS3BucketDestination d = c.destination().s3BucketDestination();
        if (d.bucket() == null || d.format() == null || d.format() == InventoryFormat.UNKNOWN_TO_SDK_VERSION
                || c.includedObjectVersions() == null || c.includedObjectVersions() == InventoryIncludedObjectVersions.UNKNOWN_TO_SDK_VERSION
                || c.schedule() == null || c.schedule().frequency() == null
                || c.schedule().frequency() == InventoryFrequency.UNKNOWN_TO_SDK_VERSION
                || c.optionalFields().contains(InventoryOptionalField.UNKNOWN_TO_SDK_VERSION)) {
            throw S3Exception.malformedXml();
        }
    }
}
