package io.haneul.core.protocol;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an XML element's children into an SDK model builder (rest-xml request bodies such as S3's
 * {@code CreateBucketConfiguration} or {@code Delete}).
 */
public final class XmlStructReader {

    private final XmlNaming naming;

    public XmlStructReader(XmlNaming naming) {
        this.naming = naming;
    }

    public void readInto(Element element, SdkPojo builder) {
        Class<?> owner = builder.getClass();
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            String name = naming.name(owner, field);
            if (field.containsTrait(XmlAttributeTrait.class)) {
                String attribute = attribute(element, name);
                if (attribute != null) {
                    field.set(builder, ValueText.parse(field, attribute, ValueText.TimeFormat.ISO_8601));
                }
                continue;
            }
            List<Element> matches = children(element, name);
            if (matches.isEmpty()) {
                continue;
            }
            Object value;
            if (field.marshallingType() == MarshallingType.LIST && naming.flattened(owner, field)) {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>();
                matches.forEach(e -> list.add(readValue(owner, e, member)));
                value = list;
            } else {
                value = readValue(owner, matches.getFirst(), field);
            }
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    Object readValue(Class<?> owner, Element e, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            readInto(e, nested);
            return PojoShapes.build(nested);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (Element item : children(e, naming.listMember(owner, field))) {
                list.add(readValue(owner, item, member));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Element entry : children(e, "entry")) {
                List<Element> k = children(entry, naming.mapKey(owner, field));
                List<Element> v = children(entry, naming.mapValue(owner, field));
                if (!k.isEmpty()) {
                    map.put(k.getFirst().getTextContent(), v.isEmpty() ? null : readValue(owner, v.getFirst(), valueField));
                }
            }
            return map;
        }
        return ValueText.parse(field, e.getTextContent(), ValueText.TimeFormat.ISO_8601);
    }

    /** The attribute's value, matched by its local name when the document uses another prefix. */
    static String attribute(Element e, String name) {
        if (e.hasAttribute(name)) {
            return e.getAttribute(name);
        }
        String local = name.substring(name.indexOf(':') + 1);
        org.w3c.dom.NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String n = attributes.item(i).getNodeName();
            if (n.substring(n.indexOf(':') + 1).equals(local) && !n.startsWith("xmlns")) {
                return attributes.item(i).getNodeValue();
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && localName(el).equals(name)) {
                out.add(el);
            }
        }
        return out;
    }

    static String localName(Element e) {
        String n = e.getTagName();
        int colon = n.indexOf(':');
        return colon < 0 ? n : n.substring(colon + 1);
    }
}
