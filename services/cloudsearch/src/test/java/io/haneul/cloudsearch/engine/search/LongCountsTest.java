package io.haneul.cloudsearch.engine.search;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongCountsTest {

    @Test
    void countsAgreeWithABoxedMapThroughGrowth() {
        LongCounts counts = new LongCounts();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        long[] awkward = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 33, -(1L << 40)};
        for (int i = 0; i < 200_000; i++) {
            long v = switch (i % 4) {
                case 0 -> awkward[random.nextInt(awkward.length)];
                case 1 -> random.nextInt(5_000);             // many repeats: dense small values
                case 2 -> (long) random.nextInt(5_000) << 32; // values that differ only in high bits
                default -> random.nextLong();                 // mostly distinct
            };
            counts.add(v, 1);
            expected.merge(v, 1, Integer::sum);
        }
        assertEquals(expected.size(), counts.size());
        Map<Long, Integer> seen = new HashMap<>();
        counts.forEach((value, n) -> assertEquals(null, seen.put(value, n), "value visited twice: " + value));
        assertEquals(expected, seen);
        expected.forEach((value, n) -> assertEquals(n.intValue(), counts.get(value)));
        assertEquals(0, counts.get(123_456_789_012L));
    }

    @Test
    void zeroIsAValueLikeAnyOther() {
        LongCounts counts = new LongCounts(1);
        assertEquals(0, counts.size());
        counts.add(0, 2);
        counts.add(0, 3);
        counts.add(7, 1);
        assertEquals(2, counts.size());
        assertEquals(5, counts.get(0));
        Map<Long, Integer> seen = new HashMap<>();
        counts.forEach(seen::put);
        assertEquals(Map.of(0L, 5, 7L, 1), seen);
    }
}
