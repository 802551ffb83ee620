package io.haneul.swf.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagesTest {

    @Test
    void walksAListingPageByPage() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Pages.Page<Integer> first = Pages.page(all, 2, null, "q");
        assertEquals(List.of(1, 2), first.items());
        Pages.Page<Integer> second = Pages.page(all, 2, first.nextPageToken(), "q");
        assertEquals(List.of(3, 4), second.items());
        Pages.Page<Integer> last = Pages.page(all, 2, second.nextPageToken(), "q");
        assertEquals(List.of(5), last.items());
        assertNull(last.nextPageToken());
    }

    @Test
    void zeroOrAbsentMeansAThousand() {
        assertEquals(1000, Pages.size(null));
        assertEquals(1000, Pages.size(0));
        assertThrows(SwfException.class, () -> Pages.size(1001));
    }

    @Test
    void aTokenOfAnotherListingOrGarbageIsRefused() {
        String token = Pages.page(List.of(1, 2, 3), 1, null, "q").nextPageToken();
        SwfException e = assertThrows(SwfException.class, () -> Pages.page(List.of(1, 2, 3), 1, token, "other"));
        assertEquals(SwfFault.ValidationException, e.fault());
        assertThrows(SwfException.class, () -> Pages.page(List.of(1), 1, "%%%", "q"));
    }
}
