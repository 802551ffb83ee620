package io.haneul.sagemaker.algorithms.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-recordio-protobuf}, the format the SageMaker Python SDK's {@code record_set()} and
 * RecordSerializer write for AWS's own algorithms: RecordIO frames (magic {@code 0xced7230a}, a length
 * word whose top 3 bits say whether the record is split across frames, 4-byte padding), each holding a
 * protobuf {@code Record} with {@code features} and {@code label} maps of tensors (Float32, Float64 or
 * Int32; sparse when {@code keys} are given, with {@code shape} the width). Read and written with
 * protobuf-java's wire-format streams (there are no generated classes for SageMaker's schema).
 */
public final class RecordIoProtobuf {

    public static final String CONTENT_TYPE = "application/x-recordio-protobuf";
    private static final int MAGIC = 0xced7230a;

    private RecordIoProtobuf() {
    }

    private record Tensor(double[] values, long[] keys, long[] shape) {
    }

    private record Row(Tensor features, Tensor label, Map<String, Tensor> labels) {
    }

    private record Entry(String key, Tensor tensor) {
    }

    /** The records of a channel's files as one data set (the label's first value when {@code labelled}). */
    public static Dataset read(List<Path> files, boolean labelled, String channel) throws AlgorithmException {
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            try {
                rows.addAll(records(Files.readAllBytes(file), channel));
            } catch (IOException e) {
                throw AlgorithmException.internal("Unable to read data channel '" + channel + "': " + e.getMessage());
            }
        }
        return dataset(rows, labelled, channel);
    }

    /** A request body's records. */
    public static Dataset parse(byte[] body) throws AlgorithmException {
        return dataset(records(body, "request"), false, "request");
    }

    private static List<Row> records(byte[] bytes, String channel) throws AlgorithmException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Row> rows = new ArrayList<>();
        ByteArrayOutputStream split = null;
        while (in.remaining() >= 8) {
            if (in.getInt() != MAGIC) {
                throw AlgorithmException.client("Unable to read data channel '" + channel + "': not RecordIO (bad magic number at byte "
                        + (in.position() - 4) + "); the content type says " + CONTENT_TYPE);
            }
            int word = in.getInt();
            int flag = word >>> 29;
            int length = word & ((1 << 29) - 1);
            if (length > in.remaining()) {
                throw AlgorithmException.client("Unable to read data channel '" + channel + "': truncated RecordIO record");
            }
            byte[] data = new byte[length];
            in.get(data);
            in.position(Math.min(in.limit(), in.position() + ((4 - length % 4) % 4)));
            if (flag == 1 || flag == 2) {
                if (split == null) {
                    split = new ByteArrayOutputStream();
                }
                split.write(data, 0, data.length);
                continue;
            }
            if (flag == 3 && split != null) {
                split.write(data, 0, data.length);
                data = split.toByteArray();
                split = null;
            }
            try {
                rows.add(record(CodedInputStream.newInstance(data)));
            } catch (IOException | RuntimeException e) {
                throw AlgorithmException.client("Unable to read data channel '" + channel + "': record " + (rows.size() + 1)
                        + " is not a SageMaker protobuf Record: " + e.getMessage());
            }
        }
        return rows;
    }

    private static Row record(CodedInputStream in) throws IOException {
        Tensor features = null;
        Tensor label = null;
        Map<String, Tensor> labels = new java.util.LinkedHashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if ((field == 1 || field == 2) && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                Entry e = mapEntry(CodedInputStream.newInstance(in.readByteArray()));
                if (field == 1 && (features == null || e.key().equals("values"))) {
                    features = e.tensor();
                } else if (field == 2) {
                    labels.put(e.key(), e.tensor());
                    if (label == null || e.key().equals("values")) {
                        label = e.tensor();
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return new Row(features, label, labels);
    }

    /** The {@code label} maps of a body's records (how AWS's containers and Haneul answer in this format). */
    public static List<Map<String, double[]>> labels(byte[] body) throws AlgorithmException {
        List<Map<String, double[]>> out = new ArrayList<>();
        for (Row r : records(body, "response")) {
            Map<String, double[]> m = new java.util.LinkedHashMap<>();
            r.labels().forEach((k, t) -> m.put(k, t == null ? new double[0] : t.values()));
            out.add(m);
        }
        return out;
    }

    /** A map entry {key, Value}; the key (the SDK writes "values") and the value's tensor. */
    private static Entry mapEntry(CodedInputStream in) throws IOException {
        Tensor tensor = null;
        String key = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                key = in.readString();
            } else if (WireFormat.getTagFieldNumber(tag) == 2) {
                CodedInputStream value = CodedInputStream.newInstance(in.readByteArray());
                int vt;
                while ((vt = value.readTag()) != 0) {
                    int kind = WireFormat.getTagFieldNumber(vt);
                    if (kind == 2 || kind == 3 || kind == 7) {
                        tensor = tensor(CodedInputStream.newInstance(value.readByteArray()), kind);
                    } else {
                        value.skipField(vt);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return new Entry(key, tensor);
    }

    private static Tensor tensor(CodedInputStream in, int kind) throws IOException {
        List<Double> values = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        List<Long> shape = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 1) {
                if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        values.add(scalar(in, kind));
                    }
                    in.popLimit(limit);
                } else {
                    values.add(scalar(in, kind));
                }
            } else if (field == 2 || field == 3) {
                List<Long> target = field == 2 ? keys : shape;
                if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        target.add(in.readUInt64());
                    }
                    in.popLimit(limit);
                } else {
                    target.add(in.readUInt64());
                }
            } else {
                in.skipField(tag);
            }
        }
        return new Tensor(values.stream().mapToDouble(Double::doubleValue).toArray(), keys.stream().mapToLong(Long::longValue).toArray(),
                shape.stream().mapToLong(Long::longValue).toArray());
    }

    private static double scalar(CodedInputStream in, int kind) throws IOException {
        return switch (kind) {
            case 2 -> in.readFloat();
            case 3 -> in.readDouble();
            default -> in.readInt32();
        };
    }

    private static Dataset dataset(List<Row> rows, boolean labelled, String channel) throws AlgorithmException {
        if (rows.isEmpty()) {
            throw AlgorithmException.client("Unable to read data channel '" + channel + "': it holds no records");
        }
        int width = 0;
        for (Row r : rows) {
            if (r.features() == null) {
                throw AlgorithmException.client("Unable to read data channel '" + channel + "': a record has no features");
            }
            width = Math.max(width, width(r.features()));
        }
        float[] values = new float[rows.size() * width];
        float[] labels = labelled ? new float[rows.size()] : null;
        for (int i = 0; i < rows.size(); i++) {
            Tensor t = rows.get(i).features();
            if (t.keys().length > 0) {
                for (int k = 0; k < t.keys().length; k++) {
                    values[i * width + (int) t.keys()[k]] = (float) t.values()[k];
                }
            } else {
                for (int k = 0; k < t.values().length; k++) {
                    values[i * width + k] = (float) t.values()[k];
                }
            }
            if (labelled) {
                Tensor label = rows.get(i).label();
                if (label == null || label.values().length == 0) {
                    throw AlgorithmException.client("Unable to read data channel '" + channel + "': record " + (i + 1) + " has no label");
                }
                labels[i] = (float) label.values()[0];
            }
        }
        return new Dataset(rows.size(), width, values, labels);
    }

    private static int width(Tensor t) {
        if (t.shape().length > 0) {
            return (int) t.shape()[0];
        }
        if (t.keys().length > 0) {
            long max = 0;
            for (long k : t.keys()) {
                max = Math.max(max, k + 1);
            }
            return (int) max;
        }
        return t.values().length;
    }

    /** Records whose numeric members (numbers or arrays of numbers) become Float32 tensors in the {@code label} map, as AWS's containers answer. */
    public static byte[] write(List<ObjectNode> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ObjectNode r : records) {
            List<float[]> tensors = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                float[] values = v.isArray() ? new float[v.size()] : new float[] {(float) v.asDouble()};
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        values[i] = (float) v.get(i).asDouble();
                    }
                }
                names.add(e.getKey());
                tensors.add(values);
            }
            byte[] record = encodeRecord(names, tensors, 2);
            frame(out, record);
        }
        return out.toByteArray();
    }

    /** One Record whose map {@code field} (1 features, 2 label) holds the named Float32 tensors. */
    public static byte[] encodeRecord(List<String> names, List<float[]> tensors, int field) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream record = CodedOutputStream.newInstance(bytes);
            for (int i = 0; i < names.size(); i++) {
                byte[] tensor = floatTensor(tensors.get(i));
                byte[] value = lengthDelimited(2, tensor);
                ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
                CodedOutputStream entry = CodedOutputStream.newInstance(entryBytes);
                entry.writeString(1, names.get(i));
                entry.writeByteArray(2, value);
                entry.flush();
                record.writeByteArray(field, entryBytes.toByteArray());
            }
            record.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] floatTensor(float[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream t = CodedOutputStream.newInstance(bytes);
        t.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        t.writeUInt32NoTag(values.length * 4);
        for (float v : values) {
            t.writeFloatNoTag(v);
        }
        t.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        t.writeUInt32NoTag(CodedOutputStream.computeUInt64SizeNoTag(values.length));
        t.writeUInt64NoTag(values.length);
        t.flush();
        return bytes.toByteArray();
    }

    private static byte[] lengthDelimited(int field, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(field, content);
        out.flush();
        return bytes.toByteArray();
    }

    /** Appends one RecordIO frame (magic, length, data, padding). */
    public static void frame(ByteArrayOutputStream out, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(data.length);
        out.writeBytes(header.array());
        out.writeBytes(data);
        out.writeBytes(new byte[(4 - data.length % 4) % 4]);
    }
}
