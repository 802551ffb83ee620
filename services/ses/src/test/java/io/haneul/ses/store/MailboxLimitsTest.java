package io.haneul.ses.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailboxLimitsTest {

    @Test
    void smallLimitsAreCheckedAtEveryMessageLargeOnesEverySixteenOrForALargeMessage() {
        MailboxLimits small = new MailboxLimits(5, 1_000_000_000);
        assertTrue(small.due(1, 100) && small.due(2, 100));
        MailboxLimits dflt = new MailboxLimits(10_000, 512L * 1024 * 1024);
        assertFalse(dflt.due(1, 1000));
        assertTrue(dflt.due(16, 1000));
        assertTrue(dflt.due(3, 1024 * 1024), "a 1 MiB message is checked at once");
        assertTrue(new MailboxLimits(10_000, 7000).due(3, 100), "a message of 1 % of a small byte limit is checked at once");
        assertThrows(IllegalArgumentException.class, () -> new MailboxLimits(0, 1));
    }
}
