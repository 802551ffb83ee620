package io.haneul.apigateway.domain;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ImportApiKeys' CSV file as AWS documents it: a header row naming at least {@code Key} and
 * {@code Name} (any case, any order), optional {@code Description}, {@code Enabled} and
 * {@code UsagePlanIds} (several ids quoted and comma-separated), other columns ignored; a missing
 * cell is an empty string, or {@code true} for Enabled.
 */
public final class ApiKeyCsv {

    /** One row: {@code line} is its line in the file (the header is line 1). */
    public record Row(long line, String key, String name, String description, boolean enabled, List<String> usagePlanIds) {
    }

    private ApiKeyCsv() {
    }

    public static List<Row> parse(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> names = header == null ? List.of() : header.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            if (!names.contains("key") || !names.contains("name")) {
                throw ApiGatewayException.badRequest("Invalid API key file: the header must name the Key and Name columns");
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                String enabled = cell(r, "enabled");
                String plans = cell(r, "usageplanids");
                List<String> ids = new ArrayList<>();
                for (String id : plans.replace("'", "").split(",")) {
                    if (!id.isBlank()) {
                        ids.add(id.trim());
                    }
                }
                rows.add(new Row(r.getRecordNumber() + 1, cell(r, "key"), cell(r, "name"), cell(r, "description"),
                        enabled.isEmpty() || enabled.equalsIgnoreCase("true"), ids));
            }
            return rows;
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ApiGatewayException.badRequest("Invalid API key file: " + e.getMessage());
        }
    }

    private static String cell(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
    }
}
