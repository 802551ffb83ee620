package io.haneul.it.bench;

import io.haneul.cloudsearch.engine.DomainSchema;
import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.DocumentMapper;
import io.haneul.cloudsearch.engine.search.SearchRequest;
import io.haneul.cloudsearch.engine.search.Searcher;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * CloudSearch indexing and query latency through documents/batch and search (HTTP, SigV4-free
 * permissive mode) against the ceiling: the same generated catalogue indexed with the same
 * analyzers and Lucene documents straight into an IndexWriter, and the same queries run on it
 * in-process. Not a test; run by bench/cloudsearch/run.sh.
 *   CloudSearchBench ENDPOINT SERVER_DATA_DIR DOCS QUERIES
 */
public final class CloudSearchBench {

    private static final int BATCH_BYTES = 5 * 1024 * 1024 - 64 * 1024;
    private static final String[] CATEGORIES = {"books", "music", "garden", "tools", "toys", "games", "food", "shoes", "bags", "audio",
            "video", "phones", "office", "kitchen", "sports", "beauty", "health", "baby", "pets", "auto"};

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path serverData = Path.of(args[1]);
        int docs = Integer.parseInt(args[2]);
        int queries = Integer.parseInt(args[3]);
        long serverPid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        List<String> vocabulary = vocabulary();
        CloudSearchClient cs = CloudSearchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "secret"))).build();
        List<IndexField> fields = List.of(
                IndexField.builder().indexFieldName("title").indexFieldType("text").build(),
                IndexField.builder().indexFieldName("category").indexFieldType("literal").build(),
                IndexField.builder().indexFieldName("tags").indexFieldType("literal-array").build(),
                IndexField.builder().indexFieldName("price").indexFieldType("double").build(),
                IndexField.builder().indexFieldName("year").indexFieldType("int").build(),
                IndexField.builder().indexFieldName("location").indexFieldType("latlon").build());
        Expression value = Expression.builder().expressionName("value").expressionValue("_score * 10 + year / 100").build();
        cs.createDomain(b -> b.domainName("catalog"));
        for (IndexField f : fields) {
            cs.defineIndexField(b -> b.domainName("catalog").indexField(f));
        }
        cs.defineExpression(b -> b.domainName("catalog").expression(value));
        cs.indexDocuments(b -> b.domainName("catalog"));
        DomainStatus d = cs.describeDomains(b -> b.domainNames("catalog")).domainStatusList().getFirst();
        String doc = "http://" + d.docService().endpoint() + "/2013-01-01/documents/batch";
        String search = "http://" + d.searchService().endpoint() + "/2013-01-01/search?";

        List<String> batches = batches(docs, vocabulary);
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        long serverCpu0 = processCpuNanos(serverPid);
        for (String batch : batches) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(doc)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.body());
            }
        }
        // the clock stops when every document is searchable, not when the last batch is acknowledged
        HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(search + "q=matchall&q.parser=structured&size=0"))
                .build(), HttpResponse.BodyHandlers.ofString());
        double haneulDocsPerSecond = docs / ((System.nanoTime() - t0) / 1e9);
        long serverCpu = processCpuNanos(serverPid) - serverCpu0;
        if (!all.body().contains("\"found\":" + docs + ",")) {
            throw new IllegalStateException("not every document is searchable: " + all.body());
        }
        List<Map<String, String>> mix = queryMix(queries, vocabulary);
        long[] haneulLatency = new long[mix.size()];
        for (Map<String, String> q : mix.subList(0, Math.min(200, mix.size()))) { // warm-up, not measured
            http.send(HttpRequest.newBuilder(URI.create(search + query(q))).build(), HttpResponse.BodyHandlers.ofString());
        }
        for (int i = 0; i < mix.size(); i++) {
            String url = search + query(mix.get(i));
            long s = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            haneulLatency[i] = System.nanoTime() - s;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " " + r.body());
            }
        }
        String endpointId = d.docService().endpoint().substring(d.docService().endpoint().indexOf("/doc-") + 5);
        long haneulBytes = size(serverData.resolve("cloudsearch").resolve(endpointId));

        // the ceiling: the same documents, analyzers and queries, straight into Lucene
        CompiledSchema schema = new CompiledSchema(new DomainSchema(fields, List.of(), List.of(value), List.of()));
        DocumentMapper mapper = new DocumentMapper();
        Path raw = Files.createTempDirectory("cloudsearch-raw");
        long rawBytes;
        double rawDocsPerSecond;
        long rawCpu;
        long[] rawLatency = new long[mix.size()];
        try (FSDirectory dir = FSDirectory.open(raw);
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(schema.indexAnalyzer()).setRAMBufferSizeMB(64))) {
            Random random = new Random(42);
            long r0 = System.nanoTime();
            long rawCpu0 = ownCpuNanos();
            for (int i = 0; i < docs; i++) {
                Map<String, List<String>> f = fieldsOf(i, random, vocabulary);
                w.addDocument(mapper.toLucene("d" + i, f, schema));
            }
            w.commit();
            rawDocsPerSecond = docs / ((System.nanoTime() - r0) / 1e9);
            rawCpu = ownCpuNanos() - rawCpu0;
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (Map<String, String> q : mix.subList(0, Math.min(200, mix.size()))) { // warm-up, not measured
                    Searcher.search(searcher, schema, SearchRequest.of(q), System.currentTimeMillis(), 0.5);
                }
                for (int i = 0; i < mix.size(); i++) {
                    long s = System.nanoTime();
                    Searcher.search(searcher, schema, SearchRequest.of(mix.get(i)), System.currentTimeMillis(), 0.5);
                    rawLatency[i] = System.nanoTime() - s;
                }
            }
            rawBytes = size(raw);
        }
        System.out.printf("RESULT side=haneul docs=%d docs_per_s=%.0f query_p50_ms=%.2f query_p99_ms=%.2f index_mb=%.1f%n",
                docs, haneulDocsPerSecond, pct(haneulLatency, 50), pct(haneulLatency, 99), haneulBytes / 1048576.0);
        System.out.printf("RESULT side=lucene docs=%d docs_per_s=%.0f query_p50_ms=%.2f query_p99_ms=%.2f index_mb=%.1f%n",
                docs, rawDocsPerSecond, pct(rawLatency, 50), pct(rawLatency, 99), rawBytes / 1048576.0);
        System.out.printf("RESULT indexing_ratio=%.2f%n", haneulDocsPerSecond / rawDocsPerSecond);
        if (serverPid > 0) {
            // CPU per document survives a busy machine better than the rates: the server's process
            // (request, indexer, merges, database) against this JVM's while it indexes raw (the
            // generation of the raw side's field maps included, which makes the raw figure a bit high)
            System.out.printf("RESULT cpu_us_per_doc haneul_server=%.1f lucene_raw=%.1f cpu_ratio=%.2f%n",
                    serverCpu / 1e3 / docs, rawCpu / 1e3 / docs, (double) rawCpu / serverCpu);
        }
        String[] kinds = {"simple", "structured+fq", "facets", "sort-expression", "geo-sort"};
        for (int k = 0; k < kinds.length; k++) {
            System.out.printf("RESULT kind=%s haneul_p50_ms=%.2f haneul_p99_ms=%.2f lucene_p50_ms=%.2f lucene_p99_ms=%.2f%n", kinds[k],
                    pct(every(haneulLatency, k, kinds.length), 50), pct(every(haneulLatency, k, kinds.length), 99),
                    pct(every(rawLatency, k, kinds.length), 50), pct(every(rawLatency, k, kinds.length), 99));
        }
        cs.close();
    }

    private static List<String> vocabulary() {
        Random r = new Random(7);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + r.nextInt(7);
            for (int k = 0; k < len; k++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            words.add(w.toString());
        }
        return words;
    }

    /** Zipf-like choice: low indexes are common, as in real titles. */
    private static String word(Random r, List<String> vocabulary) {
        return vocabulary.get((int) Math.min(vocabulary.size() - 1, Math.floor(Math.pow(r.nextDouble(), 3) * vocabulary.size())));
    }

    private static Map<String, List<String>> fieldsOf(int i, Random r, List<String> vocabulary) {
        Map<String, List<String>> f = new LinkedHashMap<>();
        StringBuilder title = new StringBuilder();
        int words = 3 + r.nextInt(6);
        for (int k = 0; k < words; k++) {
            title.append(k == 0 ? "" : " ").append(word(r, vocabulary));
        }
        f.put("title", List.of(title.toString()));
        f.put("category", List.of(CATEGORIES[r.nextInt(CATEGORIES.length)]));
        f.put("tags", List.of(CATEGORIES[r.nextInt(CATEGORIES.length)], CATEGORIES[r.nextInt(CATEGORIES.length)]));
        f.put("price", List.of(Double.toString(Math.round(r.nextDouble() * 100000) / 100.0)));
        f.put("year", List.of(Integer.toString(1950 + r.nextInt(75))));
        f.put("location", List.of(String.format("%.4f,%.4f", r.nextDouble() * 140 - 70, r.nextDouble() * 340 - 170)));
        return f;
    }

    private static List<String> batches(int docs, List<String> vocabulary) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Random random = new Random(42);
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < docs; i++) {
            String op = json.writeValueAsString(Map.of("type", "add", "id", "d" + i, "fields", fieldsOf(i, random, vocabulary)));
            if (b.length() + op.length() + 2 > BATCH_BYTES) {
                out.add(b.append(']').toString());
                b = new StringBuilder("[");
            }
            b.append(b.length() > 1 ? "," : "").append(op);
        }
        if (b.length() > 1) {
            out.add(b.append(']').toString());
        }
        return out;
    }

    /** Simple, structured with fq, facets, sort by expression, geo sort: one of each in turn. */
    private static List<Map<String, String>> queryMix(int n, List<String> vocabulary) {
        Random r = new Random(99);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = word(r, vocabulary);
            Map<String, String> q = new LinkedHashMap<>();
            switch (i % 5) {
                case 0 -> q.put("q", w);
                case 1 -> {
                    q.put("q.parser", "structured");
                    q.put("q", "(and title:'" + w + "' (range field=year [1970,2000]))");
                    q.put("fq", "category:'" + CATEGORIES[r.nextInt(CATEGORIES.length)] + "'");
                }
                case 2 -> {
                    q.put("q", w);
                    q.put("facet.category", "{}");
                    q.put("facet.year", "{sort:'bucket',size:5}");
                }
                case 3 -> {
                    q.put("q", w);
                    q.put("sort", "value desc");
                }
                default -> {
                    q.put("q", w);
                    q.put("expr.distance", "haversin(48.85,2.35,location.latitude,location.longitude)");
                    q.put("sort", "distance asc");
                    q.put("return", "title,distance");
                }
            }
            out.add(q);
        }
        return out;
    }

    private static String query(Map<String, String> q) {
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /** utime + stime of another process from /proc (clock ticks of 10 ms), or 0 when unknown. */
    private static long processCpuNanos(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The latencies of one kind of query: the mix cycles through the kinds in order. */
    private static long[] every(long[] nanos, int kind, int kinds) {
        return java.util.stream.IntStream.range(0, nanos.length).filter(i -> i % kinds == kind).mapToLong(i -> nanos[i]).toArray();
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static long size(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
