package io.haneul.rekognition.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResourceArnTest {

    static final String P = "arn:aws:rekognition:us-east-1:111111111111:";

    @Test
    void everyTaggableKindIsRead() {
        assertEquals(new ResourceArn(ResourceArn.Kind.COLLECTION, P + "collection/c", "c", null, 0),
                ResourceArn.parse("111111111111", "us-east-1", "aws:rekognition:us-east-1:111111111111:collection/c"));
        assertEquals(new ResourceArn(ResourceArn.Kind.STREAM_PROCESSOR, P + "streamprocessor/door", "door", null, 0),
                ResourceArn.parse("111111111111", "us-east-1", P + "streamprocessor/door"));
        assertEquals(new ResourceArn(ResourceArn.Kind.PROJECT, P + "project/p/17", "p", null, 17),
                ResourceArn.parse("111111111111", "us-east-1", ResourceArn.project("111111111111", "us-east-1", "p", 17)));
        assertEquals(new ResourceArn(ResourceArn.Kind.PROJECT_VERSION, P + "project/p/version/v1/18", "p", "v1", 18),
                ResourceArn.parse("111111111111", "us-east-1", ResourceArn.projectVersion("111111111111", "us-east-1", "p", "v1", 18)));
        assertEquals(new ResourceArn(ResourceArn.Kind.DATASET, P + "project/p/dataset/train/19", "p", "TRAIN", 19),
                ResourceArn.parse("111111111111", "us-east-1", ResourceArn.dataset("111111111111", "us-east-1", "p", "TRAIN", 19)));
    }

    @Test
    void anotherAccountsOrAnUnknownShapeIsNotFoundAndAForeignArnInvalid() {
        for (String arn : List.of("arn:aws:rekognition:us-east-1:222222222222:collection/c", P + "collection/", P + "project/p/x",
                P + "project/p/dataset/validate/1", P + "widget/w")) {
            assertEquals("ResourceNotFoundException",
                    assertThrows(RekognitionException.class, () -> ResourceArn.parse("111111111111", "us-east-1", arn)).code(), arn);
        }
        assertEquals("InvalidParameterException",
                assertThrows(RekognitionException.class, () -> ResourceArn.parse("111111111111", "us-east-1", "arn:aws:s3:::b")).code());
        assertEquals("ResourceNotFoundException", assertThrows(RekognitionException.class,
                () -> ResourceArn.parse("111111111111", "us-east-1", P + "streamprocessor/door", ResourceArn.Kind.PROJECT)).code());
    }
}
