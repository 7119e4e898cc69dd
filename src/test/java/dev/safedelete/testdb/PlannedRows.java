package dev.safedelete.testdb;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.KeyCodec;
import dev.safedelete.plan.KeySet;
import dev.safedelete.plan.LeafTallies;
import dev.safedelete.plan.Outcome;
import dev.safedelete.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A derived plan's rows as {@link Snapshot} keys, to compare with what the database did. Tallied leaf groups are read
 * from the database as {@code /rows} reads them, and must be exactly as many as the plan counted, with its hash.
 */
public final class PlannedRows {

    private PlannedRows() {
    }

    /** When a generated-schema test tallies: on every other seed, every leaf group the database can tally. */
    public static long tallyAbove(long seed) {
        return seed % 2 == 1 ? 0 : Long.MAX_VALUE;
    }

    public static Map<TableName, Set<String>> deleted(AffectedSet plan, Catalog catalog, Connection c, Dialect d)
            throws SQLException {
        var out = new TreeMap<TableName, Set<String>>();
        plan.deleted().forEach((t, keys) -> {
            if (!keys.isEmpty()) {
                out.put(t, decode(keys, catalog.table(t).orElseThrow().primaryKey().size()));
            }
        });
        for (var e : plan.tallies().entrySet()) {
            Relationship r = catalog.relationship(e.getValue().relationship()).orElseThrow();
            Table parent = catalog.table(r.parentTable()).orElseThrow();
            var parentKeys = new ArrayList<Object[]>();
            plan.deleted().get(parent.name()).forEach(k -> parentKeys.add(KeyCodec.decode(k, parent.primaryKey().size())));
            var values = LeafTallies.referencedValues(r, parent, parentKeys);
            Table child = catalog.table(e.getKey()).orElseThrow();
            var keys = new TreeSet<String>();
            LeafTallies.keys(c, d, child, r, values, 0, Long.MAX_VALUE, key -> {
                keys.add(Snapshot.key(key));
                return true;
            });
            var now = LeafTallies.count(c, d, d.leafTally().orElseThrow(), child, r, values, 0);
            assertEquals(e.getValue().rows(), keys.size(), "rows listed for the tally of " + e.getKey());
            assertEquals(e.getValue().rows(), now.rows(), "rows counted again for " + e.getKey());
            assertEquals(e.getValue().hash(), now.hash(), "hash counted again for " + e.getKey());
            out.put(e.getKey(), keys);
        }
        return out;
    }

    public static Map<TableName, Set<String>> updated(AffectedSet plan, Catalog catalog) {
        var out = new TreeMap<TableName, Set<String>>();
        plan.groups().forEach((g, keys) -> {
            if (g.outcome() == Outcome.SET_NULL || g.outcome() == Outcome.SET_DEFAULT) {
                out.computeIfAbsent(g.table(), t -> new TreeSet<>())
                        .addAll(decode(keys, catalog.table(g.table()).orElseThrow().primaryKey().size()));
            }
        });
        return out;
    }

    private static Set<String> decode(KeySet keys, int arity) {
        var out = new TreeSet<String>();
        keys.forEach(k -> out.add(Snapshot.key(KeyCodec.decode(k, arity))));
        return out;
    }
}
