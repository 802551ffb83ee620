package io.haneul.swf.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link ExecutionState#copy} copies every field, nested ones included, and shares nothing mutable:
 * every field of the state and of its nested classes is filled by reflection, so a field added
 * later and left out of the copy fails here.
 */
class ExecutionStateCopyTest {

    private final ObjectMapper json = new ObjectMapper();
    private int next = 1;

    @Test
    void theCopyHoldsEveryFieldAndSharesNothing() throws Exception {
        ExecutionState original = new ExecutionState();
        fill(original);
        ExecutionState copy = original.copy();
        String before = json.writeValueAsString(original);
        assertEquals(before, json.writeValueAsString(copy));

        change(original);
        assertNotEquals(before, json.writeValueAsString(original));
        assertEquals(before, json.writeValueAsString(copy));
    }

    /** Sets every public field to a value unlike its default (nested lists and maps get one filled element). */
    private void fill(Object o) throws Exception {
        for (Field f : fields(o)) {
            Class<?> t = f.getType();
            if (List.class.isAssignableFrom(t)) {
                List<Object> list = new ArrayList<>();
                list.add(filled(element(f, 0)));
                f.set(o, list);
            } else if (Map.class.isAssignableFrom(t)) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("k" + next++, filled(element(f, 1)));
                f.set(o, map);
            } else {
                f.set(o, scalar(t));
            }
        }
    }

    /** Changes every scalar in place, down into the elements of lists and maps. */
    @SuppressWarnings("unchecked")
    private void change(Object o) throws Exception {
        for (Field f : fields(o)) {
            Object v = f.get(o);
            if (v instanceof List<?> list) {
                for (Object e : list) {
                    change(e);
                }
            } else if (v instanceof Map<?, ?> map) {
                for (Object e : map.values()) {
                    change(e);
                }
            } else {
                f.set(o, scalar(f.getType()));
            }
        }
    }

    private Object filled(Class<?> type) throws Exception {
        Object o = type.getDeclaredConstructor().newInstance();
        fill(o);
        return o;
    }

    private Object scalar(Class<?> t) {
        int n = next++;
        if (t == String.class) {
            return "s" + n;
        } else if (t == long.class || t == Long.class) {
            return (long) n;
        } else if (t == int.class || t == Integer.class) {
            return n;
        } else if (t == boolean.class || t == Boolean.class) {
            return true;
        }
        throw new AssertionError("a field of type " + t + ": teach this test (and ExecutionState.copy) about it");
    }

    private static Class<?> element(Field f, int index) {
        return (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[index];
    }

    private static List<Field> fields(Object o) {
        List<Field> out = new ArrayList<>();
        for (Field f : o.getClass().getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
            }
        }
        return out;
    }
}
