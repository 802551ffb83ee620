package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP APIs' JWT authorizers, verified for real: the token from the identity source (a
 * {@code Bearer } prefix dropped) must be signed (RS256/ES256...) by a key of the issuer's JWKS
 * ({@code {issuer}/.well-known/jwks.json}, cached per issuer for an hour and refetched for an
 * unknown key id), carry the configured {@code iss}, an {@code aud} (or {@code client_id}) among
 * the configured audiences, and be within {@code exp}/{@code nbf}; otherwise 401. A route with
 * authorization scopes needs one of them in the token's {@code scope}/{@code scp} claim, else 403.
 */
final class JwtAuthorizer {

    /** 200 with the {@code authorizer} context, or the 401/403 to answer and its {@code www-authenticate} challenge. */
    record Outcome(int status, JsonNode context, String challenge) {
    }

    private record Keys(JWKSet set, Instant fetched) {
    }

    private static final Duration KEYS_TTL = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Keys> keys = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JwtAuthorizer(Clock clock) {
        this.clock = clock;
    }

    Outcome authorize(JsonNode authorizer, HttpApiRequest r, JsonNode routeScopes, ObjectMapper json) {
        JsonNode config = authorizer.path("jwtConfiguration");
        String issuer = config.path("issuer").asText("");
        String token = token(authorizer, r);
        if (token == null) {
            return denied(401, "Bearer");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token is malformed\"");
        }
        if (!issuer.equals(claims.getIssuer())) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token has an invalid issuer\"");
        }
        if (!verified(jwt, issuer)) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token has an invalid signature\"");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now)) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token has expired\"");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now)) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token is not valid yet\"");
        }
        List<String> audiences = new ArrayList<>();
        config.path("audience").forEach(a -> audiences.add(a.asText()));
        List<String> presented = new ArrayList<>(claims.getAudience());
        Object clientId = claims.getClaim("client_id");
        if (clientId != null) {
            presented.add(clientId.toString());
        }
        if (presented.stream().noneMatch(audiences::contains)) {
            return denied(401, "Bearer error=\"invalid_token\" error_description=\"the token does not have a valid audience\"");
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty()) {
            boolean any = false;
            for (JsonNode s : routeScopes) {
                any |= scopes.contains(s.asText());
            }
            if (!any) {
                return denied(403, "Bearer error=\"insufficient_scope\"");
            }
        }
        ObjectNode context = json.createObjectNode();
        ObjectNode jwtNode = context.putObject("jwt");
        ObjectNode claimNode = jwtNode.putObject("claims");
        claims.getClaims().forEach((name, value) -> claimNode.put(name, value instanceof Date d
                ? Long.toString(d.toInstant().getEpochSecond()) : value instanceof List<?> l ? "[" + String.join(" ", l.stream().map(String::valueOf).toList()) + "]"
                : String.valueOf(value)));
        if (scopes.isEmpty()) {
            jwtNode.putNull("scopes");
        } else {
            scopes.forEach(jwtNode.putArray("scopes")::add);
        }
        return new Outcome(200, context, null);
    }

    private static Outcome denied(int status, String challenge) {
        return new Outcome(status, null, challenge);
    }

    private static String token(JsonNode authorizer, HttpApiRequest r) {
        String source = authorizer.path("identitySource").path(0).asText("$request.header.Authorization");
        String value = null;
        if (source.startsWith("$request.header.")) {
            value = r.headers().first(source.substring("$request.header.".length()));
        } else if (source.startsWith("$request.querystring.")) {
            List<String> v = io.haneul.core.wire.WireRequest.parseForm(r.rawQuery()).get(source.substring("$request.querystring.".length()));
            value = v == null ? null : v.get(0);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return scope == null ? List.of() : Arrays.stream(scope.toString().split(" ")).filter(s -> !s.isEmpty()).toList();
    }

    private boolean verified(SignedJWT jwt, String issuer) {
        String kid = jwt.getHeader().getKeyID();
        Optional<JWK> key = keys(issuer, false).map(s -> kid == null ? s.getKeys().stream().findFirst().orElse(null) : s.getKeyByKeyId(kid));
        if (key.isEmpty()) {
            key = keys(issuer, true).map(s -> kid == null ? null : s.getKeyByKeyId(kid));
        }
        if (key.isEmpty()) {
            return false;
        }
        try {
            Key publicKey = key.get() instanceof RSAKey rsa ? rsa.toRSAPublicKey() : key.get() instanceof ECKey ec ? ec.toECPublicKey() : null;
            if (publicKey == null) {
                return false;
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey);
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    private Optional<JWKSet> keys(String issuer, boolean refresh) {
        Keys cached = keys.get(issuer);
        if (!refresh && cached != null && cached.fetched().plus(KEYS_TTL).isAfter(clock.instant())) {
            return Optional.of(cached.set());
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JWKSet set = JWKSet.parse(response.body());
            keys.put(issuer, new Keys(set, clock.instant()));
            return Optional.of(set);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
