package io.haneul.sagemaker.algorithms.data;

import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the numeric text formats of SageMaker's built-in algorithms into a {@link Dataset}: CSV rows
 * of numbers with no header (the label in the first column when {@code labelled}), and libsvm rows
 * {@code label index:value ...} (a row without a label token is read at inference). A bad row fails
 * with its line number, which becomes the job's ClientError FailureReason or an invoke's 4xx.
 */
public final class TextTables {

    private TextTables() {
    }

    /** Reads all files of a channel, in order, as one data set. */
    public static Dataset read(List<Path> files, DataFormat format, boolean labelled, String channel) throws AlgorithmException {
        Builder builder = new Builder(labelled);
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                readInto(new InputStreamReader(in, StandardCharsets.UTF_8), format, builder, channel + " (" + file.getFileName() + ")");
            } catch (IOException e) {
                throw AlgorithmException.internal("Unable to read data channel '" + channel + "': " + e.getMessage());
            }
        }
        if (builder.rows == 0) {
            throw AlgorithmException.client("Unable to read data channel '" + channel + "': it holds no rows");
        }
        return builder.build();
    }

    /** Reads a request body (no labels in CSV; a libsvm label token is read and dropped). */
    public static Dataset parse(byte[] body, DataFormat format) throws AlgorithmException {
        Builder builder = new Builder(false);
        try {
            readInto(new StringReader(new String(body, StandardCharsets.UTF_8)), format, builder, "request");
        } catch (IOException e) {
            throw AlgorithmException.client(e.getMessage());
        }
        if (builder.rows == 0) {
            throw AlgorithmException.client("Loading " + (format == DataFormat.CSV ? "csv" : "libsvm") + " data failed: the payload holds no rows");
        }
        return builder.build();
    }

    private static void readInto(Reader source, DataFormat format, Builder builder, String where) throws IOException, AlgorithmException {
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                if (format == DataFormat.CSV) {
                    builder.csvRow(trimmed);
                } else {
                    builder.libsvmRow(trimmed);
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw AlgorithmException.client("Unable to read data channel '" + where + "': line " + number + " is not valid "
                        + (format == DataFormat.CSV ? "text/csv (numbers only, no header" + (builder.labelled ? ", label first" : "") + ")"
                        : "text/libsvm (label index:value ...)") + ": " + abbreviate(trimmed));
            }
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** Grows the row-major value array as rows arrive; libsvm rows may widen the table. */
    private static final class Builder {
        private final boolean labelled;
        private float[] values = new float[1024];
        private float[] labels = new float[64];
        private int rows;
        private int columns = -1;
        private final java.util.ArrayList<float[]> sparseRows = new java.util.ArrayList<>();
        private boolean sparse;

        Builder(boolean labelled) {
            this.labelled = labelled;
        }

        void csvRow(String line) throws AlgorithmException {
            String[] cells = line.split(",", -1);
            int start = labelled ? 1 : 0;
            int width = cells.length - start;
            if (width <= 0) {
                throw new NumberFormatException("no features");
            }
            if (columns < 0) {
                columns = width;
            } else if (columns != width) {
                throw AlgorithmException.client("Unable to read data: rows have different numbers of columns (" + columns + " and " + width + ")");
            }
            float[] row = new float[width];
            for (int i = 0; i < width; i++) {
                String cell = cells[i + start].strip();
                row[i] = cell.isEmpty() ? Float.NaN : Float.parseFloat(cell);
            }
            add(labelled ? Float.parseFloat(cells[0].strip()) : Float.NaN, row);
        }

        void libsvmRow(String line) {
            String[] tokens = line.split("\\s+");
            int first = 0;
            float label = Float.NaN;
            if (!tokens[0].contains(":")) {
                label = Float.parseFloat(tokens[0]);
                first = 1;
            } else if (labelled) {
                throw new NumberFormatException("no label");
            }
            int max = -1;
            int[] idx = new int[tokens.length - first];
            float[] val = new float[tokens.length - first];
            for (int t = first; t < tokens.length; t++) {
                int colon = tokens[t].indexOf(':');
                idx[t - first] = Integer.parseInt(tokens[t].substring(0, colon));
                val[t - first] = Float.parseFloat(tokens[t].substring(colon + 1));
                if (idx[t - first] < 0) {
                    throw new NumberFormatException("negative index");
                }
                max = Math.max(max, idx[t - first]);
            }
            float[] packed = new float[1 + idx.length * 2];
            packed[0] = label;
            for (int i = 0; i < idx.length; i++) {
                packed[1 + 2 * i] = idx[i];
                packed[2 + 2 * i] = val[i];
            }
            sparse = true;
            sparseRows.add(packed);
            columns = Math.max(columns, max + 1);
            rows++;
        }

        private void add(float label, float[] row) {
            if ((rows + 1) * row.length > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * row.length));
            }
            System.arraycopy(row, 0, values, rows * row.length, row.length);
            if (rows == labels.length) {
                labels = java.util.Arrays.copyOf(labels, labels.length * 2);
            }
            labels[rows] = label;
            rows++;
        }

        Dataset build() {
            if (!sparse) {
                return new Dataset(rows, columns, java.util.Arrays.copyOf(values, rows * columns),
                        labelled ? java.util.Arrays.copyOf(labels, rows) : null);
            }
            int width = Math.max(columns, 1);
            float[] dense = new float[rows * width];
            java.util.Arrays.fill(dense, Float.NaN);
            float[] rowLabels = new float[rows];
            boolean anyLabel = false;
            for (int r = 0; r < rows; r++) {
                float[] packed = sparseRows.get(r);
                rowLabels[r] = packed[0];
                anyLabel |= !Float.isNaN(packed[0]);
                for (int i = 1; i < packed.length; i += 2) {
                    dense[r * width + (int) packed[i]] = packed[i + 1];
                }
            }
            return new Dataset(rows, width, dense, labelled || anyLabel ? rowLabels : null);
        }
    }
}
