package io.haneul.core.protocol;

import io.haneul.core.error.AwsErrorException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads awsQuery form parameters ({@code Attribute.1.Name=...}, {@code Tags.member.2.Key=...},
 * {@code Attributes.entry.1.value=...}) into an SDK model builder. The flat keys are first folded
 * into a tree on their dots, then each field takes its subtree.
 */
public final class QueryStructReader {

    private final XmlNaming naming;

    public QueryStructReader(XmlNaming naming) {
        this.naming = naming;
    }

    /** A form key segment with its value and children. */
    static final class Node {
        String value;
        final Map<String, Node> children = new HashMap<>(4);

        Node child(String name) {
            return children.computeIfAbsent(name, k -> new Node());
        }
    }

    public void read(Map<String, List<String>> form, SdkPojo builder) {
        Node root = new Node();
        form.forEach((key, values) -> {
            if (key.equals("Action") || key.equals("Version")) {
                return;
            }
            Node n = root;
            int start = 0;
            while (true) {
                int dot = key.indexOf('.', start);
                n = n.child(dot < 0 ? key.substring(start) : key.substring(start, dot));
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            n.value = values.isEmpty() ? "" : values.getFirst();
        });
        readStruct(root, builder);
    }

    private void readStruct(Node node, SdkPojo builder) {
        Class<?> owner = builder.getClass();
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Node child = node.children.get(naming.name(owner, field));
            if (child == null && field.unmarshallLocationName() != null) {
                child = node.children.get(field.unmarshallLocationName());
            }
            if (child != null) {
                Object value = readValue(owner, child, field);
                if (value != null) {
                    field.set(builder, value);
                }
            }
        }
    }

    private Object readValue(Class<?> owner, Node node, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            readStruct(node, nested);
            return PojoShapes.build(nested);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            Node items = naming.flattened(owner, field) ? node : node.children.get(naming.listMember(owner, field));
            List<Object> list = new ArrayList<>();
            if (items != null) {
                for (Node item : indexed(items, field).values()) {
                    list.add(readValue(owner, item, member));
                }
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            Node entries = naming.flattened(owner, field) ? node : node.children.get("entry");
            Map<String, Object> map = new LinkedHashMap<>();
            if (entries != null) {
                String keyName = naming.mapKey(owner, field);
                String valueName = naming.mapValue(owner, field);
                for (Node entry : indexed(entries, field).values()) {
                    Node k = entry.children.get(keyName);
                    Node v = entry.children.get(valueName);
                    if (k == null || k.value == null) {
                        throw new AwsErrorException("MalformedQueryString",
                                "Map entry of " + field.memberName() + " has no " + keyName, 400);
                    }
                    map.put(k.value, v == null ? null : readValue(owner, v, valueField));
                }
            }
            return map;
        }
        if (node.value == null) {
            return null;
        }
        return ValueText.parse(field, node.value, ValueText.TimeFormat.ISO_8601);
    }

    private static TreeMap<Integer, Node> indexed(Node node, SdkField<?> field) {
        TreeMap<Integer, Node> byIndex = new TreeMap<>();
        node.children.forEach((k, v) -> {
            try {
                byIndex.put(Integer.parseInt(k), v);
            } catch (NumberFormatException e) {
                throw new AwsErrorException("MalformedQueryString",
                        "Unexpected key '" + k + "' in list " + field.memberName(), 400);
            }
        });
        return byIndex;
    }
}
