package io.haneul.core.protocol;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Wire names of members in the query and XML protocols. By default they come from the SDK's field
 * traits; a service whose SDK classes were generated from another protocol (SQS: JSON, while older
 * clients still send query) supplies its query names from the Smithy model instead.
 */
public interface XmlNaming {

    /** Name of the member's element or form key. */
    default String name(Class<?> owner, SdkField<?> field) {
        return field.locationName();
    }

    /** True when list/map entries repeat the member's own name instead of sitting inside it. */
    default boolean flattened(Class<?> owner, SdkField<?> field) {
        ListTrait list = field.getTrait(ListTrait.class);
        if (list != null) {
            return list.isFlattened();
        }
        MapTrait map = field.getTrait(MapTrait.class);
        return map != null && map.isFlattened();
    }

    /** Element name of a non-flattened list's items. */
    default String listMember(Class<?> owner, SdkField<?> field) {
        String name = field.getTrait(ListTrait.class).memberLocationName();
        return name == null ? "member" : name;
    }

    default String mapKey(Class<?> owner, SdkField<?> field) {
        String name = field.getTrait(MapTrait.class).keyLocationName();
        return name == null ? "key" : name;
    }

    default String mapValue(Class<?> owner, SdkField<?> field) {
        String name = field.getTrait(MapTrait.class).valueLocationName();
        return name == null ? "value" : name;
    }

    /** Naming taken from the SDK's traits alone. */
    XmlNaming TRAITS = new XmlNaming() {
    };
}
