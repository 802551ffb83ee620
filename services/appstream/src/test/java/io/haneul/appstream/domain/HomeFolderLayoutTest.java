package io.haneul.appstream.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where home folders are kept in S3, checked against AWS's documented example. */
class HomeFolderLayoutTest {

    @Test
    void apiUsersFolderIsTheLowercaseSha256OfTheUserIdUnderUserCustom() {
        // AWS's "Home folder formats" page: UserId testuser@mydomain.com
        assertEquals("user/custom/a0bcb1da11f480d9b5b3e90f91243143eac04cfccfbdc777e740fab628a1cd13/",
                HomeFolderLayout.apiUserPrefix("testuser@mydomain.com"));
    }

    @Test
    void bucketIsAwsOwnUnlessTheConnectorNamesOne() {
        assertEquals("appstream2-36fb080bb8-us-west-2-123456789012", HomeFolderLayout.bucket(null, "us-west-2", "123456789012"));
        assertEquals("appstream2-36fb080bb8-us-west-2-123456789012", HomeFolderLayout.bucket(" ", "us-west-2", "123456789012"));
        assertEquals("team-homes", HomeFolderLayout.bucket("team-homes", "us-west-2", "123456789012"));
        assertEquals("team-homes", HomeFolderLayout.bucket("arn:aws:s3:::team-homes", "us-west-2", "123456789012"));
        assertEquals("team-homes", HomeFolderLayout.bucket("arn:aws:s3:::team-homes/any/path", "us-west-2", "123456789012"));
    }
}
