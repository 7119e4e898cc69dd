package dev.safedelete.plan;

import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows an execution changes, by what happens to them: what its statements are built from. The executor reads them
 * off the set it derived under locks ({@link AffectedSet}); {@code /script} off the keys stored with the plan
 * ({@link StoredRows}).
 */
public interface ChangedRows {

    /** Rows outside D that one relationship sets to NULL or to their defaults. */
    record Updated(Relationship relationship, Outcome outcome, List<String> columns, KeySet rows) {
    }

    List<Updated> updated();

    /** The listed rows to delete, by table. */
    Map<TableName, KeySet> deleted();

    /** The leaf tables whose deleted rows are counted, not listed. */
    Map<TableName, AffectedSet.Tally> tallies();

    /** The tables with rows to delete, listed or tallied. */
    default List<TableName> deletedTables() {
        var out = new ArrayList<TableName>();
        deleted().forEach((t, keys) -> {
            if (!keys.isEmpty()) {
                out.add(t);
            }
        });
        out.addAll(tallies().keySet());
        return out;
    }
}
