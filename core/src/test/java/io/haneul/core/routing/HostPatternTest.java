package io.haneul.core.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HostPatternTest {

    @Test
    void aLeadingWildcardStandsForOneOrMoreCharactersDotsIncluded() {
        HostPattern p = HostPattern.of("*.execute-api.localhost");
        assertTrue(p.matches("abc123.execute-api.localhost"));
        assertTrue(p.matches("a.b.execute-api.localhost"));
        assertFalse(p.matches(".execute-api.localhost"), "the wildcard is never empty");
        assertFalse(p.matches("execute-api.localhost"));
        assertFalse(p.matches("abc.execute-api.localhost.evil"));
        assertEquals("a.b", p.leadingWildcard("a.b.execute-api.localhost"));
    }

    @Test
    void wildcardsInTheMiddleAndAtTheEnd() {
        HostPattern website = HostPattern.of("*.s3-website*");
        assertTrue(website.matches("site.s3-website.localhost"));
        assertTrue(website.matches("site.s3-website-us-east-1.localhost"));
        assertFalse(website.matches("site.s3-website"), "a trailing wildcard is never empty either");
        assertFalse(website.matches("site.s3.localhost"));
        HostPattern middle = HostPattern.of("*.lambda-url.*.localhost");
        assertTrue(middle.matches("fn.lambda-url.us-east-1.localhost"));
        assertFalse(middle.matches("fn.lambda-url..localhost"));
        assertFalse(middle.matches("fn.lambda-url.localhost"));
    }

    @Test
    void aPatternWithoutWildcardsIsTheWholeHost() {
        HostPattern p = HostPattern.of("console.localhost");
        assertTrue(p.matches("console.localhost"));
        assertFalse(p.matches("console.localhost.evil"));
        assertFalse(p.matches("x.console.localhost"));
    }

    @Test
    void moreLiteralTextIsMoreSpecificAndCaseDoesNotMatter() {
        assertTrue(HostPattern.of("*.s3-website*").specificity() > HostPattern.of("*.localhost").specificity());
        assertTrue(HostPattern.of("*.EXECUTE-API.localhost").matches("x.execute-api.localhost"));
        assertThrows(IllegalArgumentException.class, () -> HostPattern.of("*"));
        assertThrows(IllegalArgumentException.class, () -> HostPattern.of("a**b"));
    }
}
