package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

import static org.junit.jupiter.api.Assertions.assertThrows;

class ResponseStreamsTest {

    /** The timeout only guards the build against the hang this test is about; it asserts nothing about speed. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anErrorInTheStreamThreadFailsTheRequestInsteadOfLeavingItWaiting() {
        ResponseStreams streams = new ResponseStreams((account, region, endpoint, body, contentType, variant, inferenceId, call) -> {
            throw new StackOverflowError("the stream thread died");
        }, new StreamEvents(new ObjectMapper()));
        InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder().endpointName("e")
                .contentType("text/csv").body(SdkBytes.fromUtf8String("1,2")).build();
        assertThrows(IllegalStateException.class, () -> streams.start("000000000000", "us-east-1", request));
    }
}
