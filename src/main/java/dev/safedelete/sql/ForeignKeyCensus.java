package dev.safedelete.sql;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.TableName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the database itself says, across every schema, about the tables an execution deletes from: every foreign key
 * that references one of them, which of them have DELETE or UPDATE triggers, and which share rows with partitions or
 * inheritance children. Read under the execution's locks
 * (see {@link Dialect#foreignKeyCensus}), it is what proves that switching foreign-key checks off cannot leave an
 * orphan the plan does not account for.
 *
 * @param triggered              the tables among those asked about that have DELETE or UPDATE triggers (or, on
 *                               PostgreSQL, rules): switching enforcement off changes what fires, or leaves what they
 *                               write unchecked
 * @param partitionedOrInherited the tables among those asked about that are partitioned, partitions, or inheritance
 *                               parents or children (PostgreSQL): a DELETE on one reaches rows of the others, and their
 *                               foreign keys are cloned per partition under names the catalog does not hold, so the
 *                               census cannot vouch for what the checks protect there
 */
public record ForeignKeyCensus(List<ForeignKey> foreignKeys, Set<TableName> triggered,
                               Set<TableName> partitionedOrInherited) {

    public ForeignKeyCensus {
        foreignKeys = List.copyOf(foreignKeys);
        triggered = Set.copyOf(triggered);
        partitionedOrInherited = Set.copyOf(partitionedOrInherited);
    }

    /** A census of a database without partitions or inheritance (MariaDB). */
    public ForeignKeyCensus(List<ForeignKey> foreignKeys, Set<TableName> triggered) {
        this(foreignKeys, triggered, Set.of());
    }

    /** One foreign key as the database lists it; {@code id} as {@link Relationship#idOf} spells it. */
    public record ForeignKey(String id, TableName child, List<String> childColumns, TableName parent,
                             List<String> parentColumns) {

        public ForeignKey {
            childColumns = List.copyOf(childColumns);
            parentColumns = List.copyOf(parentColumns);
        }

        boolean is(Relationship r) {
            return r.source() == Relationship.Source.DATABASE && r.id().equals(id) && r.childTable().equals(child)
                    && r.childColumns().equals(childColumns) && r.parentTable().equals(parent)
                    && r.parentColumns().equals(parentColumns);
        }
    }

    /**
     * Whether the delete phase may run with foreign-key checks off: every foreign key into the deleted tables is one
     * the catalog holds, column for column, so the plan has already given every row those checks protect its
     * outcome; a key the catalog lacks (another schema, a table added since it was read) would keep orphans, since
     * with checks off the database neither cascades nor refuses. No trigger or rule fires on the deletes: with checks
     * off the rows a trigger writes would not be checked either. And no deleted table shares its rows with partitions
     * or inheritance children the census does not follow.
     */
    public boolean permitsRelaxedChecks(Catalog catalog) {
        return triggered.isEmpty() && partitionedOrInherited.isEmpty() && foreignKeys.stream()
                .allMatch(fk -> catalog.relationship(fk.id()).filter(fk::is).isPresent());
    }

    /** Collects a census from result rows: foreign keys one column pair a row, in any order. */
    static final class Rows {
        private final Map<String, TreeMap<Integer, KeyColumn>> keyColumns = new TreeMap<>();
        private final Set<TableName> triggered = new HashSet<>();
        private final Set<TableName> partitionedOrInherited = new HashSet<>();

        private record KeyColumn(TableName child, String childColumn, TableName parent, String parentColumn) {
        }

        /** The {@code position}-th column pair (from 1) of foreign key {@code constraint} of table {@code child}. */
        void keyColumn(TableName child, String constraint, int position, String childColumn, TableName parent,
                       String parentColumn) {
            keyColumns.computeIfAbsent(Relationship.idOf(child, constraint), id -> new TreeMap<>())
                    .put(position, new KeyColumn(child, childColumn, parent, parentColumn));
        }

        void triggered(TableName table) {
            triggered.add(table);
        }

        void partitionedOrInherited(TableName table) {
            partitionedOrInherited.add(table);
        }

        ForeignKeyCensus census() {
            var foreignKeys = new ArrayList<ForeignKey>();
            keyColumns.forEach((id, columns) -> {
                var inOrder = List.copyOf(columns.values());
                foreignKeys.add(new ForeignKey(id, inOrder.get(0).child(),
                        inOrder.stream().map(KeyColumn::childColumn).toList(), inOrder.get(0).parent(),
                        inOrder.stream().map(KeyColumn::parentColumn).toList()));
            });
            return new ForeignKeyCensus(foreignKeys, triggered, partitionedOrInherited);
        }
    }
}
