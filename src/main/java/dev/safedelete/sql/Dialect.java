package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.TableName;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything that differs between databases, behind one interface so that the planner and executor never ask
 * which database they talk to. Identifiers reaching a dialect always come from the loaded catalog.
 */
public interface Dialect {

    /** A short name for logs and answers: {@code postgresql}, {@code mariadb}, {@code h2}, ... */
    String name();

    /** Quotes one identifier, doubling the quote character inside it. */
    String quote(String identifier);

    default String table(TableName table) {
        return table.schema() == null || table.schema().isEmpty()
                ? quote(table.name())
                : quote(table.schema()) + "." + quote(table.name());
    }

    CatalogLoader catalogLoader();

    /** A comma list of quoted columns, optionally prefixed with a table alias. */
    default String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /**
     * A predicate true for rows whose {@code columns} equal one of {@code rows} tuples bound in order, row after row.
     * Row-value {@code IN} where the database plans it with the index; dialects that do not override it.
     */
    default String keyPredicate(List<String> columns, int rows) {
        StringBuilder sb = new StringBuilder();
        if (columns.size() == 1) {
            sb.append(quote(columns.get(0))).append(" IN (");
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? "?" : ", ?");
            }
            return sb.append(')').toString();
        }
        String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        sb.append('(').append(columnList(columns)).append(") IN (");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sb.append(')').toString();
    }

    /** How many key tuples one statement binds: bounded by the driver's parameter limit and by plan-cache sanity. */
    default int keysPerStatement(int arity) {
        return Math.max(1, Math.min(1000, 30000 / arity));
    }

    /** Server-side counting of leaf tables ({@link LeafTally}); empty where the database cannot do it exactly. */
    default java.util.Optional<LeafTally> leafTally() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the planner may follow a self-reference to any depth in one {@code WITH RECURSIVE ... UNION} query
     * ({@link StatementBuilder#descendants}) instead of one round per level.
     */
    default boolean recursiveQueries() {
        return false;
    }

    /** A {@link #recursiveQueries} query as it must run: without a limit on its iterations that would cut it short. */
    default String unboundedRecursion(String withRecursive) {
        return withRecursive;
    }

    /** Appended to a SELECT to lock the rows it reads until the transaction ends. */
    default String forUpdate() {
        return " FOR UPDATE";
    }

    /** Where this database's own DELETE of the same roots would fail or behave differently; none by default. */
    default List<String> nativeDeleteCaveats(NativeDeleteFacts facts) {
        return List.of();
    }

    /** Session settings an execution applies at its start: how long to wait for another transaction's locks. */
    List<String> lockTimeout(java.time.Duration timeout);

    /** Undoes {@link #lockTimeout} before the connection goes back to the pool. */
    List<String> resetLockTimeout();

    /**
     * Whether the database checks foreign keys row by row inside a statement (InnoDB), so that a row referencing
     * itself, or rows referencing each other, cannot be deleted even when the whole set is consistent.
     */
    default boolean checksRowByRow() {
        return false;
    }

    /**
     * Whether the database refuses to delete a row that references itself (it checks the row against itself before it
     * is gone). PostgreSQL checks at the end of the statement and does not.
     */
    default boolean refusesSelfReferencingDelete() {
        return checksRowByRow();
    }

    /**
     * Statements that switch off foreign-key enforcement (checks and referential actions) until
     * {@link #restoreForeignKeyChecks}: for the session on InnoDB, for the transaction at most elsewhere. Every
     * {@link #checksRowByRow} dialect has them, and so does every dialect with a {@link #foreignKeyCensus}.
     */
    default List<String> relaxForeignKeyChecks() {
        throw new UnsupportedOperationException(name() + " cannot relax foreign-key checks");
    }

    default List<String> restoreForeignKeyChecks() {
        throw new UnsupportedOperationException(name() + " cannot relax foreign-key checks");
    }

    /**
     * Whether switching foreign-key enforcement off would spare the delete phase real work, given the relationships
     * into the tables it deletes from. By default it would: InnoDB re-checks every deleted parent row by row.
     */
    default boolean relaxingPays(List<dev.safedelete.catalog.Relationship> into) {
        return true;
    }

    /**
     * Reads from the database, in one query across every schema, the foreign keys referencing {@code tables} and
     * their DELETE and UPDATE triggers ({@link ForeignKeyCensus}), to prove before {@link #relaxForeignKeyChecks} that
     * the checks protect nothing the plan does not account for. Empty where the database cannot vouch that the
     * account sees every table of every schema, where the account may not relax the checks, and by default: the
     * checks then stay on.
     */
    default java.util.Optional<ForeignKeyCensus> foreignKeyCensus(java.sql.Connection c,
                                                                  java.util.Collection<TableName> tables,
                                                                  int queryTimeoutSeconds) throws java.sql.SQLException {
        return java.util.Optional.empty();
    }

    /** How the rows of a cyclic component (a self-reference, or tables referencing each other) are deleted. */
    enum ComponentDeletion {
        /** All of them in one statement: the database checks foreign keys at the end of a statement. */
        ONE_STATEMENT,
        /** In key batches with foreign-key checks off for the component: the database checks row by row. */
        RELAXED_BATCHES,
        /** Rows nothing else references first, round after round: the database checks at once and cannot relax. */
        PEELED
    }

    default ComponentDeletion componentDeletion() {
        return checksRowByRow() ? ComponentDeletion.RELAXED_BATCHES : ComponentDeletion.PEELED;
    }

    /**
     * The statement of {@link ComponentDeletion#ONE_STATEMENT}: deletes every row of {@code parts} and answers one row
     * with the rows deleted per part; empty where the keys cannot be bound that way.
     */
    default java.util.Optional<SqlStatement> deleteComponent(List<StatementBuilder.ComponentRows> parts) {
        return java.util.Optional.empty();
    }

    /** What a database error means for an execution. */
    default FailureKind classify(java.sql.SQLException e) {
        if (e instanceof java.sql.SQLTimeoutException) {
            return FailureKind.STATEMENT_TIMEOUT;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof java.sql.SQLNonTransientConnectionException || e instanceof java.sql.SQLRecoverableException
                || state.startsWith("08")) {
            return FailureKind.CONNECTION_LOST;
        }
        return FailureKind.REFUSED;
    }

    /**
     * The SET list of an update that gives {@code columns} their NULL or, with {@code toDefault}, their defaults. A
     * column without a default takes NULL (semantics.md); H2 refuses {@code = DEFAULT} on such a column.
     */
    default String setColumns(dev.safedelete.catalog.Table table, List<String> columns, boolean toDefault) {
        return columns.stream().map(c -> quote(c) + " = " + (toDefault
                && table.column(c).map(dev.safedelete.catalog.Column::defaultValue).isPresent() ? "DEFAULT" : "NULL"))
                .collect(Collectors.joining(", "));
    }

    /** A SELECT of expressions without a table, used to evaluate column defaults. */
    default String selectExpressions(List<String> expressions) {
        return "SELECT " + expressions.stream().map(e -> "(" + e + ")").collect(Collectors.joining(", "));
    }
}
