package io.eventline.domain.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Unmodifiable, sorted copies for the sets and maps that states hold.
 *
 * <p>Sorted rather than {@code Set.copyOf}/{@code Map.copyOf}: those iterate in an order that changes
 * from one JVM to the next, so a snapshot or a list of commands built from them would not be the
 * same bytes on replay.
 */
public final class Immutables {

    private Immutables() {
    }

    public static <T extends Comparable<? super T>> SortedSet<T> sortedSet(Set<T> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    public static <K extends Comparable<? super K>, V> SortedMap<K, V> sortedMap(Map<K, V> map) {
        map.values().forEach(v -> Objects.requireNonNull(v, "map value"));
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    public static <T extends Comparable<? super T>> SortedSet<T> plus(Set<T> set, T element) {
        var copy = new TreeSet<>(set);
        copy.add(element);
        return Collections.unmodifiableSortedSet(copy);
    }

    public static <K extends Comparable<? super K>, V> SortedMap<K, V> plus(Map<K, V> map, K key, V value) {
        var copy = new TreeMap<>(map);
        copy.put(key, value);
        return sortedMap(copy);
    }

    public static <K extends Comparable<? super K>, V> SortedMap<K, V> minus(Map<K, V> map, K key) {
        var copy = new TreeMap<>(map);
        copy.remove(key);
        return Collections.unmodifiableSortedMap(copy);
    }
}
