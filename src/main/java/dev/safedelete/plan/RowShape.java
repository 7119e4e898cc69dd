package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The columns the traversal reads for a row of one table: its primary key, then every column some relationship
 * references in it (a foreign key may point at a unique non-key column). Reading them together means a deleted row
 * is fetched once and never looked up again to follow its own children.
 */
record RowShape(Table table, List<String> columns, int[] primaryKey, Map<String, int[]> referenced) {

    static RowShape of(Catalog catalog, Table table, List<Relationship> referencing) {
        var cols = new LinkedHashSet<>(table.primaryKey());
        referencing.forEach(r -> cols.addAll(r.parentColumns()));
        var columns = new ArrayList<>(cols);
        var refs = new HashMap<String, int[]>();
        for (Relationship r : referencing) {
            refs.put(r.id(), indexes(columns, r.parentColumns()));
        }
        return new RowShape(table, List.copyOf(columns), indexes(columns, table.primaryKey()), Map.copyOf(refs));
    }

    static int[] indexes(List<String> columns, List<String> wanted) {
        return wanted.stream().mapToInt(columns::indexOf).toArray();
    }

    static Object[] pick(Object[] row, int[] at) {
        Object[] out = new Object[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = row[at[i]];
        }
        return out;
    }

    Object[] primaryKeyOf(Object[] row) {
        return pick(row, primaryKey);
    }

    /** The values a relationship's children must carry to reference this row; null when MATCH SIMPLE rules it out. */
    Object[] referencedBy(Relationship r, Object[] row) {
        Object[] values = pick(row, referenced.get(r.id()));
        for (Object v : values) {
            if (v == null) {
                return null;
            }
        }
        return values;
    }
}
