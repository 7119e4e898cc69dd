package dev.safedelete.sql;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.TableName;

import java.util.List;
import java.util.Set;

/**
 * What the database itself says, across every schema, about the tables an execution deletes from: every foreign key
 * that references one of them, and which of them have DELETE or UPDATE triggers. Read under the execution's locks
 * (see {@link Dialect#foreignKeyCensus}), it is what proves that switching foreign-key checks off cannot leave an
 * orphan the plan does not account for.
 *
 * @param triggered the tables among those asked about that have DELETE or UPDATE triggers
 */
public record ForeignKeyCensus(List<ForeignKey> foreignKeys, Set<TableName> triggered) {

    public ForeignKeyCensus {
        foreignKeys = List.copyOf(foreignKeys);
        triggered = Set.copyOf(triggered);
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
     * with checks off InnoDB neither cascades nor refuses. And no trigger fires on the deletes: with checks off the
     * rows a trigger writes would not be checked either.
     */
    public boolean permitsRelaxedChecks(Catalog catalog) {
        return triggered.isEmpty() && foreignKeys.stream()
                .allMatch(fk -> catalog.relationship(fk.id()).filter(fk::is).isPresent());
    }
}
