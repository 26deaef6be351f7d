package io.eventline.domain.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * same bytes on replay. Where a state remembers only the latest few of something, the order is the
 * order things happened in instead: that is what decides which is forgotten first.
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

    /** {@code list} with {@code element} last, its oldest elements dropped so that at most {@code bound} remain. */
    public static <T> List<T> appendKeepingLast(List<T> list, T element, int bound) {
        int kept = Math.min(list.size(), bound - 1);
        var copy = new ArrayList<T>(kept + 1);
        copy.addAll(list.subList(list.size() - kept, list.size()));
        copy.add(element);
        return List.copyOf(copy);
    }

    /** An unmodifiable copy that iterates in {@code map}'s own order. */
    public static <K, V> Map<K, V> inOrder(Map<K, V> map) {
        map.values().forEach(v -> Objects.requireNonNull(v, "map value"));
        return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(map));
    }

    /**
     * {@code map}, in its own order, with {@code key} put last (a key already there moves last), its
     * oldest entries dropped so that at most {@code bound} remain.
     */
    public static <K, V> Map<K, V> putKeepingLast(Map<K, V> map, K key, V value, int bound) {
        var copy = new LinkedHashMap<>(map);
        copy.remove(key);
        copy.put(key, value);
        var oldest = copy.keySet().iterator();
        for (int excess = copy.size() - bound; excess > 0; excess--) {
            oldest.next();
            oldest.remove();
        }
        return inOrder(copy);
    }
}
