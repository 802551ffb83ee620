package io.haneul.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonicalization rules, checked against the examples in the SigV4 documentation. */
class SigV4Test {

    @Test
    void uriEncodingKeepsOnlyUnreserved() {
        assertEquals("a%20b%2Bc~d_e-f.g%2Fh%E2%98%83", SigV4.uriEncode("a b+c~d_e-f.g/h\u2603", false));
        assertEquals("/a%20b/c", SigV4.uriEncode("/a b/c", true));
    }

    @Test
    void canonicalUriS3VersusOthers() {
        assertEquals("/my%20key/./x", SigV4.canonicalUris("/my%20key/./x", true).getFirst());
        assertEquals("/my%2520key/x", SigV4.canonicalUris("/my%20key/./x", false).getFirst());
        assertEquals("/", SigV4.canonicalUris("", false).getFirst());
        assertEquals("/", SigV4.canonicalUris("", true).getFirst());
        assertEquals("/b/", SigV4.removeDotSegments("/a/../b/"));
        assertEquals("/", SigV4.removeDotSegments("/a/.."));
        assertEquals("/a//b", SigV4.removeDotSegments("/a//./b"));
    }

    @Test
    void canonicalQuerySortsByEncodedNameThenValue() {
        var params = SigV4.parseQuery("b=2&a=z&a=y&A=1&c&a%20b=x+y&X-Amz-Signature=zz");
        assertEquals("A=1&a=y&a=z&a%20b=x%2By&b=2&c=", SigV4.canonicalQuery(params, "X-Amz-Signature"));
        assertEquals(List.of(), SigV4.parseQuery(""));
    }

    @Test
    void headerValuesTrimmedAndCollapsed() {
        assertEquals("a b c", SigV4.canonicalHeaderValue("  a   b\t\tc  "));
        assertEquals("", SigV4.canonicalHeaderValue("   "));
    }

    @Test
    void signingKeyMatchesTheDocumentedExample() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html (derived key example)
        byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
        assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", SigV4.hex(key));
    }
}
