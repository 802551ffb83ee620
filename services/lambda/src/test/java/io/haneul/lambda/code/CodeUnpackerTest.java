package io.haneul.lambda.code;

import io.haneul.lambda.domain.LambdaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeUnpackerTest {

    @TempDir
    Path dir;

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> files(String... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put(nameThenContent[i], nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void unpacksOncePerHashAndDescribesTheCode() throws Exception {
        byte[] zip = zip(files("app.py", "x = 1\n", "lib/util.py", "y = 2\n", "bootstrap", "#!/bin/sh\n"));
        CodeUnpacker unpacker = new CodeUnpacker(dir.resolve("code"), 1_000_000);
        CodePackage pkg = unpacker.unpack(zip);
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)), pkg.sha256Base64());
        assertEquals(zip.length, pkg.size());
        assertEquals("y = 2\n", Files.readString(pkg.root().resolve("lib/util.py")));
        assertTrue(Files.isExecutable(pkg.root().resolve("bootstrap")));
        assertEquals(pkg.root(), unpacker.rootOf(pkg.sha256Base64()));

        Files.writeString(pkg.root().resolve("marker"), "kept");
        CodePackage again = unpacker.unpack(zip);
        assertEquals(pkg.root(), again.root());
        assertTrue(Files.exists(again.root().resolve("marker")), "the same code is not unpacked twice");
    }

    @Test
    void entriesLeavingThePackageAreRefused() throws Exception {
        CodeUnpacker unpacker = new CodeUnpacker(dir.resolve("code"), 1_000_000);
        for (String evil : new String[]{"../evil", "a/../../evil", "/etc/evil", "C:/evil", "..\\evil"}) {
            byte[] zip = zip(files("ok.py", "1", evil, "pwned"));
            LambdaException e = assertThrows(LambdaException.class, () -> unpacker.unpack(zip), evil);
            assertEquals("InvalidParameterValueException", e.code());
            assertTrue(e.getMessage().startsWith(CodeUnpacker.CORRUPT), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("evil")));
        try (var left = Files.list(dir.resolve("code"))) {
            assertEquals(0, left.count(), "nothing of a refused zip stays behind");
        }
    }

    @Test
    void zipBombsStopAtTheUnpackedLimit() throws Exception {
        byte[] zeros = new byte[2_000_000];
        byte[] zip = zip(Map.of("big.bin", zeros));
        assertTrue(zip.length < 50_000, "compresses well");
        LambdaException e = assertThrows(LambdaException.class, () -> new CodeUnpacker(dir.resolve("code"), 1_000_000).unpack(zip));
        assertEquals("Unzipped size must be smaller than 1000000 bytes", e.getMessage());
    }

    @Test
    void notAZipIsRefusedWithAwsMessage() {
        CodeUnpacker unpacker = new CodeUnpacker(dir.resolve("code"), 1_000_000);
        LambdaException e = assertThrows(LambdaException.class, () -> unpacker.unpack("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(CodeUnpacker.CORRUPT, e.getMessage());
    }

    @Test
    void sizeIsCountedFromInflatedBytesNotClaims() throws Exception {
        byte[] content = new byte[600_000];
        byte[] zip = zip(Map.of("a.bin", content, "b.bin", content));
        assertThrows(LambdaException.class, () -> new CodeUnpacker(dir.resolve("code"), 1_000_000).unpack(zip));
        CodePackage ok = new CodeUnpacker(dir.resolve("code2"), 2_000_000).unpack(zip);
        assertArrayEquals(content, Files.readAllBytes(ok.root().resolve("a.bin")));
    }
}
