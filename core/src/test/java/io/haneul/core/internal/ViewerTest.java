package io.haneul.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewerTest {

    @Test
    void anOrdinaryKeySeesItsOwnAccountOnly() {
        Viewer v = Viewer.ofAccount("111111111111");
        assertTrue(v.sees("111111111111"));
        assertFalse(v.sees("222222222222"));
        assertEquals("111111111111", v.listFilter(null), "a listing without ?account= is narrowed to the caller's account");
        assertEquals("111111111111", v.listFilter("111111111111"));
        assertThrows(InternalAccessDenied.class, () -> v.listFilter("222222222222"));
        assertEquals("111111111111", v.target(null));
        assertThrows(InternalAccessDenied.class, () -> v.target("222222222222"));
    }

    @Test
    void anAdminOrPermissiveCallerSeesEveryAccountAndMayNarrow() {
        Viewer v = Viewer.allAccounts("111111111111");
        assertTrue(v.sees("222222222222"));
        assertNull(v.listFilter(null), "null: every account");
        assertEquals("222222222222", v.listFilter("222222222222"));
        assertEquals("111111111111", v.target(null));
        assertEquals("222222222222", v.target("222222222222"));
    }

    @Test
    void anAnonymousCallerSeesNothing() {
        Viewer v = Viewer.anonymous();
        assertTrue(v.isAnonymous());
        assertFalse(v.sees("000000000000"));
        assertThrows(InternalAccessDenied.class, () -> v.listFilter(null));
        assertThrows(InternalAccessDenied.class, () -> v.target(null));
    }
}
