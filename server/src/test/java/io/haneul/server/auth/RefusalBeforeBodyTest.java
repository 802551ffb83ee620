package io.haneul.server.auth;

import io.haneul.core.auth.AuthException;
import io.haneul.core.auth.Credentials;
import io.haneul.core.auth.CredentialsStore;
import io.haneul.core.auth.SigV4Verifier;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What strict mode refuses from a request's headers, before its body is read: everything the
 * verifier checks before the payload hash, with the error it gives; never a request whose only
 * open question is the signature over the body.
 */
class RefusalBeforeBodyTest {

    static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    static final Authenticator STRICT = new Authenticator(new SigV4Verifier(
            CredentialsStore.of(new Credentials("AKIDKNOWN", "secret", "123456789012")), Clock.fixed(NOW, ZoneOffset.UTC)));

    static WireRequest signed(String key, String amzDate, String scopeService) {
        Headers h = new Headers().set("Host", "localhost:4566").set("Content-Type", "application/x-www-form-urlencoded")
                .set("X-Amz-Date", amzDate).set("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/" + amzDate.substring(0, 8)
                        + "/us-east-1/" + scopeService + "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
                        + "ab".repeat(32));
        return new WireRequest("POST", "/", "", h, null);
    }

    static String refusal(WireRequest head) {
        Optional<AuthException> e = STRICT.refusalBeforeBody(head, "sts");
        return e.map(AuthException::code).orElse("none");
    }

    @Test
    void aKnownKeyInTheWindowIsReadSinceOnlyTheBodyDecides() {
        assertEquals("none", refusal(signed("AKIDKNOWN", "20261207T025500Z", "sts")));
    }

    @Test
    void whatCannotAuthenticateIsRefusedWithTheVerifiersError() {
        assertEquals("InvalidClientTokenId", refusal(signed("AKIDUNKNOWN", "20261207T025500Z", "sts")));
        assertEquals("SignatureDoesNotMatch", refusal(signed("AKIDKNOWN", "20261207T023000Z", "sts")), "outside the 15 minutes");
        assertEquals("SignatureDoesNotMatch", refusal(signed("AKIDKNOWN", "20261207T025500Z", "sqs")), "scoped to another service");
        assertEquals("MissingAuthenticationToken", refusal(new WireRequest("POST", "/", "",
                new Headers().set("Host", "localhost:4566"), null)));
        WireRequest malformed = new WireRequest("POST", "/", "", new Headers().set("Host", "localhost:4566")
                .set("X-Amz-Date", "20261207T025500Z").set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDKNOWN/x, Signature=00"), null);
        assertEquals("IncompleteSignature", refusal(malformed));
    }

    @Test
    void permissiveModeRefusesNothing() {
        assertTrue(new Authenticator(null).refusalBeforeBody(signed("AKIDUNKNOWN", "20200101T000000Z", "sts"), "sts").isEmpty());
    }
}
