package io.haneul.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing metadata of every shipped API model (protocols, prefixes, signing name), written once
 * at build time into {@code /aws-models/metadata.tsv} so that a starting server reads one small file
 * instead of opening and parsing every model ({@link ModelLoader#loadMetadata}), a cost that grew with
 * each service added. {@code /aws-models/index.txt} stays the list of what ships; the build runs
 * {@link #main} over it (core's pom, {@code process-classes}), and {@code ModelIndexTest} checks the
 * written index against the models themselves.
 *
 * <p>One line per model, tab-separated: file stem, serviceId, apiVersion, protocols (comma-separated),
 * jsonVersion, targetPrefix, signingName, endpointPrefix, xmlNamespace, awsQueryCompatible. An empty
 * jsonVersion, targetPrefix or xmlNamespace stands for none (no model has an empty one).
 */
public final class ModelIndex {

    /** The list of shipped models, one file stem per line. */
    public static final String MODELS = "/aws-models/index.txt";
    /** The metadata of each, as {@link #main} writes it. */
    public static final String RESOURCE = "/aws-models/metadata.tsv";
    private static final int FIELDS = 10;

    /** One shipped model: its file stem (e.g. {@code sqs-2012-11-05}) and its metadata (no operations or shapes). */
    public record Entry(String fileStem, ServiceModel metadata) {
    }

    private ModelIndex() {
    }

    /**
     * Every shipped model's metadata in {@code index.txt}'s order, from the build's index; parsed
     * from the models themselves only where the index was not built (a classpath outside Maven).
     */
    public static List<Entry> read() {
        try (InputStream in = ModelIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                ModelLoader loader = new ModelLoader();
                return stems().stream().map(stem -> new Entry(stem, loader.loadMetadata(stem))).toList();
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : lines(in)) {
                entries.add(parse(line));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The file stems of the shipped models ({@code index.txt}). */
    public static List<String> stems() {
        try (InputStream in = ModelIndex.class.getResourceAsStream(MODELS)) {
            if (in == null) {
                throw new IllegalStateException(MODELS + " missing from the classpath");
            }
            return lines(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODELS, e);
        }
    }

    /** The index line of one model's metadata. */
    static String line(String fileStem, ServiceModel m) {
        return String.join("\t", fileStem, m.serviceId(), m.apiVersion(), String.join(",", m.protocols()),
                orEmpty(m.jsonVersion()), orEmpty(m.targetPrefix()), m.signingName(), m.endpointPrefix(),
                orEmpty(m.xmlNamespace()), Boolean.toString(m.awsQueryCompatible()));
    }

    static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalStateException(RESOURCE + ": expected " + FIELDS + " fields in: " + line);
        }
        String id = ModelLoader.modelId(f[0]);
        return new Entry(f[0], new ServiceModel(id, f[1], f[2], List.of(f[3].split(",")), orNull(f[4]), orNull(f[5]),
                f[6], f[7], orNull(f[8]), Boolean.parseBoolean(f[9]), Map.of(), Map.of(), Map.of()));
    }

    /**
     * Build step: writes {@code metadata.tsv} into the given {@code aws-models} directory of the
     * build's classes, from the models {@code index.txt} there lists.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModelIndex <classes>/aws-models");
        }
        Path dir = Path.of(args[0]);
        ModelLoader loader = new ModelLoader();
        StringBuilder out = new StringBuilder();
        try (InputStream in = Files.newInputStream(dir.resolve("index.txt"))) {
            for (String stem : lines(in)) {
                out.append(line(stem, loader.loadMetadata(stem))).append('\n');
            }
        }
        Files.writeString(dir.resolve("metadata.tsv"), out, StandardCharsets.UTF_8);
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
