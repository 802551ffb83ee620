package io.haneul.core.protocol;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;
import software.amazon.awssdk.core.traits.XmlAttributesTrait;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Writes an SDK model object's payload members as XML elements, as the query and rest-xml
 * protocols answer: lists wrapped in {@code member} elements unless flattened, maps as
 * {@code entry/key/value}, timestamps in ISO 8601; members marked as XML attributes go on their
 * parent's element as its field's {@link XmlAttributesTrait} says.
 */
public final class XmlStructWriter {

    private final XmlNaming naming;
    private final BiPredicate<Class<?>, String> keepEmpty;

    /**
     * @param keepEmpty which members (SDK class, member name) are written even when they are empty or unset
     *                  lists or maps; others are left out, as AWS leaves them out of most answers
     */
    public XmlStructWriter(XmlNaming naming, BiPredicate<Class<?>, String> keepEmpty) {
        this.naming = naming;
        this.keepEmpty = keepEmpty;
    }

    /** Writes the members of {@code pojo} (without an enclosing element). */
    public void writeMembers(XmlText x, SdkPojo pojo) {
        Class<?> owner = pojo.getClass();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD || field.containsTrait(XmlAttributeTrait.class)) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (value == null || JsonStructWriter.isEmpty(value) && !keepEmpty.test(owner, field.memberName())) {
                continue;
            }
            writeMember(x, owner, field, naming.name(owner, field), value);
        }
    }

    @SuppressWarnings("unchecked")
    private void writeMember(XmlText x, Class<?> owner, SdkField<?> field, String name, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            XmlAttributesTrait attributes = field.getTrait(XmlAttributesTrait.class);
            if (attributes == null) {
                x.open(name);
            } else {
                Map<String, String> values = new LinkedHashMap<>();
                attributes.attributes().forEach((k, accessor) -> {
                    String v = accessor.attributeGetter().apply(value);
                    if (v != null) {
                        values.put(k, v);
                    }
                });
                x.open(name, values);
            }
            writeMembers(x, (SdkPojo) value);
            x.close(name);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            boolean flat = naming.flattened(owner, field);
            String itemName = flat ? name : naming.listMember(owner, field);
            if (!flat) {
                x.open(name);
            }
            for (Object item : (List<Object>) value) {
                writeMember(x, owner, member, itemName, item);
            }
            if (!flat) {
                x.close(name);
            }
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            boolean flat = naming.flattened(owner, field);
            String keyName = naming.mapKey(owner, field);
            String valueName = naming.mapValue(owner, field);
            if (!flat) {
                x.open(name);
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                x.open(flat ? name : "entry");
                x.element(keyName, e.getKey());
                writeMember(x, owner, valueField, valueName, e.getValue());
                x.close(flat ? name : "entry");
            }
            if (!flat) {
                x.close(name);
            }
        } else if (value != null) {
            x.element(name, ValueText.format(field, value, ValueText.TimeFormat.ISO_8601));
        }
    }
}
