package dev.safedelete.catalog.graph;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Node ids for drawing a catalog: {@code t0}, {@code t1}, ... in table order. Table names can hold spaces, quotes,
 * dots or words a graph language reserves ({@code end}, {@code graph}, {@code subgraph}); generated ids can hold
 * none of those, so the name only ever appears as an escaped label.
 */
final class GraphNodes {

    private final Map<TableName, String> ids = new LinkedHashMap<>();

    GraphNodes(Catalog catalog) {
        catalog.tables().keySet().forEach(t -> ids.put(t, "t" + ids.size()));
        // A relationship may name a table outside the loaded schemas (a declared one never does; a real FK to
        // another schema may): draw it as a node all the same.
        catalog.relationships().forEach(r -> {
            ids.computeIfAbsent(r.parentTable(), t -> "t" + ids.size());
            ids.computeIfAbsent(r.childTable(), t -> "t" + ids.size());
        });
    }

    /** Every node, in table order: name to id. */
    Map<TableName, String> all() {
        return ids;
    }

    String id(TableName table) {
        return ids.get(table);
    }
}
