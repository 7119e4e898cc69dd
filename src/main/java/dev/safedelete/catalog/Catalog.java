package dev.safedelete.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The immutable picture of one target's schema. It is built whole by a loader and replaced whole on refresh, so a
 * reader holding a reference never sees half of an old and half of a new schema.
 */
public record Catalog(String product, String version, Map<TableName, Table> tables,
                      List<Relationship> relationships, Instant loadedAt) {

    public Catalog {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(new java.util.TreeMap<>(tables)));
        relationships = relationships.stream().sorted(Comparator.comparing(Relationship::id)).toList();
    }

    public Optional<Table> table(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Optional<Relationship> relationship(String id) {
        return relationships.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Relationships whose parent is {@code parent}: the edges the closure follows from a deleted row. */
    public List<Relationship> referencing(TableName parent) {
        return relationships.stream().filter(r -> r.parentTable().equals(parent)).toList();
    }

    /** Tables whose unqualified name is {@code name}, compared exactly and then ignoring case. */
    public List<TableName> byBareName(String name) {
        var exact = tables.keySet().stream().filter(t -> t.name().equals(name)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return tables.keySet().stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
    }

    /** A copy with extra relationships (declared ones) added. */
    public Catalog withRelationships(Collection<Relationship> extra) {
        var all = new ArrayList<>(relationships);
        all.addAll(extra);
        return new Catalog(product, version, tables, all, loadedAt);
    }

    public Map<TableName, List<Relationship>> relationshipsByParent() {
        return relationships.stream().collect(Collectors.groupingBy(Relationship::parentTable));
    }
}
