package dev.safedelete.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How many cascading deletes away from the parent values each row a recursive query returned is (a breadth-first
 * walk over the rows in memory, shortest paths, as the traversal's rounds count), so that a plan's depth means the
 * same however its rows were found.
 */
final class RecursiveDepths {

    private RecursiveDepths() {
    }

    /**
     * @param fkAt       where each row holds the values it references
     * @param referenced the values of a row that its children reference (null: none)
     */
    static int[] of(List<Object[]> rows, int[] fkAt, Function<Object[], Object[]> referenced, List<Object[]> start) {
        var children = new HashMap<Key, List<Integer>>();
        for (int i = 0; i < rows.size(); i++) {
            children.computeIfAbsent(new Key(KeyCodec.encode(RowShape.pick(rows.get(i), fkAt))), k -> new ArrayList<>())
                    .add(i);
        }
        int[] depth = new int[rows.size()];
        var queue = new ArrayDeque<Map.Entry<Key, Integer>>();
        start.forEach(v -> queue.add(Map.entry(new Key(KeyCodec.encode(v)), 0)));
        while (!queue.isEmpty()) {
            var e = queue.poll();
            for (int i : children.getOrDefault(e.getKey(), List.of())) {
                if (depth[i] == 0) {
                    depth[i] = e.getValue() + 1;
                    Object[] own = referenced.apply(rows.get(i));
                    if (own != null) {
                        queue.add(Map.entry(new Key(KeyCodec.encode(own)), depth[i]));
                    }
                }
            }
        }
        for (int i = 0; i < depth.length; i++) {
            depth[i] = Math.max(1, depth[i]);
        }
        return depth;
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
