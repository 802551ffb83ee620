package io.haneul.lambda.code;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptDirectoryTest {

    @TempDir
    Path dir;

    Path layer(String name, String... pathsAndContents) throws IOException {
        Path root = dir.resolve("code").resolve(name);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = root.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return root;
    }

    @Test
    void laterLayersReplaceEarlierFilesAndTheRestIsKept() throws IOException {
        Path a = layer("a", "python/shared.py", "a", "python/only_a.py", "a");
        Path b = layer("b", "python/shared.py", "b", "bin/tool", "#!/bin/sh\n");
        OptDirectory opt = new OptDirectory(dir.resolve("opt"));

        Path ab = opt.of(List.of(a, b));
        assertEquals("b", Files.readString(ab.resolve("python/shared.py")));
        assertEquals("a", Files.readString(ab.resolve("python/only_a.py")));
        assertTrue(Files.isExecutable(ab.resolve("bin/tool")), "bin/ files are executable");

        Path ba = opt.of(List.of(b, a));
        assertNotEquals(ab, ba, "one directory per order");
        assertEquals("a", Files.readString(ba.resolve("python/shared.py")));
        assertEquals(ab, opt.of(List.of(a, b)), "the same layers in the same order share a directory");
        assertEquals("a", Files.readString(a.resolve("python/shared.py")), "the layers themselves are untouched");
    }
}
