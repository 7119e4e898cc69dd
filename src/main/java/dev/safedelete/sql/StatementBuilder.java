package dev.safedelete.sql;

import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;

import java.util.List;
import java.util.Optional;

/**
 * Every statement the executor runs against a target, built for one dialect: what runs and what {@code /script} shows
 * are the same {@link SqlStatement}s. Identifiers come from the catalog and are quoted by the dialect; values are
 * always bound.
 */
public final class StatementBuilder {

    private final Dialect dialect;

    public StatementBuilder(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How many key tuples of {@code arity} columns one statement names. */
    public int batchSize(int arity) {
        return dialect.keysPerStatement(arity);
    }

    /** {@code head}, the rows whose {@code columns} equal one of {@code keys}, then {@code tail}. */
    private SqlStatement where(String head, List<String> columns, List<Object[]> keys, String tail) {
        return SqlStatement.of(head + dialect.keyPredicate(columns, keys.size()) + tail, keys);
    }

    public SqlStatement delete(TableName table, List<String> keyColumns, List<Object[]> keys) {
        return where("DELETE FROM " + dialect.table(table) + " WHERE ", keyColumns, keys, "");
    }

    /** Sets {@code columns} of the rows {@code keys} name to NULL or, with {@code toDefault}, to their defaults. */
    public SqlStatement update(Table table, List<String> columns, boolean toDefault, List<Object[]> keys) {
        return where("UPDATE " + dialect.table(table.name()) + " SET " + dialect.setColumns(table, columns, toDefault)
                + " WHERE ", table.primaryKey(), keys, "");
    }

    /** Sets one column of the rows {@code keys} name to NULL: how a ring of rows is opened where nothing else can. */
    public SqlStatement nullColumn(Table table, String column, List<Object[]> keys) {
        return where("UPDATE " + dialect.table(table.name()) + " SET " + dialect.quote(column) + " = NULL WHERE ",
                table.primaryKey(), keys, "");
    }

    /** Reads {@code columns} of the rows whose {@code keyColumns} equal one of {@code keys}, locked with {@code lock}. */
    public SqlStatement select(TableName table, List<String> columns, List<String> keyColumns, List<Object[]> keys,
                               boolean lock) {
        return where("SELECT " + dialect.columnList(columns) + " FROM " + dialect.table(table) + " WHERE ", keyColumns,
                keys, lock ? dialect.forUpdate() : "");
    }

    /**
     * The values {@code r}'s child columns hold in the child rows {@code keys} name; with {@code notItself}, leaving out
     * rows that reference only themselves.
     */
    public SqlStatement references(Table child, dev.safedelete.catalog.Relationship r, List<Object[]> keys,
                                   boolean notItself) {
        String self = "";
        if (notItself) {
            var same = new java.util.ArrayList<String>();
            for (int i = 0; i < r.childColumns().size(); i++) {
                same.add(dialect.quote(r.childColumns().get(i)) + " = " + dialect.quote(r.parentColumns().get(i)));
            }
            self = " AND NOT (" + String.join(" AND ", same) + ")";
        }
        return where("SELECT " + dialect.columnList(r.childColumns()) + " FROM " + dialect.table(child.name())
                + " WHERE ", child.primaryKey(), keys, self);
    }

    /**
     * Every row of {@code table} reached from {@code parentValues} through the self-reference {@code r}, at any depth,
     * in one recursive query: {@code columns} of each, once ({@code UNION}, so a cycle of rows ends too). With
     * {@code lock}, the rows are read again from the table itself and locked, in the same statement (a recursive
     * query cannot lock).
     */
    public SqlStatement descendants(Table table, dev.safedelete.catalog.Relationship r, List<String> columns,
                                    List<Object[]> parentValues, boolean lock) {
        String cols = dialect.columnList(columns);
        var on = new java.util.ArrayList<String>();
        for (int i = 0; i < r.childColumns().size(); i++) {
            on.add("c." + dialect.quote(r.childColumns().get(i)) + " = p." + dialect.quote(r.parentColumns().get(i)));
        }
        String answer = lock
                ? "SELECT " + prefixed("x", columns) + " FROM " + dialect.table(table.name()) + " x WHERE ("
                + prefixed("x", table.primaryKey()) + ") IN (SELECT " + dialect.columnList(table.primaryKey())
                + " FROM sd_reached)" + dialect.forUpdate()
                : "SELECT " + cols + " FROM sd_reached";
        return where(dialect.unboundedRecursion("WITH RECURSIVE sd_reached (" + cols + ") AS (SELECT " + cols + " FROM "
                + dialect.table(table.name()) + " WHERE "), r.childColumns(), parentValues, " UNION SELECT "
                + prefixed("c", columns) + " FROM " + dialect.table(table.name()) + " c JOIN sd_reached p ON "
                + String.join(" AND ", on) + ") " + answer);
    }

    private String prefixed(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + dialect.quote(c)).collect(java.util.stream.Collectors.joining(", "));
    }

    public SqlStatement count(TableName table, List<String> keyColumns, List<Object[]> keys) {
        return where("SELECT COUNT(*) FROM " + dialect.table(table) + " WHERE ", keyColumns, keys, "");
    }

    /** The primary keys of the rows of {@code child} matching {@code parentValues}, in key order, at most {@code limit}. */
    public SqlStatement orderedKeys(Table child, List<String> matchColumns, List<Object[]> parentValues, long limit) {
        return SqlStatement.of("SELECT " + dialect.columnList(child.primaryKey()) + " FROM " + dialect.table(child.name())
                + " WHERE " + dialect.keyPredicate(matchColumns, parentValues.size()) + " ORDER BY "
                + dialect.columnList(child.primaryKey()) + (limit < Long.MAX_VALUE ? " LIMIT " + limit : ""),
                parentValues);
    }

    /** A leaf tally's count and hash over the rows matching {@code parentValues}, locking them where it can. */
    public SqlStatement tally(LeafTally tally, Table child, List<String> matchColumns, List<Object[]> parentValues,
                              boolean lock) {
        String sql = tally.tally(child.name(), child.primaryKey(), matchColumns, parentValues.size());
        if (lock) {
            sql = tally.lockingTally(child.name(), child.primaryKey(), matchColumns, parentValues.size()).orElse(sql);
        }
        return SqlStatement.of(sql, parentValues);
    }

    /** Deletes a tallied leaf group's rows by their parents' values ({@link LeafTally#delete}). */
    public TalliedStatement talliedDelete(LeafTally tally, Table child, List<String> matchColumns,
                                          List<Object[]> parentValues) {
        LeafTally.TalliedDelete d = tally.delete(child.name(), child.primaryKey(), matchColumns, parentValues.size());
        return new TalliedStatement(SqlStatement.of(d.sql(), parentValues), d.countsAndHashes());
    }

    /** A tallied delete and whether it answers the count and hash of what it deleted (else an update count). */
    public record TalliedStatement(SqlStatement statement, boolean countsAndHashes) {
    }

    /**
     * One statement deleting every row of a cyclic component, whatever its size and depth, where the database checks
     * foreign keys at the end of a statement; answers one row with the rows deleted per part, in order.
     */
    public Optional<SqlStatement> deleteComponent(List<ComponentRows> parts) {
        return dialect.deleteComponent(parts);
    }

    /** The rows of one table of a component: its key columns with their types, and the keys. */
    public record ComponentRows(Table table, List<Object[]> keys) {
    }
}
