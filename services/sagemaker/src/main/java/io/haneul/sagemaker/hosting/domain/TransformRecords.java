package io.haneul.sagemaker.hosting.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How batch transform cuts an input object into requests and puts the answers back together, by the
 * job's SplitType (Line or None), BatchStrategy (SingleRecord or MultiRecord, the latter filling each
 * request up to MaxPayloadInMB; 0 means no limit), AssembleWith (Line: each answer ends with a newline;
 * None: answers are concatenated) and JoinSource (Input: each output line follows its input record,
 * after a comma for CSV or under {@code SageMakerOutput} for JSON lines).
 */
public final class TransformRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean splitLines;
    private final boolean singleRecord;
    private final long maxPayload;
    private final boolean assembleLines;
    private final boolean joinInput;
    private final String contentType;

    public TransformRecords(String splitType, String batchStrategy, int maxPayloadInMB, String assembleWith, String joinSource,
                            String contentType) {
        if (splitType != null && !splitType.equals("None") && !splitType.equals("Line")) {
            throw HostingException.validation("Haneul splits transform input by Line or None; SplitType " + splitType + " is not supported.");
        }
        this.splitLines = "Line".equals(splitType);
        this.singleRecord = "SingleRecord".equals(batchStrategy);
        this.maxPayload = maxPayloadInMB == 0 ? Long.MAX_VALUE : maxPayloadInMB * 1024L * 1024L;
        this.assembleLines = "Line".equals(assembleWith);
        this.joinInput = "Input".equals(joinSource);
        this.contentType = contentType == null ? "" : contentType;
    }

    /** The input's records. */
    public List<String> records(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!splitLines) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The request bodies to send, in order. */
    public List<byte[]> batches(byte[] body) {
        if (!splitLines) {
            return List.of(body);
        }
        List<byte[]> out = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        for (String record : records(body)) {
            long size = record.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxPayload) {
                throw HostingException.validation("A record of " + size + " bytes is larger than MaxPayloadInMB.");
            }
            if (!batch.isEmpty() && (singleRecord || batch.length() + 1 + size > maxPayload)) {
                out.add(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
            }
            if (!batch.isEmpty()) {
                batch.append('\n');
            }
            batch.append(record);
        }
        if (!batch.isEmpty()) {
            out.add(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The output object from the answers to {@link #batches}, in order. */
    public byte[] assemble(byte[] input, List<byte[]> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (joinInput) {
            List<String> records = records(input);
            List<String> lines = new ArrayList<>();
            for (byte[] a : answers) {
                for (String line : new String(a, StandardCharsets.UTF_8).split("\r?\n")) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
            }
            if (lines.size() != records.size()) {
                throw HostingException.validation("JoinSource Input needs one output line per input record; the model answered "
                        + lines.size() + " lines for " + records.size() + " records.");
            }
            for (int i = 0; i < records.size(); i++) {
                out.writeBytes(join(records.get(i), lines.get(i)).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            return out.toByteArray();
        }
        for (byte[] a : answers) {
            out.writeBytes(a);
            if (assembleLines && (a.length == 0 || a[a.length - 1] != '\n')) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private String join(String record, String output) {
        if (!contentType.contains("json")) {
            return record + "," + output;
        }
        try {
            JsonNode in = JSON.readTree(record);
            JsonNode answer;
            try {
                answer = JSON.readTree(output);
            } catch (IOException e) {
                answer = JSON.getNodeFactory().textNode(output);
            }
            ObjectNode joined = in.isObject() ? (ObjectNode) in.deepCopy() : JSON.createObjectNode().set("SageMakerInput", in);
            joined.set("SageMakerOutput", answer);
            return joined.toString();
        } catch (IOException e) {
            throw HostingException.validation("JoinSource Input could not read a JSON input record: " + e.getMessage());
        }
    }
}
