package io.haneul.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.NotificationChannel;
import software.amazon.awssdk.services.rekognition.model.Video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class VideoNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBodyIsAwssWithTheJobTagOnlyWhenGiven() throws Exception {
        Video video = Video.builder().s3Object(o -> o.bucket("media").name("clips/a.mp4")).build();
        NotificationChannel channel = NotificationChannel.builder().snsTopicArn("arn:aws:sns:us-east-1:111111111111:t").build();
        JsonNode tagged = JSON.readTree(VideoNotices.body("abc", VideoKind.LABEL_DETECTION, new VideoJobs.Common(video, "tag-1", channel),
                "SUCCEEDED", 1502230160926L));
        assertEquals(JSON.readTree("""
                {"JobId": "abc", "Status": "SUCCEEDED", "API": "LABEL_DETECTION", "JobTag": "tag-1", "Timestamp": 1502230160926,
                 "Video": {"S3ObjectName": "clips/a.mp4", "S3Bucket": "media"}}"""), tagged);
        JsonNode untagged = JSON.readTree(VideoNotices.body("abc", VideoKind.SEGMENT_DETECTION, new VideoJobs.Common(video, null, channel),
                "FAILED", 1L));
        assertFalse(untagged.has("JobTag"));
        assertEquals("SEGMENT_DETECTION", untagged.get("API").asText());
    }
}
