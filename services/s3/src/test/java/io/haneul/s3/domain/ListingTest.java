package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

class ListingTest {

    static final TreeSet<String> KEYS = new TreeSet<>(Keys::compare);

    static {
        KEYS.addAll(List.of("a", "b/1", "b/2", "b/c/3", "c", "d/1", "d/2", "e"));
    }

    /** An in-memory source over KEYS, as the store answers (key order, after the cursor, under the prefix). */
    static List<String> fetch(Listing.Cursor after, String prefix, int limit) {
        return KEYS.stream().filter(k -> after.inclusive() ? Keys.compare(k, after.key()) >= 0 : Keys.compare(k, after.key()) > 0)
                .filter(k -> k.startsWith(prefix)).limit(limit).toList();
    }

    static Listing.Page<String> list(String prefix, String delimiter, Listing.Cursor from, int max) {
        return Listing.list(ListingTest::fetch, k -> k, k -> 0, prefix, delimiter, from, max);
    }

    @Test
    void delimiterRollsUpCommonPrefixes() {
        Listing.Page<String> p = list("", "/", Listing.Cursor.start(), 1000);
        assertEquals(List.of("a", "c", "e"), p.items());
        assertEquals(List.of("b/", "d/"), p.commonPrefixes());
        assertFalse(p.truncated());
        Listing.Page<String> under = list("b/", "/", Listing.Cursor.start(), 1000);
        assertEquals(List.of("b/1", "b/2"), under.items());
        assertEquals(List.of("b/c/"), under.commonPrefixes());
    }

    @Test
    void prefixesCountTowardThePageAndResumePastThemselves() {
        Listing.Page<String> first = list("", "/", Listing.Cursor.start(), 2);
        assertEquals(List.of("a"), first.items());
        assertEquals(List.of("b/"), first.commonPrefixes());
        assertTrue(first.truncated());
        assertEquals("b/", first.lastKey());
        Listing.Page<String> second = list("", "/", first.next(), 2);
        assertEquals(List.of("c"), second.items());
        assertEquals(List.of("d/"), second.commonPrefixes());
        Listing.Page<String> third = list("", "/", second.next(), 2);
        assertEquals(List.of("e"), third.items());
        assertFalse(third.truncated());
        // a V1 marker that is a common prefix resumes past everything it rolls up
        assertEquals(List.of("c"), list("", "/", Listing.afterMarker("b/", "", "/"), 1).items());
        assertEquals(List.of("b/2", "b/c/3"), list("", null, Listing.afterMarker("b/1", "", null), 2).items());
    }

    @Test
    void zeroMaxKeysIsAnEmptyPage() {
        Listing.Page<String> p = list("", null, Listing.Cursor.start(), 0);
        assertTrue(p.items().isEmpty());
        assertFalse(p.truncated());
    }

    @Test
    void successorAndCodePointOrder() {
        assertEquals("b0", Keys.successor("b/"));
        assertEquals("\uD800\uDC00", Keys.successor("\uFFFF"), "past the BMP");
        assertEquals("\uE000", Keys.successor("\uD7FF"), "surrogates are skipped");
        assertTrue(Keys.compare("\uFFFF", "\uD800\uDC00") < 0, "code point order, not UTF-16 order");
        assertTrue("\uFFFF".compareTo("\uD800\uDC00") > 0);
        assertEquals("a+b/c%2Bd~", Keys.urlEncode("a b/c+d~"));
    }

    @Test
    void tokensRoundTrip() {
        Listing.Cursor c = new Listing.Cursor("k/é", true, 0);
        assertEquals(c, Tokens.decode(Tokens.encode(c)));
        assertEquals(S3Error.InvalidArgument, assertThrows(S3Exception.class, () -> Tokens.decode("!!")).error());
    }
}
