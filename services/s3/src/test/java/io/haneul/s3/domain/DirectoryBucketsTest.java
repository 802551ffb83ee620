package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryBucketsTest {

    private static DirectoryBuckets.Requested zone(String type, String name, String redundancy) {
        return new DirectoryBuckets.Requested(type, name, "Directory", redundancy, null);
    }

    private static String code(Runnable r) {
        return assertThrows(S3Exception.class, r::run).error().name();
    }

    @Test
    void namesCarryTheirZone() {
        assertEquals("use1-az4", DirectoryBuckets.zoneId("photos--use1-az4--x-s3"));
        assertEquals("usw2-lax1-az1", DirectoryBuckets.zoneId("edge--usw2-lax1-az1--x-s3"));
        assertNull(DirectoryBuckets.zoneId("photos-use1-az4--x-s3"));
        assertNull(DirectoryBuckets.zoneId("photos--use1-az4"));
        assertTrue(DirectoryBuckets.isDirectory("photos--use1-az4--x-s3"));
        assertFalse(DirectoryBuckets.isDirectory("photos"));
    }

    @Test
    void namingRules() {
        DirectoryBuckets.checkName("a--use1-az4--x-s3");
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkName("Photos--use1-az4--x-s3")));
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkName("my.photos--use1-az4--x-s3")));
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkName("-photos--use1-az4--x-s3")));
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkName("xn--photos--use1-az4--x-s3")));
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkName("p".repeat(48) + "--use1-az4--x-s3")));
    }

    @Test
    void configurationFitsTheName() {
        assertEquals(new DirectoryBuckets.Placement("AvailabilityZone", "SingleAvailabilityZone"),
                DirectoryBuckets.check("a--use1-az4--x-s3", zone("AvailabilityZone", "use1-az4", null)));
        assertEquals(new DirectoryBuckets.Placement("LocalZone", "SingleLocalZone"),
                DirectoryBuckets.check("a--usw2-lax1-az1--x-s3", zone("LocalZone", "usw2-lax1-az1", "SingleLocalZone")));
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.check("a--use1-az4--x-s3", zone("AvailabilityZone", "use1-az5", null))));
        assertEquals("InvalidRequest", code(() -> DirectoryBuckets.check("a--use1-az4--x-s3", zone(null, null, null))));
        assertEquals("InvalidRequest", code(() -> DirectoryBuckets.check("a--use1-az4--x-s3",
                zone("AvailabilityZone", "use1-az4", "SingleLocalZone"))));
        assertEquals("MalformedXML", code(() -> DirectoryBuckets.check("a--use1-az4--x-s3", zone("Region", "use1-az4", null))));
        assertEquals("InvalidRequest", code(() -> DirectoryBuckets.check("a--use1-az4--x-s3",
                new DirectoryBuckets.Requested("AvailabilityZone", "use1-az4", "Directory", null, "us-west-2"))));
    }

    @Test
    void zoneIdsBeginWithTheirRegionsShortCode() {
        assertEquals("use1", DirectoryBuckets.regionCode("us-east-1"));
        assertEquals("usw2", DirectoryBuckets.regionCode("us-west-2"));
        assertEquals("apne1", DirectoryBuckets.regionCode("ap-northeast-1"));
        assertEquals("apse2", DirectoryBuckets.regionCode("ap-southeast-2"));
        assertEquals("euc1", DirectoryBuckets.regionCode("eu-central-1"));
        assertEquals("usgw1", DirectoryBuckets.regionCode("us-gov-west-1"));
        assertNull(DirectoryBuckets.regionCode("aws-global"));
        assertTrue(DirectoryBuckets.inRegion("use1-az4", "us-east-1"));
        assertTrue(DirectoryBuckets.inRegion("usw2-lax1-az1", "us-west-2"));
        assertFalse(DirectoryBuckets.inRegion("usw2-az1", "us-east-1"));
        assertFalse(DirectoryBuckets.inRegion("use1-az4", "us-east-2"));
        assertFalse(DirectoryBuckets.inRegion(null, "us-east-1"));
    }

    @Test
    void aZoneOutsideTheSignedRegionMakesTheNameInvalid() {
        DirectoryBuckets.checkZoneIn("a--apne1-az4--x-s3", "ap-northeast-1");
        assertEquals("InvalidBucketName", code(() -> DirectoryBuckets.checkZoneIn("a--usw2-az1--x-s3", "us-east-1")));
    }
}
