package io.haneul.apigateway.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuotaPeriodTest {

    // 2026-12-09 is a Wednesday
    static final LocalDate WEDNESDAY = LocalDate.parse("2026-12-09");

    @Test
    void weeksStartOnSundayPlusTheOffset() {
        assertEquals(LocalDate.parse("2026-12-06"), new QuotaPeriod("WEEK", 0).start(WEDNESDAY));
        assertEquals(LocalDate.parse("2026-12-07"), new QuotaPeriod("WEEK", 1).start(WEDNESDAY));
        assertEquals(LocalDate.parse("2026-12-09"), new QuotaPeriod("WEEK", 3).start(WEDNESDAY));
        assertEquals(LocalDate.parse("2026-12-03"), new QuotaPeriod("WEEK", 4).start(WEDNESDAY), "Thursday's week began last Thursday");
    }

    @Test
    void monthsStartOnTheFirstPlusTheOffset() {
        assertEquals(LocalDate.parse("2026-12-01"), new QuotaPeriod("MONTH", 0).start(WEDNESDAY));
        assertEquals(LocalDate.parse("2026-12-09"), new QuotaPeriod("MONTH", 8).start(WEDNESDAY));
        assertEquals(LocalDate.parse("2026-11-10"), new QuotaPeriod("MONTH", 9).start(WEDNESDAY));
        assertEquals(WEDNESDAY, new QuotaPeriod("DAY", 0).start(WEDNESDAY));
    }

    @Test
    void offsetsOutsideThePeriodAreRefused() {
        assertThrows(ApiGatewayException.class, () -> QuotaPeriod.check("DAY", 1, 10));
        assertThrows(ApiGatewayException.class, () -> QuotaPeriod.check("WEEK", 7, 10));
        assertThrows(ApiGatewayException.class, () -> QuotaPeriod.check("MONTH", 28, 10));
        assertThrows(ApiGatewayException.class, () -> QuotaPeriod.check("YEAR", 0, 10));
        QuotaPeriod.check("MONTH", 27, 10);
    }
}
