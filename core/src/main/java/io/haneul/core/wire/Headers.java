package io.haneul.core.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * HTTP headers as a case-insensitive multimap, kept independent of any HTTP server so that the
 * protocol engine and its tests need none.
 */
public final class Headers {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public Headers add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        return this;
    }

    public Headers set(String name, String value) {
        List<String> list = new ArrayList<>(1);
        list.add(value);
        values.put(name, list);
        return this;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public void remove(String name) {
        values.remove(name);
    }

    public void forEach(BiConsumer<String, String> action) {
        values.forEach((k, list) -> list.forEach(v -> action.accept(k, v)));
    }

    /** Header names, lower-cased. */
    public List<String> names() {
        return values.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    public int size() {
        return values.size();
    }
}
