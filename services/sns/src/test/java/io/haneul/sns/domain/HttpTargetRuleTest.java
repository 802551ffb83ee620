package io.haneul.sns.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTargetRuleTest {

    private static boolean allows(HttpTargetRule rule, String address) throws Exception {
        return rule.allowsAddress(InetAddress.getByName(address));
    }

    @Test
    void byDefaultOnlyPublicAddresses() throws Exception {
        HttpTargetRule rule = HttpTargetRule.parse("");
        assertTrue(allows(rule, "93.184.216.34"));
        assertTrue(allows(rule, "2606:2800:220:1:248:1893:25c8:1946"));
        for (String internal : new String[]{"127.0.0.1", "127.1.2.3", "::1", "169.254.169.254", "fe80::1", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "fc00::1", "fd12::1", "0.0.0.0", "::", "100.64.0.1", "224.0.0.1", "ff02::1",
                "255.255.255.255", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1",
                "0.1.2.3", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b:1::a00:1", "::ffff:0:7f00:1",
                "100::1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "2001:db8::1"}) {
            assertFalse(allows(rule, internal), internal);
        }
        assertTrue(allows(rule, "172.32.0.1"), "just outside 172.16/12");
        assertTrue(allows(rule, "100.128.0.1"), "just outside 100.64/10");
    }

    @Test
    void literalAddressesAreJudgedFromTheUrlAndNamesWhenConnecting() {
        HttpTargetRule rule = HttpTargetRule.parse("");
        assertFalse(rule.allowsUrl("http://127.0.0.1:8080/hook"));
        assertFalse(rule.allowsUrl("http://[::1]:8080/hook"));
        assertFalse(rule.allowsUrl("http://[::ffff:7f00:1]/hook"));
        assertFalse(rule.allowsUrl("http://169.254.169.254/latest/meta-data/"));
        assertTrue(rule.allowsUrl("http://localhost:9/x"), "names are judged by the addresses they resolve to, when connecting");
        assertTrue(rule.allowsUrl("https://93.184.216.34/x"));
        assertFalse(rule.allowsUrl("not a url"));
    }

    @Test
    void anAddressListAllowsOnlyWhatItNames() throws Exception {
        HttpTargetRule cidr = HttpTargetRule.parse("127.0.0.0/8, 10.0.0.0/8");
        assertTrue(cidr.allowsUrl("http://127.0.0.1:8080/hook"));
        assertTrue(cidr.allowsUrl("http://10.2.3.4/hook"));
        assertTrue(allows(cidr, "::ffff:127.0.0.1"), "the IPv4-mapped form of an allowed address");
        assertFalse(cidr.allowsUrl("http://192.168.1.1/hook"));
        assertFalse(allows(cidr, "::1"));
        assertFalse(allows(cidr, "93.184.216.34"), "a list names everything allowed");

        HttpTargetRule loopback = HttpTargetRule.parse("loopback");
        assertTrue(allows(loopback, "127.0.0.1"));
        assertTrue(allows(loopback, "::1"));
        assertFalse(allows(loopback, "169.254.169.254"));
        assertFalse(allows(loopback, "93.184.216.34"));

        HttpTargetRule withPublic = HttpTargetRule.parse("loopback,public");
        assertTrue(allows(withPublic, "127.0.0.1"));
        assertTrue(allows(withPublic, "93.184.216.34"));
        assertFalse(allows(withPublic, "10.0.0.1"));

        assertTrue(allows(HttpTargetRule.parse("::1"), "::1"), "a bare address is a block of one");
        assertTrue(allows(HttpTargetRule.parse("0.0.0.0/0,::/0"), "169.254.169.254"), "everything, explicitly");
    }

    @Test
    void aPatternFiltersUrlsOfPublicAddresses() throws Exception {
        HttpTargetRule regex = HttpTargetRule.parse("https://hooks\\.example\\.com/.*");
        assertTrue(regex.allowsUrl("https://hooks.example.com/a"));
        assertFalse(regex.allowsUrl("https://evil.example.com/a"));
        assertTrue(allows(regex, "93.184.216.34"));
        assertFalse(allows(regex, "127.0.0.1"), "a pattern cannot say where a name resolves to");
        assertFalse(HttpTargetRule.parse("http://127\\.0\\.0\\.1/.*").allowsUrl("http://127.0.0.1/x"));
        assertThrows(IllegalArgumentException.class, () -> HttpTargetRule.parse("(unclosed"));
    }

    @Test
    void reservedRangesAreNamed() throws Exception {
        assertEquals("link-local", ReservedRanges.of(InetAddress.getByName("169.254.169.254").getAddress()).orElseThrow());
        assertEquals("loopback", ReservedRanges.of(InetAddress.getByName("::127.0.0.1").getAddress()).orElseThrow());
        assertTrue(ReservedRanges.of(InetAddress.getByName("8.8.8.8").getAddress()).isEmpty());
    }
}
