package io.haneul.sagemaker.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Triton-protocol inputs a tensor cannot hold are the client's error, as Triton answers them. */
class InferenceInputsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlgorithmException clientError(org.junit.jupiter.api.function.Executable call) {
        AlgorithmException e = assertThrows(AlgorithmException.class, call);
        assertTrue(e.clientError(), e.getMessage());
        return e;
    }

    @Test
    void aShapeWhoseElementCountOverflowsIsRefused() {
        // 2^32 · 2^32 wraps to 0 in a long product: the two empty data would otherwise pass as the right count
        byte[] body = """
                {"inputs": [{"name": "x", "shape": [4294967296, 4294967296], "datatype": "FP32", "data": []}]}"""
                .getBytes(StandardCharsets.UTF_8);
        AlgorithmException e = clientError(() -> InferenceJson.read(body));
        assertTrue(e.getMessage().contains("holds more than"), e.getMessage());
    }

    @Test
    void integerInputsTakeWholeNumbersInTheirRange() throws Exception {
        InferenceJson.Input in = new InferenceJson.Input("x", new long[]{1}, "INT32", List.of());
        assertEquals(7, Tensors.integer(JSON.readTree("7"), in, Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(3, Tensors.integer(JSON.readTree("3.0"), in, Integer.MIN_VALUE, Integer.MAX_VALUE), "a CSV cell 3 is parsed as 3.0");
        assertTrue(clientError(() -> Tensors.integer(JSON.readTree("1.5"), in, Integer.MIN_VALUE, Integer.MAX_VALUE)).getMessage()
                .contains("not a whole number"));
        assertTrue(clientError(() -> Tensors.integer(JSON.readTree("2147483648"), in, Integer.MIN_VALUE, Integer.MAX_VALUE)).getMessage()
                .contains("out of its range"));
        JsonNode huge = JSON.readTree("9223372036854775808");
        assertTrue(clientError(() -> Tensors.integer(huge, in, Long.MIN_VALUE, Long.MAX_VALUE)).getMessage().contains("out of its range"));
        assertTrue(clientError(() -> Tensors.integer(JSON.readTree("1e300"), in, Long.MIN_VALUE, Long.MAX_VALUE)).getMessage()
                .contains("out of its range"));
    }
}
