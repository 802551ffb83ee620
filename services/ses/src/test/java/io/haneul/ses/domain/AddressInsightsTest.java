package io.haneul.ses.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressInsightsTest {

    /** DNS as a table: example.com receives mail, nowhere.invalid does not exist, anything else cannot be asked. */
    private final AddressInsights insights = new AddressInsights(domain -> switch (domain) {
        case "example.com" -> Boolean.TRUE;
        case "nowhere.invalid" -> Boolean.FALSE;
        default -> null;
    });

    @Test
    void aVerifiedPersonalAddressIsValid() {
        Map<String, String> v = insights.judge("jane.doe@example.com", true);
        assertEquals("HIGH", v.get("HasValidSyntax"));
        assertEquals("HIGH", v.get("HasValidDnsRecords"));
        assertEquals("HIGH", v.get("MailboxExists"));
        assertEquals("LOW", v.get("IsRoleAddress"));
        assertEquals("LOW", v.get("IsDisposable"));
        assertEquals("LOW", v.get("IsRandomInput"));
        assertEquals("HIGH", v.get("IsValid"));
    }

    @Test
    void anUnknownMailboxOnAGoodDomainIsOnlyMediumValid() {
        Map<String, String> v = insights.judge("support@example.com", null);
        assertEquals("MEDIUM", v.get("MailboxExists"));
        assertEquals("HIGH", v.get("IsRoleAddress"));
        assertEquals("MEDIUM", v.get("IsValid"));
    }

    @Test
    void badSyntaxMissingDomainsAndDisposableDomainsAreInvalid() {
        Map<String, String> syntax = insights.judge("not an address", null);
        assertEquals("LOW", syntax.get("HasValidSyntax"));
        assertEquals("LOW", syntax.get("IsValid"));
        Map<String, String> nowhere = insights.judge("a@nowhere.invalid", null);
        assertEquals("LOW", nowhere.get("HasValidDnsRecords"));
        assertEquals("LOW", nowhere.get("MailboxExists"));
        assertEquals("LOW", nowhere.get("IsValid"));
        Map<String, String> disposable = insights.judge("someone@mailinator.com", null);
        assertEquals("HIGH", disposable.get("IsDisposable"));
        assertEquals("MEDIUM", disposable.get("HasValidDnsRecords"), "DNS could not be asked");
        assertEquals("LOW", disposable.get("IsValid"));
    }

    @Test
    void theMailboxSimulatorIsKnownWithoutDns() {
        assertEquals("HIGH", insights.judge("success@simulator.amazonses.com", null).get("IsValid"));
        Map<String, String> bounce = insights.judge("bounce@simulator.amazonses.com", null);
        assertEquals("LOW", bounce.get("MailboxExists"));
        assertEquals("LOW", bounce.get("IsValid"));
    }

    @Test
    void randomTypingIsRecognised() {
        assertEquals("HIGH", AddressInsights.randomness("xkcdqwrtz"));
        assertEquals("HIGH", AddressInsights.randomness("83746519a"));
        assertEquals("LOW", AddressInsights.randomness("jane.doe"));
        assertEquals("LOW", AddressInsights.randomness("bob"));
    }
}
