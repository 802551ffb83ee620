package io.haneul.sqs.domain;

import java.util.List;

/**
 * A message (or message system) attribute as sent: its full data type (e.g. {@code Number.int})
 * and one value. List values exist in the API but SendMessage rejects them.
 *
 * <p>Byte arrays are held as given, not copied: treat them as read-only.
 *
 * @param dataType         {@code String}, {@code Number} or {@code Binary}, optionally {@code .label}
 * @param stringValue      the value of a String or Number attribute, else null
 * @param binaryValue      the value of a Binary attribute, else null
 * @param stringListValues never null (empty when unused)
 * @param binaryListValues never null (empty when unused)
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue,
                               List<String> stringListValues, List<byte[]> binaryListValues) {

    public MessageAttribute {
        stringListValues = stringListValues == null ? List.of() : List.copyOf(stringListValues);
        binaryListValues = binaryListValues == null ? List.of() : List.copyOf(binaryListValues);
    }

    /** A String or Number attribute (by {@code dataType}). */
    public static MessageAttribute ofString(String dataType, String value) {
        return new MessageAttribute(dataType, value, null, null, null);
    }

    /** A Binary attribute. */
    public static MessageAttribute ofBinary(String dataType, byte[] value) {
        return new MessageAttribute(dataType, null, value, null, null);
    }

    /** The data type without its custom label: {@code Number.int} gives {@code Number}. */
    public String baseType() {
        if (dataType == null) {
            return null;
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }
}
