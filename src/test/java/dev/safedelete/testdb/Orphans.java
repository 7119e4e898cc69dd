package dev.safedelete.testdb;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.sql.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Child rows that reference a parent row that does not exist, per relationship: what integrity forbids. */
public final class Orphans {

    private Orphans() {
    }

    public static List<String> find(Connection c, Catalog catalog, Dialect d) throws SQLException {
        var out = new ArrayList<String>();
        for (Relationship r : catalog.relationships()) {
            var notNull = new ArrayList<String>();
            var join = new ArrayList<String>();
            for (int i = 0; i < r.childColumns().size(); i++) {
                notNull.add("c." + d.quote(r.childColumns().get(i)) + " IS NOT NULL");
                join.add("p." + d.quote(r.parentColumns().get(i)) + " = c." + d.quote(r.childColumns().get(i)));
            }
            String sql = "SELECT COUNT(*) FROM " + d.table(r.childTable()) + " c WHERE " + String.join(" AND ", notNull)
                    + " AND NOT EXISTS (SELECT 1 FROM " + d.table(r.parentTable()) + " p WHERE "
                    + String.join(" AND ", join) + ")";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    out.add(r.id() + ": " + rs.getLong(1) + " orphan(s)");
                }
            }
        }
        return out;
    }
}
