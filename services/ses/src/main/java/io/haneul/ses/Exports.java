package io.haneul.ses;

import io.haneul.ses.domain.SesException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import software.amazon.awssdk.services.sesv2.model.ExportDataSource;
import software.amazon.awssdk.services.sesv2.model.ExportMetric;
import software.amazon.awssdk.services.sesv2.model.MessageInsightsDataSource;
import software.amazon.awssdk.services.sesv2.model.MessageInsightsFilters;
import software.amazon.awssdk.services.sesv2.model.MetricsDataSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of an export job, computed from the mail sent here ({@link SentMail}): metrics per day
 * and dimension values (volumes, and rates over the messages sent or delivered), or one message
 * insights record per recipient; written as CSV with a header row or as JSON lines.
 */
final class Exports {

    /** An export's bytes and counts. */
    record Output(byte[] bytes, int processed, int exported) {
    }

    private final SentMail sent;

    Exports(SentMail sent) {
        this.sent = sent;
    }

    Output metrics(Scope s, MetricsDataSource m, String format) {
        if (!"VDM".equals(m.namespaceAsString())) {
            throw SesException.invalid("Invalid Namespace " + m.namespaceAsString() + ": must be VDM.");
        }
        if (m.startDate().isAfter(m.endDate())) {
            throw SesException.invalid("StartDate must be before EndDate.");
        }
        Map<String, List<String>> dims = m.dimensionsAsStrings();
        List<SentMail.Sent> all = sent.since(s, m.startDate().toEpochMilli(), m.endDate().toEpochMilli());
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        int processed = 0;
        for (SentMail.Sent x : all) {
            String identity = matchIdentity(dims.get("EMAIL_IDENTITY"), x);
            List<String> sets = dims.get("CONFIGURATION_SET");
            if ((dims.containsKey("EMAIL_IDENTITY") && identity == null)
                    || (sets != null && !sets.contains(x.configSet()))) {
                continue;
            }
            processed++;
            String day = Instant.ofEpochMilli(x.sentMs()).truncatedTo(ChronoUnit.DAYS).toString();
            Map<String, Object> row = rows.computeIfAbsent(day + " " + identity + " " + x.configSet(), k -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("timestamp", day);
                if (dims.containsKey("EMAIL_IDENTITY")) {
                    r.put("email_identity", identity);
                }
                if (sets != null) {
                    r.put("configuration_set", x.configSet());
                }
                if (dims.containsKey("ISP")) {
                    r.put("isp", "Haneul");
                }
                return r;
            });
            for (ExportMetric metric : m.metrics()) {
                String name = metric.nameAsString();
                long volume = switch (name) {
                    case "SEND" -> x.count("SEND");
                    case "DELIVERY" -> x.count("DELIVERY");
                    case "PERMANENT_BOUNCE" -> x.count("BOUNCE");
                    case "COMPLAINT", "DELIVERY_COMPLAINT" -> x.count("COMPLAINT");
                    default -> 0;
                };
                long base = name.startsWith("DELIVERY_") ? x.count("DELIVERY") : x.count("SEND");
                row.merge(key(name, "VOLUME"), volume, (a, b) -> (Long) a + (Long) b);
                row.merge("_base_" + name, base, (a, b) -> (Long) a + (Long) b);
            }
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (Map<String, Object> row : rows.values()) {
            Map<String, Object> rec = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (!k.startsWith("_base_") && !k.endsWith("_volume")) {
                    rec.put(k, v);
                }
            });
            for (ExportMetric metric : m.metrics()) {
                String name = metric.nameAsString();
                long volume = (Long) row.get(key(name, "VOLUME"));
                if ("RATE".equals(metric.aggregationAsString())) {
                    long base = (Long) row.get("_base_" + name);
                    rec.put(key(name, "RATE"), base == 0 ? 0.0 : (double) volume / base);
                } else {
                    rec.put(key(name, "VOLUME"), volume);
                }
            }
            records.add(rec);
        }
        return new Output(write(records, format), processed, records.size());
    }

    private static String key(String metric, String aggregation) {
        return metric.toLowerCase(Locale.ROOT) + "_" + aggregation.toLowerCase(Locale.ROOT);
    }

    /** The EMAIL_IDENTITY value (an address or a domain) the message was sent from, or null. */
    private static String matchIdentity(List<String> identities, SentMail.Sent x) {
        if (identities == null) {
            return x.source();
        }
        for (String i : identities) {
            if (i.equalsIgnoreCase(x.source()) || i.equalsIgnoreCase(x.sourceDomain())) {
                return i;
            }
        }
        return null;
    }

    Output insights(Scope s, MessageInsightsDataSource m, String format) {
        if (m.startDate().isAfter(m.endDate())) {
            throw SesException.invalid("StartDate must be before EndDate.");
        }
        int max = m.maxResults() == null ? 10_000 : m.maxResults();
        List<Map<String, Object>> records = new ArrayList<>();
        int processed = 0;
        for (SentMail.Sent x : sent.since(s, m.startDate().toEpochMilli(), m.endDate().toEpochMilli())) {
            processed++;
            for (SentMail.Recipient r : x.recipients()) {
                // the simulator's and the suppression list's bounces are permanent
                String last = r.events().getLast().equals("BOUNCE") ? "PERMANENT_BOUNCE" : r.events().getLast();
                if (!matches(m.include(), x, r, last, true) || matches(m.exclude(), x, r, last, false) || records.size() >= max) {
                    continue;
                }
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("message_id", x.messageId());
                rec.put("email_address", r.address());
                rec.put("from_email_address", x.source());
                rec.put("subject", x.subject());
                rec.put("send_timestamp", Instant.ofEpochMilli(x.sentMs()).toString());
                rec.put("isp", "Haneul");
                rec.put("last_delivery_event", last);
                rec.put("last_engagement_event", null);
                records.add(rec);
            }
        }
        return new Output(write(records, format), processed, records.size());
    }

    /** Whether the filters match (no filters: {@code whenEmpty}). */
    private static boolean matches(MessageInsightsFilters f, SentMail.Sent x, SentMail.Recipient r, String last, boolean whenEmpty) {
        if (f == null) {
            return whenEmpty;
        }
        boolean any = false;
        boolean ok = true;
        if (f.hasFromEmailAddress()) {
            any = true;
            ok &= f.fromEmailAddress().stream().anyMatch(a -> a.equalsIgnoreCase(x.source()));
        }
        if (f.hasDestination()) {
            any = true;
            ok &= f.destination().stream().anyMatch(a -> a.equalsIgnoreCase(r.address()));
        }
        if (f.hasSubject()) {
            any = true;
            ok &= x.subject() != null && f.subject().stream().anyMatch(a -> x.subject().contains(a));
        }
        if (f.hasLastDeliveryEvent()) {
            any = true;
            ok &= f.lastDeliveryEventAsStrings().contains(last);
        }
        return any ? ok : whenEmpty;
    }

    private static byte[] write(List<Map<String, Object>> records, String format) {
        try {
            if ("CSV".equals(format)) {
                StringWriter w = new StringWriter();
                List<String> header = records.isEmpty() ? List.of() : new ArrayList<>(records.getFirst().keySet());
                try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
                    for (Map<String, Object> r : records) {
                        p.printRecord(r.values());
                    }
                }
                return w.toString().getBytes(StandardCharsets.UTF_8);
            }
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> r : records) {
                b.append(Docs.JSON.writeValueAsString(r)).append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What GetExportJob echoes of a job's data source, kept with the job. */
    static Map<String, Object> describe(ExportDataSource src) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (src.metricsDataSource() != null) {
            MetricsDataSource m = src.metricsDataSource();
            d.put("type", "metrics");
            d.put("namespace", m.namespaceAsString());
            d.put("dimensions", m.dimensionsAsStrings());
            List<Map<String, String>> metrics = new ArrayList<>();
            m.metrics().forEach(x -> metrics.add(Map.of("name", x.nameAsString(), "aggregation", x.aggregationAsString() == null ? "VOLUME"
                    : x.aggregationAsString())));
            d.put("metrics", metrics);
            d.put("start", m.startDate().toEpochMilli());
            d.put("end", m.endDate().toEpochMilli());
        } else {
            MessageInsightsDataSource m = src.messageInsightsDataSource();
            d.put("type", "insights");
            d.put("start", m.startDate().toEpochMilli());
            d.put("end", m.endDate().toEpochMilli());
            if (m.maxResults() != null) {
                d.put("maxResults", m.maxResults());
            }
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    static ExportDataSource source(Map<String, Object> d) {
        if (d == null) {
            return null;
        }
        Instant start = Instant.ofEpochMilli(((Number) d.get("start")).longValue());
        Instant end = Instant.ofEpochMilli(((Number) d.get("end")).longValue());
        if ("metrics".equals(d.get("type"))) {
            List<Map<String, String>> metrics = (List<Map<String, String>>) d.get("metrics");
            return ExportDataSource.builder().metricsDataSource(m -> m.namespace((String) d.get("namespace"))
                    .dimensionsWithStrings((Map<String, List<String>>) d.get("dimensions")).startDate(start).endDate(end)
                    .metrics(metrics.stream().map(x -> ExportMetric.builder().name(x.get("name")).aggregation(x.get("aggregation")).build())
                            .toList())).build();
        }
        return ExportDataSource.builder().messageInsightsDataSource(m -> m.startDate(start).endDate(end)
                .maxResults(d.get("maxResults") == null ? null : ((Number) d.get("maxResults")).intValue())).build();
    }

}
