package io.haneul.appstream.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's fleet settings rules, ARNs and paging, without a server. */
class FleetRulesTest {

    @Test
    void capacityDependsOnTheFleetType() {
        assertDoesNotThrow(() -> FleetRules.checkCreate("ON_DEMAND", 2, null, true, null, null));
        assertDoesNotThrow(() -> FleetRules.checkCreate("ELASTIC", null, null, false, 5, "AMAZON_LINUX2"));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkCreate("ALWAYS_ON", null, null, false, null, null));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkCreate("ELASTIC", 1, null, true, 5, "AMAZON_LINUX2"));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkCreate("ELASTIC", null, null, false, 5, null));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkCreate("ON_DEMAND", 1, 2, true, null, null));
    }

    @Test
    void timeoutsAreInAwsRanges() {
        assertDoesNotThrow(() -> FleetRules.checkTimeouts(600, 60, 0));
        assertDoesNotThrow(() -> FleetRules.checkTimeouts(432_000, 36_000, 3_600));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkTimeouts(599, null, null));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkTimeouts(null, 36_001, null));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkTimeouts(null, null, 30));
        assertCode("InvalidParameterCombinationException", () -> FleetRules.checkInstanceType("m5.large"));
        assertDoesNotThrow(() -> FleetRules.checkInstanceType("stream.standard.small"));
    }

    @Test
    void arnsAndPages() {
        Arns.Parsed p = Arns.parse("arn:aws:appstream:us-east-1:111111111111:user/userpool/a@b.c").orElseThrow();
        assertEquals("user", p.type());
        assertEquals("userpool/a@b.c", p.name());
        assertTrue(Arns.parse("arn:aws:s3:::bucket/key").isEmpty());

        List<String> names = List.of("a", "b", "c", "d", "e");
        Paging.Page<String> first = Paging.page(names, null, 2, 25, n -> n);
        assertEquals(List.of("a", "b"), first.items());
        Paging.Page<String> second = Paging.page(names, first.nextToken(), 2, 25, n -> n);
        assertEquals(List.of("c", "d"), second.items());
        Paging.Page<String> last = Paging.page(names, second.nextToken(), 2, 25, n -> n);
        assertEquals(List.of("e"), last.items());
        assertEquals(null, last.nextToken());
        assertCode("InvalidParameterCombinationException", () -> Paging.page(names, "%%%", 2, 25, n -> n));
    }

    private static void assertCode(String code, Runnable r) {
        assertEquals(code, assertThrows(AppStreamException.class, r::run).code());
    }
}
