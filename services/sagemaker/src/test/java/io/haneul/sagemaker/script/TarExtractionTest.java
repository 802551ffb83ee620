package io.haneul.sagemaker.script;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarExtractionTest {

    @Test
    void entriesThatClimbOutOfTheFolderAreRefused(@TempDir Path dir) throws IOException {
        byte[] tgz = tgz(file("../../escape.py", "x"));
        Path into = Files.createDirectories(dir.resolve("code"));
        assertThrows(TarExtraction.Refused.class, () -> TarExtraction.extract(new ByteArrayInputStream(tgz), into, 1000));
        assertFalse(Files.exists(dir.getParent().resolve("escape.py")));
    }

    @Test
    void anArchiveThatUnpacksPastTheCapIsRefused(@TempDir Path dir) throws IOException {
        byte[] tgz = tgz(file("a.bin", "0".repeat(600)), file("b.bin", "0".repeat(600)));
        TarExtraction.Refused e = assertThrows(TarExtraction.Refused.class,
                () -> TarExtraction.extract(new ByteArrayInputStream(tgz), dir, 1000));
        assertTrue(e.getMessage().contains("b.bin"), e.getMessage());
    }

    @Test
    void linksAndFifosAreSkippedAndFilesUnpacked(@TempDir Path dir) throws Exception {
        TarArchiveEntry link = new TarArchiveEntry("passwd", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        TarArchiveEntry hard = new TarArchiveEntry("hard", TarArchiveEntry.LF_LINK);
        hard.setLinkName("train.py");
        TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarArchiveEntry.LF_FIFO);
        byte[] tgz = tgz(file("train.py", "print(1)"), new Item(link, null), new Item(hard, null), new Item(fifo, null));
        TarExtraction.extract(new ByteArrayInputStream(tgz), dir, 1000);
        assertEquals("print(1)", Files.readString(dir.resolve("train.py")));
        assertFalse(Files.exists(dir.resolve("passwd"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("hard")));
        assertFalse(Files.exists(dir.resolve("pipe")));
    }

    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private static Item file(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        return new Item(e, bytes);
    }

    private static byte[] tgz(Item... items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (Item i : items) {
                tar.putArchiveEntry(i.entry());
                if (i.content() != null) {
                    tar.write(i.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
