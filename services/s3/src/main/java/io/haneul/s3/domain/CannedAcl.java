package io.haneul.s3.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * S3's canned ACLs as the grants they stand for, beyond the owner's FULL_CONTROL. A grant is
 * (grantee kind, grantee value, permission): kind {@code id} (a canonical user) or {@code uri} (a group).
 */
public final class CannedAcl {

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    /** One grant: to a canonical user ({@code id}), a group ({@code uri}) or an e-mail address ({@code emailAddress}). */
    public record Grant(String kind, String value, String permission) {
    }

    private CannedAcl() {
    }

    /**
     * The grants of a canned ACL, the owner's first.
     *
     * @param bucketOwnerId the bucket owner's canonical id (for the bucket-owner-* ACLs of objects)
     * @throws S3Exception InvalidArgument for a name S3 does not know
     */
    public static List<Grant> grants(String name, String ownerId, String bucketOwnerId) {
        List<Grant> g = new ArrayList<>(List.of(new Grant("id", ownerId, "FULL_CONTROL")));
        switch (name.toLowerCase(Locale.ROOT)) {
            case "private" -> { }
            case "public-read" -> g.add(new Grant("uri", ALL_USERS, "READ"));
            case "public-read-write" -> {
                g.add(new Grant("uri", ALL_USERS, "READ"));
                g.add(new Grant("uri", ALL_USERS, "WRITE"));
            }
            case "authenticated-read" -> g.add(new Grant("uri", AUTHENTICATED_USERS, "READ"));
            case "aws-exec-read" -> { }
            case "log-delivery-write" -> {
                g.add(new Grant("uri", LOG_DELIVERY, "WRITE"));
                g.add(new Grant("uri", LOG_DELIVERY, "READ_ACP"));
            }
            case "bucket-owner-read" -> addUnlessOwner(g, ownerId, bucketOwnerId, "READ");
            case "bucket-owner-full-control" -> addUnlessOwner(g, ownerId, bucketOwnerId, "FULL_CONTROL");
            default -> throw S3Exception.invalidArgument(null, "x-amz-acl", name);
        }
        return g;
    }

    private static void addUnlessOwner(List<Grant> g, String ownerId, String bucketOwnerId, String permission) {
        if (!bucketOwnerId.equals(ownerId)) {
            g.add(new Grant("id", bucketOwnerId, permission));
        }
    }

    /**
     * Grants from an {@code x-amz-grant-*} header: a comma-separated list of {@code id="..."},
     * {@code uri="..."} or {@code emailAddress="..."}.
     */
    public static List<Grant> fromHeader(String header, String permission) {
        List<Grant> grants = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return grants;
        }
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw S3Exception.invalidArgument("Argument format not recognized", "x-amz-grant-" + permission.toLowerCase(Locale.ROOT), header);
            }
            String kind = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip().replaceAll("^\"|\"$", "");
            if (!kind.equals("id") && !kind.equals("uri") && !kind.equals("emailAddress")) {
                throw S3Exception.invalidArgument("Argument format not recognized", "x-amz-grant-" + permission.toLowerCase(Locale.ROOT), header);
            }
            grants.add(new Grant(kind, value, permission));
        }
        return grants;
    }

    /** Whether the grants give nothing beyond the owner's own control (what BucketOwnerEnforced allows). */
    public static boolean ownerOnly(List<Grant> grants, String ownerId) {
        return grants.stream().allMatch(g -> g.kind().equals("id") && g.value().equals(ownerId) && g.permission().equals("FULL_CONTROL"));
    }
}
