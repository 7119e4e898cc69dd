package dev.safedelete.testdb;

import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.SqlStatement;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle: what the database itself does with a plain {@code DELETE} of the roots, inside a transaction that is
 * always rolled back. The planner's preview is checked against it.
 *
 * @param error the database's refusal, or null when the DELETE went through
 * @param after every row after the DELETE, before the rollback; null when refused
 */
public record PlainDelete(String error, Map<TableName, Set<String>> deleted, Map<TableName, Set<String>> changed,
                          Snapshot after) {

    public static PlainDelete run(ScratchDatabase db, Catalog catalog, TableName table, List<String> keyColumns,
                                  List<Object[]> keys) throws SQLException {
        Dialect d = db.dialect();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Snapshot before = Snapshot.take(c, catalog, d);
            String sql = "DELETE FROM " + d.table(table) + " WHERE " + d.keyPredicate(keyColumns, keys.size());
            try {
                new KeyedStatements(c, 0).update(SqlStatement.of(sql, keys));
            } catch (SQLException refused) {
                c.rollback();
                return new PlainDelete(refused.getMessage(), Map.of(), Map.of(), null);
            }
            Snapshot after = Snapshot.take(c, catalog, d);
            c.rollback();
            return new PlainDelete(null, before.deletedIn(after), before.changedIn(after), after);
        }
    }

    public boolean refused() {
        return error != null;
    }
}
