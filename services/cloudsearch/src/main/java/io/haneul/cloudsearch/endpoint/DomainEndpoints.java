package io.haneul.cloudsearch.endpoint;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.cloudsearch.engine.LuceneSearchIndexes;
import io.haneul.cloudsearch.engine.document.BatchRejected;
import io.haneul.cloudsearch.engine.document.DocumentOp;
import io.haneul.cloudsearch.engine.document.SdfParser;
import io.haneul.cloudsearch.engine.document.UploadResult;
import io.haneul.cloudsearch.engine.search.SearchException;
import io.haneul.cloudsearch.engine.search.SearchRequest;
import io.haneul.cloudsearch.engine.search.SearchResult;
import io.haneul.cloudsearch.engine.suggest.SuggestResult;
import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A domain's document and search endpoints: {@code POST /2013-01-01/documents/batch} on the
 * {@code doc-} endpoint, {@code GET|POST /2013-01-01/search} and {@code /suggest} on the
 * {@code search-} one. Finds the domain by endpoint id, checks the caller against the domain's access
 * policy ({@link EndpointAccess}), and answers in the
 * format asked ({@code format=sdk|json|xml}, or the batch's content type / Accept header).
 */
public final class DomainEndpoints {

    public static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    private static final String VERSION = "/2013-01-01/";

    private final DomainDirectory directory;
    private final LuceneSearchIndexes engine;
    private final Clock clock;
    private final EndpointAccess access = new EndpointAccess();

    public DomainEndpoints(DomainDirectory directory, LuceneSearchIndexes engine, Clock clock) {
        this.directory = directory;
        this.engine = engine;
        this.clock = clock;
    }

    public LuceneSearchIndexes engine() {
        return engine;
    }

    /**
     * @param service {@code doc} or {@code search}
     * @param path    what follows the endpoint, e.g. {@code /2013-01-01/search}
     */
    public WireResponse handle(DataPlaneCall call, String service, String endpointId, String path) {
        WireRequest r = call.request();
        boolean docs = service.equals("doc");
        String rid = call.requestId();
        Optional<DomainDirectory.DirectoryEntry> entry = directory.byEndpointId(endpointId);
        if (entry.isEmpty()) {
            return Responses.plain(404, "Domain not found: " + service + "-" + endpointId);
        }
        Optional<WireResponse> refused = checkAccess(call, entry.get(), action(docs, path));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (docs && path.equals(VERSION + "documents/batch")) {
            if (!r.method().equals("POST")) {
                return Responses.plain(405, "Requests must be posted to documents/batch");
            }
            return upload(call, entry.get());
        }
        if (!docs && (path.equals(VERSION + "search") || path.equals(VERSION + "suggest"))) {
            if (!r.method().equals("GET") && !r.method().equals("POST")) {
                return Responses.plain(405, "Method not allowed");
            }
            Map<String, String> params = parameters(r);
            boolean xml = "xml".equals(params.get("format"));
            long started = clock.millis();
            try {
                if (path.endsWith("search")) {
                    SearchResult result = engine.search(entry.get().key(), entry.get().schema(), SearchRequest.of(params));
                    return Responses.search(result, rid, clock.millis() - started, "sdk".equals(params.get("format")), xml);
                }
                SuggestResult result = engine.suggest(entry.get().key(), entry.get().schema(), params.get("suggester"), params.get("q"),
                        size(params.get("size")));
                return Responses.suggest(result, rid, clock.millis() - started, xml);
            } catch (SearchException e) {
                return Responses.searchError(400, e.getMessage(), rid, xml);
            }
        }
        return Responses.plain(404, "URL path does not match '/YYYY-MM-DD/documents/batch', '/YYYY-MM-DD/search' or '/YYYY-MM-DD/suggest'");
    }

    /**
     * Refuses plain HTTP where the domain enforces HTTPS, then authenticates the call and applies the
     * domain's access policy ({@link EndpointAccess}). An unsigned
     * call that strict mode would refuse may still pass when the policy lets everyone in.
     */
    private Optional<WireResponse> checkAccess(DataPlaneCall call, DomainDirectory.DirectoryEntry entry, String action) {
        Optional<String> insecure = EndpointAccess.transportRefusal(entry.enforceHttps(), call.scheme());
        if (insecure.isPresent()) {
            return insecure.map(Responses::forbidden);
        }
        WireRequest r = call.request();
        EndpointAccess.Caller caller;
        boolean lenient = false;
        try {
            DataPlaneCall.Caller verified = call.authenticate("cloudsearch");
            boolean signed = verified.accessKeyId() != null && verified.accountId() != null;
            lenient = !signed;
            caller = signed ? new EndpointAccess.Caller(verified.accountId(), true) : EndpointAccess.Caller.anonymous();
        } catch (AuthException e) {
            if (signed(r)) {
                return Optional.of(Responses.plain(e.status(), e.getMessage()));
            }
            caller = EndpointAccess.Caller.anonymous();
        }
        return access.refusal(entry.key(), entry.accessPolicy(), caller, lenient, action, r.remoteAddress(), call.scheme(),
                clock.instant()).map(Responses::forbidden);
    }

    /** The policy action of a request: {@code document}, {@code search} or {@code suggest}. */
    private static String action(boolean docs, String path) {
        return docs ? "document" : path.endsWith("suggest") ? "suggest" : "search";
    }

    /** Whether the request carries a signature at all (header or presigned query). */
    private static boolean signed(WireRequest r) {
        return r.header("Authorization") != null || r.queryParameters().containsKey("X-Amz-Signature");
    }

    private WireResponse upload(DataPlaneCall call, DomainDirectory.DirectoryEntry entry) {
        WireRequest r = call.request();
        String type = r.header("Content-Type");
        String accept = r.header("Accept");
        boolean xmlIn = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/xml");
        boolean xmlOut = accept != null && accept.contains("application/xml") ? true
                : accept != null && accept.contains("application/json") ? false : xmlIn;
        if (type == null || type.isBlank()) {
            return Responses.documentErrors(400, List.of("The Content-Type header is missing"), xmlOut);
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (!t.startsWith("application/json") && !t.startsWith("application/xml")) {
            return Responses.documentErrors(415, List.of("Invalid Content-Type '" + type + "': use application/json or application/xml"), xmlOut);
        }
        byte[] body;
        try (InputStream in = call.body()) {
            body = in.readNBytes(MAX_BATCH_BYTES + 1);
        } catch (IOException e) {
            return Responses.documentErrors(400, List.of("Could not read the request body"), xmlOut);
        }
        if (body.length > MAX_BATCH_BYTES) {
            return Responses.documentErrors(413, List.of("Request Too Large: a batch is at most " + MAX_BATCH_BYTES + " bytes"), xmlOut);
        }
        try {
            List<DocumentOp> ops = SdfParser.parse(body, xmlIn);
            UploadResult result = engine.upload(entry.key(), entry.schema(), ops);
            return Responses.uploaded(result, xmlOut);
        } catch (BatchRejected e) {
            return Responses.documentErrors(e.status(), e.errors(), xmlOut);
        }
    }

    private static Map<String, String> parameters(WireRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.queryParameters().forEach((k, v) -> out.put(k, v.getFirst()));
        String type = r.header("Content-Type");
        if (r.method().equals("POST") && type != null && type.startsWith("application/x-www-form-urlencoded") && r.body() != null) {
            WireRequest.parseForm(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .forEach((k, v) -> out.putIfAbsent(k, v.getFirst()));
        }
        return out;
    }

    private static int size(String v) {
        if (v == null || v.isBlank()) {
            return 10;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SearchException("Invalid value for size: '" + v + "'");
        }
    }
}
