package dev.safedelete.testdb;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.KeyCodec;
import dev.safedelete.sql.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every row of every catalog table, by primary key, so that two moments of the same database can be compared. */
public record Snapshot(Map<TableName, Map<String, List<Object>>> rows) {

    public static Snapshot take(Connection c, Catalog catalog, Dialect d) throws SQLException {
        var out = new TreeMap<TableName, Map<String, List<Object>>>();
        for (Table t : catalog.tables().values()) {
            var byKey = new HashMap<String, List<Object>>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + d.table(t.name()))) {
                int n = rs.getMetaData().getColumnCount();
                var labels = new ArrayList<String>();
                for (int i = 1; i <= n; i++) {
                    labels.add(rs.getMetaData().getColumnLabel(i));
                }
                while (rs.next()) {
                    var values = new ArrayList<Object>();
                    for (int i = 1; i <= n; i++) {
                        values.add(KeyCodec.normalize(rs.getObject(i)));
                    }
                    Object[] pk = t.primaryKey().stream().map(k -> values.get(indexOf(labels, k))).toArray();
                    byKey.put(key(pk), values);
                }
            }
            out.put(t.name(), byKey);
        }
        return new Snapshot(out);
    }

    private static int indexOf(List<String> labels, String column) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(column + " not in " + labels);
    }

    /** The comparable text of a primary-key tuple. */
    public static String key(Object[] pk) {
        return Arrays.toString(Arrays.stream(pk).map(KeyCodec::normalize).toArray());
    }

    /** Keys present here and gone in {@code after}, per table. */
    public Map<TableName, Set<String>> deletedIn(Snapshot after) {
        var out = new TreeMap<TableName, Set<String>>();
        rows.forEach((t, before) -> {
            var gone = new TreeSet<>(before.keySet());
            gone.removeAll(after.rows.get(t).keySet());
            if (!gone.isEmpty()) {
                out.put(t, gone);
            }
        });
        return out;
    }

    /** Keys present in both whose values differ, per table. */
    public Map<TableName, Set<String>> changedIn(Snapshot after) {
        var out = new TreeMap<TableName, Set<String>>();
        rows.forEach((t, before) -> {
            var changed = new TreeSet<String>();
            before.forEach((k, v) -> {
                List<Object> now = after.rows.get(t).get(k);
                if (now != null && !now.equals(v)) {
                    changed.add(k);
                }
            });
            if (!changed.isEmpty()) {
                out.put(t, changed);
            }
        });
        return out;
    }
}
