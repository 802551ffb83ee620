package io.haneul.ses.smtp;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {

    @Test
    void aMessageWaitsForMemoryAndOneThatCanNeverFitIsToldSo() throws Exception {
        long mib = 1024 * 1024;
        MemoryBudget budget = new MemoryBudget(100 * mib);
        assertTrue(budget.fits(25 * mib));
        assertFalse(budget.fits(26 * mib), "four copies of 26 MiB exceed 100 MiB");
        assertTrue(budget.tryAcquire(20 * mib, 0, TimeUnit.SECONDS));
        assertFalse(budget.tryAcquire(10 * mib, 10, TimeUnit.MILLISECONDS), "80 + 40 MiB do not fit");
        budget.release(20 * mib);
        assertTrue(budget.tryAcquire(10 * mib, 0, TimeUnit.SECONDS));
    }
}
