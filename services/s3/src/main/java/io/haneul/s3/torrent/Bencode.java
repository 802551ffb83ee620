package io.haneul.s3.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * BitTorrent's bencoding (BEP 3) of the values a metainfo file holds: byte strings ({@code byte[]},
 * or text as UTF-8), integers, lists and dictionaries, whose keys are written in the raw byte order of
 * their UTF-8 form, as the format requires.
 */
public final class Bencode {

    private Bencode() {
    }

    /** The bencoded bytes of {@code value}. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case byte[] bytes -> {
                out.writeBytes(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                out.write(':');
                out.writeBytes(bytes);
            }
            case String text -> write(out, text.getBytes(StandardCharsets.UTF_8));
            case Long n -> ascii(out, "i" + n + "e");
            case Integer n -> ascii(out, "i" + n + "e");
            case List<?> list -> {
                out.write('l');
                list.forEach(item -> write(out, item));
                out.write('e');
            }
            case Map<?, ?> map -> {
                out.write('d');
                map.entrySet().stream().map(e -> Map.<byte[], Object>entry(((String) e.getKey()).getBytes(StandardCharsets.UTF_8), e.getValue()))
                        .sorted((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()))
                        .forEach(e -> {
                            write(out, e.getKey());
                            write(out, e.getValue());
                        });
                out.write('e');
            }
            default -> throw new IllegalArgumentException("not bencodable: " + value.getClass().getName());
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
