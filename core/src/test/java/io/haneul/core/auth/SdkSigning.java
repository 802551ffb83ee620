package io.haneul.core.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Produces requests signed by the real AWS SDK signer and converts them to {@link SignedRequest}. */
final class SdkSigning {

    static final String AKID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String ACCOUNT = "123456789012";
    static final Instant SIGNED_AT = Instant.parse("2025-01-01T12:00:00Z");

    private SdkSigning() {
    }

    static CredentialsStore store() {
        return CredentialsStore.of(new Credentials(AKID, SECRET, ACCOUNT));
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(store(), clockAt(now));
    }

    /** A request builder for https://{host}{encodedPath} with the given raw (unencoded) query parameters. */
    static SdkHttpRequest.Builder http(SdkHttpMethod method, String host, String encodedPath) {
        return SdkHttpRequest.builder().method(method).protocol("https").host(host).encodedPath(encodedPath);
    }

    /** Signs with the SDK's AwsV4HttpSigner; {@code s3} selects S3's path rules. */
    static Signed sign(SdkHttpRequest request, byte[] body, String service, boolean s3,
                       Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(AKID, SECRET))
                    .request(request)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clockAt(SIGNED_AT));
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            extra.accept(r);
        });
        byte[] payload = signed.payload().map(p -> readAll(p.newStream())).orElse(null);
        return new Signed(signed.request(), payload);
    }

    static Signed sign(SdkHttpRequest request, byte[] body, String service, boolean s3) {
        return sign(request, body, service, s3, r -> { });
    }

    /** The SDK's signed request plus its (possibly aws-chunked) payload bytes. */
    record Signed(SdkHttpRequest request, byte[] payload) {

        /** As the server sees it: raw path, raw query, headers and (buffered) payload. */
        SignedRequest toSignedRequest() {
            return toSignedRequest(payload);
        }

        SignedRequest toSignedRequest(byte[] body) {
            return builder().payload(body).build();
        }

        SignedRequest.Builder builder() {
            URI uri = request.getUri();
            SignedRequest.Builder b = SignedRequest.builder()
                    .method(request.method().name())
                    .rawPath(uri.getRawPath())
                    .rawQuery(uri.getRawQuery());
            for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
            if (request.firstMatchingHeader("Host").isEmpty()) {
                b.header("Host", request.host());
            }
            return b;
        }

        String header(String name) {
            return request.firstMatchingHeader(name).orElse(null);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
