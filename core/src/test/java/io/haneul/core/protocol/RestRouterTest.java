package io.haneul.core.protocol;

import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestRouterTest {

    private static final ServiceModel S3 = new ModelLoader().load("s3-2006-03-01");
    private final RestRouter router = new RestRouter();

    @Test
    void xIdNamesTheOperationAmongTemplatesThatMatch() {
        assertEquals("ListBuckets", router.route(S3, "GET", "/", Map.of()).operation());
        assertEquals("ListDirectoryBuckets", router.route(S3, "GET", "/", Map.of("x-id", List.of("ListDirectoryBuckets"))).operation());
        assertEquals("ListBuckets", router.route(S3, "GET", "/", Map.of("x-id", List.of("ListBuckets"))).operation());
        // an x-id naming an operation whose template does not match changes nothing
        assertEquals("GetObject", router.route(S3, "GET", "/b/k", Map.of("x-id", List.of("ListDirectoryBuckets"))).operation());
    }

    @Test
    void xIdDoesNotOverrideTheRanking() {
        assertEquals("ListParts", router.route(S3, "GET", "/b/k",
                Map.of("uploadId", List.of("u"), "x-id", List.of("GetObject"))).operation());
        assertEquals("AbortMultipartUpload", router.route(S3, "DELETE", "/b/k",
                Map.of("uploadId", List.of("u"), "x-id", List.of("DeleteObject"))).operation());
        assertEquals("GetObject", router.route(S3, "GET", "/b/k", Map.of("x-id", List.of("GetObject"))).operation());
    }
}
