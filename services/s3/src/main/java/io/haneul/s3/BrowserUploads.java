package io.haneul.s3;

import io.haneul.core.auth.FormSignatures;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.s3.domain.PostPolicy;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * S3's browser-based uploads: a POST of multipart/form-data to a bucket whose fields carry the key,
 * the object's headers and metadata, a base64 policy and its SigV4 signature, and last the file,
 * which streams into the object (mime4j's token stream reads the body once, nothing is buffered). The
 * policy is checked as S3 checks it (expiry, conditions, no unnamed fields, content-length-range); the
 * signature is verified in strict mode. The answer follows {@code success_action_redirect} or
 * {@code success_action_status} (204 by default; 201 with a PostResponse document).
 */
final class BrowserUploads {

    /** S3 caps the form fields before the file at 20 KB in all (names and values). */
    private static final int MAX_FIELDS = 20 * 1024;
    private static final int MAX_PART_HEADERS = 16;

    private final BucketService buckets;
    private final ObjectService objects;
    private final AclService acls;
    private final FormSignatures signatures;
    private final ExpressSessions sessions;
    private final Clock clock;

    BrowserUploads(BucketService buckets, ObjectService objects, AclService acls, FormSignatures signatures, ExpressSessions sessions,
                   Clock clock) {
        this.buckets = buckets;
        this.objects = objects;
        this.acls = acls;
        this.signatures = signatures;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Whether a request is a browser-form upload: a POST of multipart/form-data to a bucket with
     * nothing else in the target, judged on the path-style form ({@code /<bucket>}). Only such a
     * request is handled as a form upload, and {@link S3Addressing} waives the header signature for
     * exactly these.
     */
    static boolean matches(WireRequest pathStyle) {
        String ct = pathStyle.header("Content-Type");
        String path = pathStyle.rawPath();
        int slash = path.indexOf('/', 1);
        return "POST".equals(pathStyle.method()) && ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && path.length() > 1 && (slash < 0 || slash == path.length() - 1) && pathStyle.rawQuery().isEmpty();
    }

    WireResponse handle(RequestContext ctx, WireRequest request) {
        String path = request.rawPath();
        String bucket = WireRequest.percentDecode(path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1), false);
        if (ctx.body() == null) {
            throw S3Exception.malformedXml();
        }
        // header limits bound what a part's headers can make us hold; lines are unlimited because file bodies are binary
        MimeTokenStream parser = new MimeTokenStream(MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(MAX_FIELDS)
                .setMaxHeaderCount(MAX_PART_HEADERS).build());
        parser.parseHeadless(ctx.body().stream(), request.header("Content-Type"));
        Map<String, String> fields = new LinkedHashMap<>();
        int fieldBytes = 0;
        String name = null;
        String filename = null;
        try {
            for (EntityState state = parser.getState(); state != EntityState.T_END_OF_STREAM; state = parser.next()) {
                if (state == EntityState.T_START_BODYPART) {
                    name = null;
                    filename = null;
                } else if (state == EntityState.T_FIELD && "content-disposition".equalsIgnoreCase(parser.getField().getName())) {
                    Map<String, String> params = dispositionParameters(parser.getField());
                    name = params.get("name");
                    filename = params.get("filename");
                } else if (state == EntityState.T_BODY && name != null) {
                    if (name.equalsIgnoreCase("file")) {
                        return upload(ctx, bucket, fields, filename == null ? "" : filename, parser.getDecodedInputStream());
                    }
                    byte[] value = parser.getDecodedInputStream().readNBytes(MAX_FIELDS - fieldBytes + 1);
                    fieldBytes += value.length + name.length();
                    if (fieldBytes > MAX_FIELDS) {
                        throw new S3Exception(S3Error.MaxPostPreDataLengthExceededError);
                    }
                    fields.put(name, new String(value, StandardCharsets.UTF_8));
                }
            }
        } catch (MimeException | org.apache.james.mime4j.MimeIOException e) {
            throw new S3Exception(S3Error.MalformedPOSTRequest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw S3Exception.invalidArgument("POST requires exactly one file upload per request.", "file", "0");
    }

    private static Map<String, String> dispositionParameters(Field field) {
        Map<String, String> params = new LinkedHashMap<>();
        for (NameValuePair p : RawFieldParser.DEFAULT.parseRawBody(new RawField(field.getName(), field.getBody())).getParams()) {
            params.put(p.getName().toLowerCase(Locale.ROOT), p.getValue());
        }
        return params;
    }

    private WireResponse upload(RequestContext ctx, String bucket, Map<String, String> fields, String filename, InputStream file) {
        Map<String, String> lower = new LinkedHashMap<>();
        fields.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        String keyField = lower.get("key");
        if (keyField == null) {
            throw S3Exception.invalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please check the order "
                    + "of the fields.", "key", "");
        }
        String account = authorize(ctx, bucket, lower);
        RequestContext as = new RequestContext(account, ctx.region(), ctx.requestId(), null, ctx.host(), ctx.scheme(), ctx.receivedAt());
        BucketRecord b = buckets.require(as, bucket);
        PostPolicy policy = lower.containsKey("policy") ? PostPolicy.parse(lower.get("policy")) : null;
        if (policy != null) {
            Map<String, String> checked = new LinkedHashMap<>(fields);
            checked.put("bucket", bucket);
            policy.check(checked, clock.instant());
        }
        String key = keyField.replace("${filename}", filename);
        AccessControlPolicy acl = acls.objectWriteAcl(as, b, new AclService.Requested(lower.get("acl"), null, Map.of()));
        Map<String, String> metadata = new LinkedHashMap<>();
        lower.forEach((k, v) -> {
            if (k.startsWith("x-amz-meta-")) {
                metadata.put(k.substring("x-amz-meta-".length()), v);
            }
        });
        Map<String, String> headers = ObjectService.contentHeaders(lower.get("content-type"), lower.get("cache-control"),
                lower.get("content-disposition"), lower.get("content-encoding"), null, null, null);
        if (lower.containsKey("expires")) {
            headers.put("Expires", lower.get("expires"));
        }
        ObjectRecord o = objects.putStreamed(as, b, new ObjectService.StreamedPut(key, headers, metadata, lower.get("x-amz-storage-class"),
                policy == null ? 0 : policy.minLength(), policy == null ? Long.MAX_VALUE : policy.maxLength(), "ObjectCreated:Post"), file);
        acls.storeObjectAcl(o.id(), acl);
        return answer(ctx, b, o, lower);
    }

    /**
     * The account the upload acts as: the policy's signer, or (permissive mode, no signature) the bucket's
     * owner. A policy signed with temporary credentials needs their {@code x-amz-security-token} field
     * ({@link FormSignatures}); one signed with an S3 Express session's key is held to the session as a
     * PutObject is.
     */
    private String authorize(RequestContext ctx, String bucket, Map<String, String> lower) {
        String signature = lower.get("x-amz-signature");
        if (lower.containsKey("policy") && signature == null && lower.containsKey("signature")) {
            String account = signatures.verifyV2(lower.get("awsaccesskeyid"), lower.get("policy"), lower.get("signature"),
                    lower.get("x-amz-security-token"));
            sessions.check(lower.get("awsaccesskeyid"), bucket, "PutObject");
            return account;
        }
        if (lower.containsKey("policy") && signature != null) {
            String algorithm = lower.getOrDefault("x-amz-algorithm", "");
            if (!algorithm.equals("AWS4-HMAC-SHA256")) {
                throw S3Exception.invalidArgument("Only AWS4-HMAC-SHA256 is supported", "x-amz-algorithm", algorithm);
            }
            String credential = lower.get("x-amz-credential");
            String account = signatures.verifyV4(credential, lower.get("policy"), signature, lower.get("x-amz-security-token"),
                    lower.get("x-amz-s3session-token"));
            sessions.check(credential.substring(0, Math.max(0, credential.indexOf('/'))), bucket, "PutObject");
            return account;
        }
        if (signatures.strict()) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied");
        }
        return buckets.find(bucket).map(BucketRecord::account).orElseThrow(() -> S3Exception.noSuchBucket(bucket));
    }

    private static WireResponse answer(RequestContext ctx, BucketRecord b, ObjectRecord o, Map<String, String> lower) {
        String location = ctx.scheme() + "://" + ctx.host() + "/" + b.name() + "/" + io.haneul.s3.domain.Keys.urlEncode(o.key()).replace("+", "%20");
        String redirect = lower.getOrDefault("success_action_redirect", lower.get("redirect"));
        WireResponse response;
        if (redirect != null && !redirect.isBlank()) {
            response = WireResponse.of(303, null, new byte[0]);
            response.headers().set("Location", redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + enc(b.name())
                    + "&key=" + enc(o.key()) + "&etag=" + enc(o.etag()));
        } else if ("201".equals(lower.get("success_action_status"))) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>" + xml(location) + "</Location><Bucket>"
                    + xml(b.name()) + "</Bucket><Key>" + xml(o.key()) + "</Key><ETag>" + xml(o.etag()) + "</ETag></PostResponse>";
            response = WireResponse.of(201, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
            response.headers().set("Location", location);
        } else {
            response = WireResponse.of("200".equals(lower.get("success_action_status")) ? 200 : 204, null, new byte[0]);
            response.headers().set("Location", location);
        }
        response.headers().set("ETag", o.etag());
        String version = ObjectService.versionHeader(b, o);
        if (version != null) {
            response.headers().set("x-amz-version-id", version);
        }
        return response;
    }

    /** A query parameter value of the redirect S3 answers with. */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String xml(String s) {
        return io.haneul.core.protocol.XmlText.escaped(s);
    }
}
