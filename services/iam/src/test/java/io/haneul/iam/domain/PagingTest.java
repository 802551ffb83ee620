package io.haneul.iam.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

    @Test
    void aPageWithMoreBehindItCarriesAMarkerToItsLastKey() {
        Paging.Page<String> page = Paging.page(List.of("a", "b", "c"), 2, Function.identity());
        assertEquals(List.of("a", "b"), page.items());
        assertTrue(page.truncated());
        assertEquals("b", Paging.after(page.nextMarker()));
    }

    @Test
    void theLastPageHasNoMarker() {
        Paging.Page<String> page = Paging.page(List.of("a", "b"), 2, Function.identity());
        assertFalse(page.truncated());
        assertNull(page.nextMarker());
        assertEquals("", Paging.after(null));
        assertEquals(100, Paging.maxItems(null));
    }

    @Test
    void aMarkerThatIsNotOursIsInvalidInput() {
        IamException e = assertThrows(IamException.class, () -> Paging.after("not base64!"));
        assertEquals(IamError.InvalidInput, e.error());
    }
}
