package io.haneul.s3.store;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class RemoteBlobLocationTest {

    @Test
    void endpointUrlsArePathStyleWithAnOptionalPrefix() {
        RemoteBlobLocation l = RemoteBlobLocation.parse("http://minio:9000/blobs/haneul/node-1/");
        assertEquals(Optional.of(URI.create("http://minio:9000")), l.endpoint());
        assertEquals("blobs", l.bucket());
        assertEquals("haneul/node-1/abc", l.key("abc"));
        RemoteBlobLocation bare = RemoteBlobLocation.parse("https://storage.example.com/blobs");
        assertEquals("blobs", bare.bucket());
        assertEquals("abc", bare.key("abc"));
    }

    @Test
    void s3UrlsUseAwsItself() {
        RemoteBlobLocation l = RemoteBlobLocation.parse("s3://my-bucket/prefix");
        assertEquals(Optional.empty(), l.endpoint());
        assertEquals("my-bucket", l.bucket());
        assertEquals("prefix/x", l.key("x"));
    }

    @Test
    void badUrlsAreRefusedWithTheOptionNamed() {
        for (String bad : new String[]{"ftp://host/b", "http://host/", "http://host", "s3://", "not a url", "http://key:secret@host/b", "ftp://key:secret@host/b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteBlobLocation.parse(bad), bad);
            assertTrue(e.getMessage().contains("--s3-blob-url"), e.getMessage());
            assertFalse(e.getMessage().contains("key:secret"), "credentials in a refused URL are not echoed");
        }
    }
}
