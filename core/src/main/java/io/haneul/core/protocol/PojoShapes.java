package io.haneul.core.protocol;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Facts about the SDK's model classes that the codecs need on every request (builders, fields by wire
 * name), computed once per class. Reading them from {@link SdkField} metadata is what lets one codec
 * per protocol serve every operation of every service.
 */
public final class PojoShapes {

    private final Map<Class<?>, MethodHandle> builders = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<String, SdkField<?>>> payloadFieldsByWireName = new ConcurrentHashMap<>();

    /** A fresh builder of the model class; builders of generated model classes are themselves SdkPojos. */
    public SdkPojo newBuilder(Class<?> pojoClass) {
        MethodHandle mh = builders.computeIfAbsent(pojoClass, PojoShapes::builderHandle);
        try {
            return (SdkPojo) mh.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a builder of " + pojoClass.getName(), e);
        }
    }

    /** Builds the object a builder from {@link #newBuilder} or {@link SdkField#constructor()} holds. */
    public static Object build(SdkPojo builder) {
        return ((SdkBuilder<?, ?>) builder).build();
    }

    /** Payload fields of the class, keyed by the name they carry on the wire. */
    public Map<String, SdkField<?>> payloadFields(Class<?> pojoClass, List<SdkField<?>> fields) {
        return payloadFieldsByWireName.computeIfAbsent(pojoClass, c -> {
            Map<String, SdkField<?>> map = new HashMap<>();
            for (SdkField<?> f : fields) {
                if (f.location() == MarshallLocation.PAYLOAD) {
                    map.put(f.locationName(), f);
                    if (f.unmarshallLocationName() != null) {
                        map.putIfAbsent(f.unmarshallLocationName(), f);
                    }
                }
            }
            return Map.copyOf(map);
        });
    }

    private static MethodHandle builderHandle(Class<?> pojoClass) {
        try {
            return MethodHandles.publicLookup().findStatic(pojoClass, "builder",
                    MethodType.methodType(pojoClass.getMethod("builder").getReturnType()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(pojoClass.getName() + " has no static builder()", e);
        }
    }
}
