package io.haneul.transcoder.domain;

import io.haneul.core.spi.ObjectStorage;
import software.amazon.awssdk.services.elastictranscoder.model.Permission;
import software.amazon.awssdk.services.elastictranscoder.model.PipelineOutputConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's ContentConfig or ThumbnailConfig {@code Permissions} as the S3 ACL grants of the files
 * written to that bucket. As in Elastic Transcoder, the list is the whole ACL: the grantees get exactly
 * the access named (one grant per Access value), and nobody else, not even the pipeline's role owner,
 * gets anything unless listed. Without Permissions the objects keep S3's default (the owner's full control).
 */
public final class OutputGrants {

    private static final Map<String, String> GROUP_URIS = Map.of(
            "AllUsers", "http://acs.amazonaws.com/groups/global/AllUsers",
            "AuthenticatedUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
            "LogDelivery", "http://acs.amazonaws.com/groups/s3/LogDelivery");
    private static final Map<String, String> PERMISSIONS = Map.of(
            "Read", "READ", "ReadAcp", "READ_ACP", "WriteAcp", "WRITE_ACP", "FullControl", "FULL_CONTROL");

    private OutputGrants() {
    }

    /** The grants for the bucket's files, or an empty list when the configuration names no Permissions. */
    public static List<ObjectStorage.Grant> of(PipelineOutputConfig config) {
        List<ObjectStorage.Grant> grants = new ArrayList<>();
        if (config == null || !config.hasPermissions()) {
            return grants;
        }
        for (Permission p : config.permissions()) {
            ObjectStorage.GranteeType type = switch (p.granteeType()) {
                case "Canonical" -> ObjectStorage.GranteeType.CANONICAL_USER;
                case "Email" -> ObjectStorage.GranteeType.EMAIL;
                case "Group" -> ObjectStorage.GranteeType.GROUP;
                default -> throw new IllegalArgumentException("GranteeType " + p.granteeType());
            };
            String grantee = type == ObjectStorage.GranteeType.GROUP ? GROUP_URIS.get(p.grantee()) : p.grantee();
            for (String access : p.access()) {
                grants.add(new ObjectStorage.Grant(type, grantee, PERMISSIONS.get(access)));
            }
        }
        return grants;
    }
}
