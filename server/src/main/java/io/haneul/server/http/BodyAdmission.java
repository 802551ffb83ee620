package io.haneul.server.http;

import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.error.CommonErrors;
import io.haneul.core.routing.ServiceResolver;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.server.auth.Authenticator;
import io.haneul.server.services.ServiceRegistry;

import java.util.Map;
import java.util.Optional;

/**
 * Decides from a request's line and headers, before its body is read into memory, whether the body
 * is worth reading, so that a caller who cannot be served costs no memory: a body over its
 * service's limit ({@code ServiceModule.maxRequestBytes}) is answered 413, and in strict mode a
 * request that cannot possibly authenticate (no signature where the service takes none unsigned, a
 * malformed one, a date outside the window, a scope for another API, an unknown key) is answered
 * with the error full verification would give ({@link Authenticator#refusalBeforeBody}). The
 * signature itself is checked after the body is read, as its hash is signed. Internal endpoints
 * and data planes are admitted as they are (a plane decides who its callers are), within the
 * server's limit, as is a request without a body (the full route answers it exactly).
 */
final class BodyAdmission {

    /**
     * What the listener may do with the request.
     *
     * @param refusal the answer to send without reading the body, or null to read it
     * @param limit   the most bytes the body may have: the service's limit within the server's
     */
    record Admission(WireResponse refusal, long limit) {
    }

    /** Renders an error in the envelope of the service the request's head names. */
    @FunctionalInterface
    interface Refusals {
        WireResponse answer(WireRequest head, AwsErrorException error, String scheme);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BodyAdmission.class);

    private final ServiceResolver resolver;
    private final ServiceRegistry registry;
    private final Map<String, ApiAddressing> addressing;
    private final Authenticator authenticator;
    private final Refusals refusals;

    BodyAdmission(ServiceResolver resolver, ServiceRegistry registry,
                  Map<String, ApiAddressing> addressing, Authenticator authenticator, Refusals refusals) {
        this.resolver = resolver;
        this.registry = registry;
        this.addressing = addressing;
        this.authenticator = authenticator;
        this.refusals = refusals;
    }

    /**
     * @param declared    the Content-Length (0 for a request that has no body), or -1 when unknown
     * @param serverLimit {@code --max-body-bytes}
     * @param planeTakes  whether a data plane takes the request ({@link DataPlaneTable#find})
     */
    Admission decide(WireRequest head, String scheme, long declared, long serverLimit, boolean planeTakes) {
        try {
            return admit(head, scheme, declared, serverLimit, planeTakes);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed before its body was read", head.method(), head.rawPath(), e);
            return new Admission(null, serverLimit); // decided again, with the body, by the full route
        }
    }

    private Admission admit(WireRequest head, String scheme, long declared, long serverLimit, boolean planeTakes) {
        if (declared == 0 || RequestRouter.isInternalPath(head) || planeTakes) {
            return new Admission(null, serverLimit);
        }
        String modelId = resolver.resolveBeforeBody(head).serviceId();
        if (modelId == null || registry.model(modelId).isEmpty()) {
            return unplaced(head, scheme, serverLimit);
        }
        long limit = Math.min(serverLimit, registry.maxRequestBytes(modelId));
        if (!registry.isServed(modelId)) {
            return new Admission(null, limit); // answered ServiceDisabled by the full route
        }
        if (declared > limit) {
            return new Admission(refusals.answer(head, CommonErrors.tooLarge(limit), scheme), limit);
        }
        ApiAddressing addressed = addressing.get(modelId);
        if (addressed != null && addressed.unsignedCaller(addressed.canonical(head)).isPresent()) {
            return new Admission(null, limit);
        }
        String signingName = registry.model(modelId).orElseThrow().signingName();
        if (addressed != null) {
            signingName = addressed.signingNameOf(head, signingName);
        }
        return refused(head, scheme, authenticator.refusalBeforeBody(head, signingName), limit);
    }

    /**
     * A request only its body places (a form naming its API by Action and Version): in strict mode
     * an unsigned one is refused unless some module takes it unsigned; anything else is read, within
     * the server's limit, and its service's limit applies once it is placed.
     */
    private Admission unplaced(WireRequest head, String scheme, long serverLimit) {
        boolean signed = head.header("Authorization") != null || head.rawQuery().contains("X-Amz-");
        if (signed || !authenticator.strict() || addressing.values().stream()
                .anyMatch(a -> a.unsignedCaller(a.canonical(head)).isPresent())) {
            return new Admission(null, serverLimit);
        }
        return refused(head, scheme, authenticator.refusalBeforeBody(head, null), serverLimit);
    }

    private Admission refused(WireRequest head, String scheme, Optional<AuthException> refusal, long limit) {
        return new Admission(refusal.map(e -> refusals.answer(head, RequestRouter.awsError(e), scheme)).orElse(null), limit);
    }
}
