package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.ses.domain.SesException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of an import job, read from an S3 object and applied one by one (a bad record is
 * counted as failed and the rest go on). CSV has a header row; JSON is one object per line.
 * Suppression list: {@code emailAddress}, {@code reason} (BOUNCE or COMPLAINT). Contact list:
 * {@code emailAddress}, {@code unsubscribeAll}, {@code attributesData} and, per topic, a
 * {@code topicPreferences.<TopicName>} column (OPT_IN or OPT_OUT) in CSV or a
 * {@code topicPreferences} list of {@code {topicName, subscriptionStatus}} in JSON. PUT adds or
 * replaces, DELETE removes.
 */
final class ImportRecords {

    /** How many records were processed and how many of them failed. */
    record Result(int processed, int failed) {
    }

    /** One record: its fields, topic preferences apart. */
    private record Fields(Map<String, String> values, Map<String, String> topics) {
    }

    private final SesRuntime rt;

    ImportRecords(SesRuntime rt) {
        this.rt = rt;
    }

    private static List<Fields> read(InputStream in, String format) {
        List<Fields> out = new ArrayList<>();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if ("CSV".equals(format)) {
                try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader)) {
                    for (CSVRecord r : p) {
                        Map<String, String> values = new LinkedHashMap<>();
                        Map<String, String> topics = new LinkedHashMap<>();
                        r.toMap().forEach((k, v) -> {
                            if (k.startsWith("topicPreferences.")) {
                                if (!v.isEmpty()) {
                                    topics.put(k.substring("topicPreferences.".length()), v);
                                }
                            } else {
                                values.put(k, v);
                            }
                        });
                        out.add(new Fields(values, topics));
                    }
                }
                return out;
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Docs.JSON.readTree(line);
                } catch (IOException e) {
                    out.add(null);
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                Map<String, String> topics = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("topicPreferences")) {
                        e.getValue().forEach(t -> topics.put(t.path("topicName").asText(), t.path("subscriptionStatus").asText()));
                    } else {
                        values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                    }
                });
                out.add(new Fields(values, topics));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv reports a malformed record while iterating, wrapped in UncheckedIOException
            throw SesException.invalid("The import data is not valid " + format + ": " + e.getMessage());
        }
    }

    Result suppressed(Scope s, InputStream in, String format, String action) {
        int processed = 0;
        int failed = 0;
        for (Fields f : read(in, format)) {
            processed++;
            try {
                if (f == null) {
                    throw SesException.invalid("unreadable record");
                }
                String email = f.values().get("emailAddress");
                if (email == null) {
                    throw SesException.invalid("emailAddress missing");
                }
                if ("DELETE".equals(action)) {
                    rt.accounts().unsuppress(s, email);
                } else {
                    rt.accounts().suppress(s, email, f.values().getOrDefault("reason", ""));
                }
            } catch (SesException e) {
                failed++;
            }
        }
        return new Result(processed, failed);
    }

    Result contacts(Scope s, InputStream in, String format, String list, String action) {
        int processed = 0;
        int failed = 0;
        for (Fields f : read(in, format)) {
            processed++;
            try {
                if (f == null || f.values().get("emailAddress") == null) {
                    throw SesException.invalid("emailAddress missing");
                }
                String email = f.values().get("emailAddress");
                if ("DELETE".equals(action)) {
                    rt.contacts().deleteContact(s, list, email);
                    continue;
                }
                if (!io.haneul.ses.domain.Addresses.valid(io.haneul.ses.domain.Addresses.bare(email))) {
                    throw SesException.invalid("Invalid email address " + email + ".");
                }
                Contacts.Contact c = new Contacts.Contact();
                c.list = list;
                c.email = email;
                c.preferences.putAll(f.topics());
                for (String status : f.topics().values()) {
                    if (!status.equals("OPT_IN") && !status.equals("OPT_OUT")) {
                        throw SesException.invalid("Invalid subscription status " + status + ".");
                    }
                }
                c.unsubscribeAll = Boolean.parseBoolean(f.values().getOrDefault("unsubscribeAll", "false"));
                c.attributes = f.values().get("attributesData");
                try {
                    rt.contacts().createContact(s, c);
                } catch (SesException exists) {
                    if (!"AlreadyExistsException".equals(exists.v2())) {
                        throw exists;
                    }
                    rt.contacts().updateContact(s, c, true);
                }
            } catch (SesException e) {
                failed++;
            }
        }
        return new Result(processed, failed);
    }
}
