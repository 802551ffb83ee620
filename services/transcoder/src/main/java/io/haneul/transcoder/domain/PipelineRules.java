package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.Permission;
import software.amazon.awssdk.services.elastictranscoder.model.PipelineOutputConfig;

import java.util.List;
import java.util.Set;

/**
 * What CreatePipeline and UpdatePipeline accept for where outputs go: either {@code OutputBucket}, or
 * {@code ContentConfig} and {@code ThumbnailConfig} together, each with a bucket and at most 30 grantees
 * (a {@code Group} grantee is one of S3's predefined groups).
 */
public final class PipelineRules {

    private static final Set<String> GROUPS = Set.of("AllUsers", "AuthenticatedUsers", "LogDelivery");

    private PipelineRules() {
    }

    /** Checks the output settings of a pipeline as they will be stored. */
    public static void checkOutputs(String outputBucket, PipelineOutputConfig content, PipelineOutputConfig thumbnails) {
        boolean contentBucket = content != null && content.bucket() != null;
        boolean thumbnailBucket = thumbnails != null && thumbnails.bucket() != null;
        if (outputBucket != null && (contentBucket || thumbnailBucket)) {
            throw TranscoderException.validation(
                    "If you specify OutputBucket, you cannot specify ContentConfig:Bucket or ThumbnailConfig:Bucket.");
        }
        if (outputBucket == null) {
            if (!contentBucket && !thumbnailBucket) {
                throw TranscoderException.validation("You must specify either OutputBucket or ContentConfig:Bucket and ThumbnailConfig:Bucket.");
            }
            if (!contentBucket) {
                throw TranscoderException.validation("If you specify ThumbnailConfig, you must also specify ContentConfig:Bucket.");
            }
            if (!thumbnailBucket) {
                throw TranscoderException.validation("If you specify ContentConfig, you must also specify ThumbnailConfig:Bucket.");
            }
        }
        checkPermissions("ContentConfig", content);
        checkPermissions("ThumbnailConfig", thumbnails);
    }

    private static void checkPermissions(String name, PipelineOutputConfig config) {
        if (config == null || !config.hasPermissions()) {
            return;
        }
        List<Permission> permissions = config.permissions();
        if (permissions.size() > 30) {
            throw TranscoderException.validation(name + ":Permissions can contain at most 30 grantees.");
        }
        for (Permission p : permissions) {
            if (p.granteeType() == null || p.grantee() == null) {
                throw TranscoderException.validation(name + ":Permissions:GranteeType and Grantee are required.");
            }
            if (p.granteeType().equals("Group") && !GROUPS.contains(p.grantee())) {
                throw TranscoderException.validation(name + ":Permissions:Grantee " + p.grantee()
                        + " is not valid for GranteeType Group; valid values are AllUsers, AuthenticatedUsers and LogDelivery.");
            }
            if (!p.hasAccess() || p.access().isEmpty()) {
                throw TranscoderException.validation(name + ":Permissions:Access must name at least one of Read, ReadAcp, WriteAcp and FullControl.");
            }
        }
    }
}
