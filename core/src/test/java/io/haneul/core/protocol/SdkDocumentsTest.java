package io.haneul.core.protocol;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SdkDocumentsTest {

    @Test
    void nestedDocumentsRoundTrip() {
        BucketLifecycleConfiguration config = BucketLifecycleConfiguration.builder().rules(
                LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.and(a -> a.prefix("logs/").tags(Tag.builder().key("k").value("v").build())))
                        .expiration(e -> e.days(30))
                        .transitions(t -> t.days(7).storageClass(TransitionStorageClass.GLACIER)).build(),
                LifecycleRule.builder().id("old").status(ExpirationStatus.DISABLED).filter(f -> f.prefix(""))
                        .expiration(e -> e.date(Instant.parse("2030-01-01T00:00:00Z")))
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3)).build()).build();
        SdkDocuments documents = new SdkDocuments();
        String json = documents.write(config);
        assertEquals(config, documents.read(json, BucketLifecycleConfiguration.class), json);
    }
}
